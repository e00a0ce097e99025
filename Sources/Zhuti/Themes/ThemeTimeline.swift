/// Issues in archive order and per-issue counts of a theme.
public enum ThemeTimeline {
    public struct Issue: Sendable, Hashable {
        public var id: String
        public var date: String?
        public var articleCount: Int
    }

    /// Issues ordered by (date, id); issues without a date come after dated ones. An issue's
    /// date is the earliest date among its articles.
    public static func issues(of articles: [ThemeArticle]) -> [Issue] {
        var byId: [String: Issue] = [:]
        for article in articles {
            var issue = byId[article.issue] ?? Issue(id: article.issue, date: nil, articleCount: 0)
            issue.articleCount += 1
            if let date = article.date, !date.isEmpty, issue.date == nil || date < issue.date! {
                issue.date = date
            }
            byId[article.issue] = issue
        }
        return byId.values.sorted(by: precedes)
    }

    static func precedes(_ a: Issue, _ b: Issue) -> Bool {
        switch (a.date, b.date) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.id < b.id
        }
    }

    /// One point per issue: members of the theme in it, and their share of the issue.
    public static func timeline(memberRows: [Int], articles: [ThemeArticle], issues: [Issue]) -> [ThemeReport.TimelinePoint] {
        var counts: [String: Int] = [:]
        for row in memberRows { counts[articles[row].issue, default: 0] += 1 }
        return issues.map { issue in
            let count = counts[issue.id] ?? 0
            let share = issue.articleCount > 0 ? Double(count) / Double(issue.articleCount) : 0
            return ThemeReport.TimelinePoint(issue: issue.id, date: issue.date, count: count, share: share,
                                             total: issue.articleCount)
        }
    }

    /// (first, last, peak) issue ids of a timeline; peak = highest share, ties by higher
    /// count then the earlier issue.
    public static func landmarks(_ timeline: [ThemeReport.TimelinePoint]) -> (first: String?, last: String?, peak: String?) {
        let present = timeline.filter { $0.count > 0 }
        var peak: ThemeReport.TimelinePoint?
        for point in present {
            guard let best = peak else { peak = point; continue }
            if point.share > best.share || (point.share == best.share && point.count > best.count) { peak = point }
        }
        return (present.first?.issue, present.last?.issue, peak?.issue)
    }
}
