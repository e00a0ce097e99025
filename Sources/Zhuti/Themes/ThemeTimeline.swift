/// Issues in archive order and per-issue counts of a theme.
public enum ThemeTimeline {
    public struct Issue: Sendable, Hashable {
        public var id: String
        public var date: String?
        public var paper: String?
        public var articleCount: Int
    }

    /// Issues ordered by (date, id); issues without a date come after dated ones. An issue's
    /// date is the earliest date among its articles.
    public static func issues(of articles: [ThemeArticle]) -> [Issue] {
        var byId: [String: Issue] = [:]
        for article in articles {
            var issue = byId[article.issue] ?? Issue(id: article.issue, date: nil, paper: nil, articleCount: 0)
            issue.articleCount += 1
            if issue.paper == nil, let paper = article.paper, !paper.isEmpty { issue.paper = paper }
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
            return ThemeReport.TimelinePoint(issue: issue.id, date: issue.date, paper: issue.paper, count: count,
                                             share: share, total: issue.articleCount)
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

    /// The theme per paper (see `ThemeReport.PaperRun`) and the paper that carried it first.
    public static func papers(_ timeline: [ThemeReport.TimelinePoint]) -> (runs: [ThemeReport.PaperRun], lead: String?) {
        var order: [String?] = []
        var byPaper: [String?: [ThemeReport.TimelinePoint]] = [:]
        for point in timeline {
            if byPaper[point.paper] == nil { order.append(point.paper) }
            byPaper[point.paper, default: []].append(point)
        }
        var runs: [ThemeReport.PaperRun] = []
        for paper in order {
            let points = byPaper[paper] ?? []
            let marks = landmarks(points)
            guard let first = marks.first else { continue }
            let firstPoint = points.first { $0.issue == first }
            let peakPoint = points.first { $0.issue == marks.peak }
            runs.append(ThemeReport.PaperRun(
                paper: paper, articles: points.reduce(0) { $0 + $1.count }, issues: points.count,
                issuesWithTheme: points.filter { $0.count > 0 }.count, first: first, firstDate: firstPoint?.date,
                peak: marks.peak, peakDate: peakPoint?.date, peakShare: peakPoint?.share ?? 0, lagDays: nil))
        }
        let dated = runs.compactMap { run in run.firstDate.flatMap(dayNumber).map { (run, $0) } }
        let start = dated.map(\.1).min()
        for index in runs.indices {
            if let start, let day = runs[index].firstDate.flatMap(dayNumber) { runs[index].lagDays = day - start }
        }
        runs.sort { a, b in
            switch (a.lagDays, b.lagDays) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return (a.paper ?? "\u{10FFFF}") < (b.paper ?? "\u{10FFFF}")
            }
        }
        let lead = runs.first { $0.lagDays == 0 }?.paper
        return (runs, lead)
    }

    /// Days since 1970-01-01 of an ISO date (YYYY-MM-DD, proleptic Gregorian), nil if it is
    /// not one. Days from civil, after Howard Hinnant's algorithm: no calendar object, no zone.
    static func dayNumber(_ iso: String) -> Int? {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let y0 = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
