import Testing
@testable import Zhuti

@Suite struct ThemesTrackerTests {
    @Test func perIssueMeanTopMatchesAndMax() throws {
        let articles = [
            ThemeArticle(id: "x1", issue: "late", date: "2025-03-02", title: "", text: ""),
            ThemeArticle(id: "x2", issue: "late", date: "2025-03-02", title: "", text: ""),
            ThemeArticle(id: "x3", issue: "late", date: "2025-03-02", title: "", text: ""),
            ThemeArticle(id: "y1", issue: "early", date: "2025-03-01", title: "", text: ""),
            ThemeArticle(id: "y2", issue: "early", date: "2025-03-01", title: "", text: ""),
        ]
        let scores: [Float] = [0.5, 0.1, 0.4, 0.2, 0.25]
        let report = try ThemeTracker.track(query: "巡视整改", scores: scores, articles: articles, threshold: 0.3, top: 2)
        #expect(report.issues.map(\.issue) == ["early", "late"])
        let early = report.issues[0]
        #expect(early.articles == 2 && early.matches == 0 && early.share == 0)
        #expect(early.meanTop == 0.225 && early.max == 0.25 && early.best == "y2")
        let late = report.issues[1]
        // Top two of 0.5, 0.1, 0.4 -> 0.45; two of three at or above 0.3.
        #expect(late.articles == 3 && late.matches == 2 && abs(late.share - 2.0 / 3) < 1e-12)
        #expect(late.meanTop == 0.45 && late.max == 0.5 && late.best == "x1")
    }

    @Test func trackerErrors() {
        #expect(throws: ZhutiError(.badInput, "the library has no articles; run `zhuti ingest` first")) {
            try ThemeTracker.track(query: "q", scores: [], articles: [])
        }
        let one = [ThemeArticle(id: "a", issue: "i", date: nil, title: "", text: "")]
        #expect(throws: ZhutiError(.badInput, "got 2 scores for 1 articles")) {
            try ThemeTracker.track(query: "q", scores: [0.1, 0.2], articles: one)
        }
    }
}
