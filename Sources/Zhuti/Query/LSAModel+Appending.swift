/// Folding new articles into a stored model: their vectors appended, and the model's kept
/// neighbour lists brought up to date (which needs the search, hence here in Query).
extension LSAModel {
    /// A model that also holds `ids` (folded in from their normalised texts), for articles
    /// ingested after the fit. Ids already in the model are replaced in place.
    public func appending(ids: [String], normalizedTexts: [String], progress: ((String) -> Void)? = nil) throws -> LSAModel {
        precondition(ids.count == normalizedTexts.count)
        let k = dimensions
        var allIDs = documentIDs
        var vectors = Array(documentVectors.buffer)
        var added = 0
        for (done, (id, text)) in zip(ids, normalizedTexts).enumerated() {
            if done % 256 == 0 { progress?("update, folding in: \(done)/\(ids.count) articles") }
            let vector = foldIn(normalizedText: text) ?? [Float](repeating: 0, count: k)
            if let existing = documentIndex[id] {
                vectors.replaceSubrange((existing * k)..<((existing + 1) * k), with: vector)
            } else {
                allIDs.append(id)
                vectors.append(contentsOf: vector)
                added += 1
            }
        }
        var info = info
        info.documentCount = allIDs.count
        info.foldedInCount += added
        let model = LSAModel(info: info, vectorizer: vectorizer, singularValues: singularValues, termVectors: termVectors,
                             documentIDs: allIDs, documentVectors: FloatStorage(vectors))
        progress?("update, folding in: \(ids.count)/\(ids.count) articles")
        guard let neighbourLists else { return model }
        progress?("update: extending the neighbour lists")
        // Replaced vectors may sit in any document's list: only a full search is exact then.
        return added == ids.count ? model.withNeighbourLists(extending: neighbourLists) : model.withNeighbourLists()
    }
}

extension LSAModel {
    /// This model with every library article it does not hold folded in (ingested or posted
    /// after the build), and how many were: what `zhuti update` writes and what the server
    /// answers from at start. Nil when the model holds them all.
    public func foldingInMissing(from library: ArticleLibrary, progress: ((String) -> Void)? = nil) throws -> (model: LSAModel, added: Int)? {
        var ids: [String] = []
        var texts: [String] = []
        try library.snapshot { snapshot in
            try snapshot.forEachArticleBatch { batch in
                for article in batch where index(of: article.id) == nil {
                    ids.append(article.id)
                    texts.append(article.normalized)
                }
            }
        }
        guard !ids.isEmpty else { return nil }
        return (try appending(ids: ids, normalizedTexts: texts, progress: progress), ids.count)
    }
}
