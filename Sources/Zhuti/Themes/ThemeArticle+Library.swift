/// The model's documents as theme inputs, in model order, with their library metadata.
extension ThemeArticle {
    /// Documents of the model that are no longer in the library (deleted since the build)
    /// are an error: the user should rebuild rather than get themes over ghosts.
    /// `withText` false leaves `text` empty and reads only the headers (a large archive's
    /// themes need the texts of a few hundred members per theme, read on demand).
    public static func load(for model: LSAModel, from library: ArticleLibrary, withText: Bool = true) throws -> [ThemeArticle] {
        let headers = try library.headers()
        let texts = withText ? try library.normalizedTexts() : [:]
        return try model.documentIDs.map { id in
            guard let header = headers[id] else {
                throw ZhutiError(.notFound, "the model holds article '\(id)', which is no longer in the library; run `zhuti build` again")
            }
            return ThemeArticle(id: id, issue: header.issue, date: header.date, paper: header.paper, title: header.title, text: texts[id] ?? "")
        }
    }
}
