/// How strongly each issue covers a query over time, for campaigns the clustering did not
/// isolate. The caller folds the query into the model and passes each article's cosine.
public enum ThemeTracker {
    public struct Point: Codable, Sendable, Hashable {
        public var issue: String
        public var date: String?
        /// Articles in the issue.
        public var articles: Int
        /// Articles scoring at least the threshold.
        public var matches: Int
        /// `matches / articles`.
        public var share: Double
        /// Mean of the issue's `top` best scores (fewer when the issue is smaller).
        public var meanTop: Double
        public var max: Double
        /// Id of the best-scoring article of the issue.
        public var best: String
    }

    public struct Report: Codable, Sendable, Hashable {
        public var query: String
        public var threshold: Double
        public var top: Int
        public var issues: [Point]
    }

    /// `scores[i]` belongs to `articles[i]`. Issues come in archive order (date, then id).
    public static func track(query: String, scores: [Float], articles: [ThemeArticle], threshold: Float = 0.3,
                             top: Int = 3) throws -> Report {
        guard !articles.isEmpty else {
            throw ZhutiError(.badInput, "the library has no articles; run `zhuti ingest` first")
        }
        guard scores.count == articles.count else {
            throw ZhutiError(.badInput, "got \(scores.count) scores for \(articles.count) articles")
        }
        guard top >= 1 else { throw ZhutiError(.badOption, "\(ZhutiError.Parameter.top) must be at least 1") }
        var rowsByIssue: [String: [Int]] = [:]
        for (row, article) in articles.enumerated() { rowsByIssue[article.issue, default: []].append(row) }
        let points = ThemeTimeline.issues(of: articles).map { issue -> Point in
            let rows = (rowsByIssue[issue.id] ?? []).sorted {
                scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1
            }
            let best = rows.prefix(top).map { Double(scores[$0]) }
            let matches = rows.filter { scores[$0] >= threshold }.count
            return Point(issue: issue.id, date: issue.date, articles: rows.count, matches: matches,
                         share: rows.isEmpty ? 0 : Double(matches) / Double(rows.count),
                         meanTop: ThemeReportBuilder.rounded(Float(best.reduce(0, +) / Double(max(1, best.count)))),
                         max: ThemeReportBuilder.rounded(rows.first.map { scores[$0] } ?? 0),
                         best: rows.first.map { articles[$0].id } ?? "")
        }
        return Report(query: query, threshold: Double(threshold), top: top, issues: points)
    }
}
