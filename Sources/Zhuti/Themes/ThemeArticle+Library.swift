/// The model's documents as theme inputs, in model order, with their library metadata.
extension ThemeArticle {
    /// Documents of the model that are no longer in the library (deleted since the build)
    /// are an error: the user should rebuild rather than get themes over ghosts.
    public static func load(for model: LSAModel, from library: ArticleLibrary) throws -> [ThemeArticle] {
        var byID: [String: ThemeArticle] = [:]
        byID.reserveCapacity(model.documentCount)
        try library.forEachBatch { batch in
            for article in batch {
                byID[article.id] = ThemeArticle(id: article.id, issue: article.issue, date: article.date,
                                                title: article.title, text: article.normalized)
            }
        }
        return try model.documentIDs.map { id in
            guard let article = byID[id] else {
                throw ZhutiError(.notFound, "the model holds article '\(id)', which is no longer in the library; run `zhuti build` again")
            }
            return article
        }
    }
}
