/// The themes of a built model's articles: the one path `zhuti themes`, `zhuti graph` and the
/// server take from a model and its library to a report.
extension ThemeReportBuilder {
    /// `minSize` nil scales with the archive (`ClusteringOptions.defaultMinSize`). Returns the
    /// articles too (model order, without their texts), for timelines and heatmaps.
    public static func build(model: LSAModel, library: ArticleLibrary, k: ThemeCount, minSize: Int? = nil,
                             seed: UInt64 = ClusteringOptions().seed,
                             progress: ((String) -> Void)? = nil) throws -> (report: ThemeReport, articles: [ThemeArticle]) {
        progress?("themes: reading \(model.documentCount) articles' headers")
        let articles = try ThemeArticle.load(for: model, from: library, withText: false)
        let minSize = minSize ?? ClusteringOptions.defaultMinSize(articleCount: articles.count)
        guard minSize >= 1 else { throw ZhutiError(.badOption, "\(ZhutiError.Parameter.minSize) must be at least 1") }
        progress?("themes: clustering (\(k == .auto ? "choosing k by silhouette" : "k fixed")), then labelling")
        let report = try build(vectors: model.documentVectors(singularValueExponent: 1), dims: model.dimensions, articles: articles,
                               options: ClusteringOptions(k: k, minSize: minSize, seed: seed)) { rows in
            progress?("themes: labelling from \(rows.count) sampled articles")
            let texts = try library.normalizedTexts(ids: rows.map { articles[$0].id })
            return rows.map { articles[$0].labelText(texts[articles[$0].id] ?? "") }
        }
        return (report, articles)
    }
}
