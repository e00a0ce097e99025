/// The whole themes pipeline: cluster, set aside misfits, label, lay out timelines.
public enum ThemeReportBuilder {
    public static let representativeCount = 5

    /// `vectors`: n x dims row-major unit rows (LSA document vectors), row i for `articles[i]`.
    public static func build(vectors: [Float], dims: Int, articles: [ThemeArticle],
                             options: ClusteringOptions) throws -> ThemeReport {
        try build(vectors: vectors, dims: dims, articles: articles, options: options) { rows in
            rows.map { articles[$0].labelText(articles[$0].text) }
        }
    }

    /// `labelTexts(rows)`: the label texts (`ThemeArticle.labelText`) of those rows, asked for
    /// the labeller's samples only.
    static func build(vectors: [Float], dims: Int, articles: [ThemeArticle], options: ClusteringOptions,
                      labelTexts: (_ rows: [Int]) throws -> [String]) throws -> ThemeReport {
        guard !articles.isEmpty, !vectors.isEmpty else {
            throw ZhutiError(.badInput, "the library has no articles; run `zhuti ingest` first")
        }
        guard dims > 0, vectors.count == articles.count * dims else {
            throw ZhutiError(.badInput,
                             "the model has \(dims > 0 ? vectors.count / dims : 0) document vectors of \(dims) dimensions for \(articles.count) articles; rebuild it with `zhuti build`")
        }
        let result = try ThemeClusterer.cluster(vectors: vectors, dims: dims, options: options)
        return try build(clustering: result.clustering, requestedK: result.requestedK, articles: articles,
                         labelTexts: labelTexts)
    }

    /// Report for an existing clustering (rows in `articles` order).
    public static func build(clustering: Clustering, requestedK: Int, articles: [ThemeArticle],
                             labeler: ThemeLabeler = ThemeLabeler()) -> ThemeReport {
        build(clustering: clustering, requestedK: requestedK, articles: articles, labeler: labeler) { rows in
            rows.map { articles[$0].labelText(articles[$0].text) }
        }
    }

    static func build(clustering: Clustering, requestedK: Int, articles: [ThemeArticle], labeler: ThemeLabeler = ThemeLabeler(),
                      labelTexts: (_ rows: [Int]) throws -> [String]) rethrows -> ThemeReport {
        let issues = ThemeTimeline.issues(of: articles)
        let ranked = rankedMembers(clustering)
        let labels = try labeler.label(members: ranked, texts: labelTexts)
        var themes: [ThemeReport.Theme] = []
        for (index, rows) in ranked.enumerated() {
            let inOrder = rows.sorted()
            let timeline = ThemeTimeline.timeline(memberRows: inOrder, articles: articles, issues: issues)
            let marks = ThemeTimeline.landmarks(timeline)
            let papers = ThemeTimeline.papers(timeline)
            let representatives = Array(rows.prefix(representativeCount))
            var label = labels[index].label
            if label.isEmpty, let top = representatives.first {
                label = String(articles[top].title.prefix(16))
            }
            if label.isEmpty { label = "theme \(index + 1)" }
            themes.append(ThemeReport.Theme(
                id: index + 1, label: label, phrases: labels[index].phrases, size: rows.count,
                articles: inOrder.map { articles[$0].id },
                representatives: representatives.map { articles[$0].id },
                representativeTitles: representatives.map { articles[$0].title },
                timeline: timeline, first: marks.first, last: marks.last, peak: marks.peak,
                papers: papers.runs, leadPaper: papers.lead))
        }
        var unassigned: [ThemeReport.Unassigned] = []
        for row in articles.indices where clustering.assignments[row] < 0 {
            let nearest = clustering.nearest[row]
            unassigned.append(ThemeReport.Unassigned(
                id: articles[row].id, nearest: nearest >= 0 ? nearest + 1 : nil,
                score: rounded(clustering.scores[row])))
        }
        return ThemeReport(themes: themes, unassigned: unassigned, k: requestedK, articleCount: articles.count)
    }

    /// Each theme's member rows, best score first (ties by row).
    static func rankedMembers(_ clustering: Clustering) -> [[Int]] {
        clustering.members().map { rows in
            rows.sorted { clustering.scores[$0] != clustering.scores[$1]
                ? clustering.scores[$0] > clustering.scores[$1] : $0 < $1 }
        }
    }

    static func rounded(_ value: Float) -> Double {
        (Double(value) * 10_000).rounded() / 10_000
    }
}
