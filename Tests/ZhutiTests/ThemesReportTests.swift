import Foundation
import Testing
@testable import Zhuti

@Suite struct ThemesReportTests {
    func campaignReport() throws -> ThemeReport {
        let fixture = themesCampaignFixture()
        return try ThemeReportBuilder.build(vectors: fixture.vectors, dims: fixture.dims, articles: fixture.articles,
                                            options: ClusteringOptions(k: .fixed(3), minSize: 2, seed: 42))
    }

    @Test func labelsAreVerbatimDistinctivePhrases() throws {
        let fixture = themesCampaignFixture()
        let report = try campaignReport()
        #expect(report.themes.count == 3)
        #expect(report.unassigned.isEmpty)
        let expected = ["a1": "招商引资", "a4": "生态治理", "a7": "巡视整改"]
        for theme in report.themes {
            #expect(theme.size == 3)
            #expect(!theme.phrases.isEmpty)
            let memberTexts = fixture.articles.filter { theme.articles.contains($0.id) }.map { $0.title + "\n" + $0.text }
            for phrase in theme.phrases {
                // Verbatim in at least two members (the support rule for a 3-article theme).
                #expect(memberTexts.filter { $0.contains(phrase) }.count >= 2, "\(phrase)")
                // Not a fragment of another chosen phrase.
                #expect(!theme.phrases.contains { $0 != phrase && $0.contains(phrase) }, "\(phrase)")
                // Nothing from the phrase every campaign shares.
                #expect(!"习近平总书记".contains(phrase) && !phrase.contains("总书记"), "\(phrase)")
            }
            let campaign = try #require(expected.first { theme.articles.contains($0.key) }?.value)
            #expect(theme.label.contains(campaign), "\(theme.label)")
            #expect(theme.label.split(separator: "·").count >= 2)
        }
        // Phrases this fixture makes distinctive, merged beyond the 4-character n-grams.
        let all = Set(report.themes.flatMap(\.phrases))
        #expect(all.contains("营商环境") && all.contains("压实主体责任") && all.contains("植树造林"))
    }

    @Test func reportShapeTimelineAndRepresentatives() throws {
        let report = try campaignReport()
        for theme in report.themes {
            #expect(theme.timeline.map(\.issue) == ["i1", "i2", "i3"])
            // One article of each campaign per issue, three articles per issue.
            #expect(theme.timeline.map(\.count) == [1, 1, 1])
            #expect(theme.timeline.allSatisfy { $0.total == 3 && abs($0.share - 1.0 / 3) < 1e-12 })
            #expect(theme.first == "i1" && theme.last == "i3" && theme.peak == "i1")
            #expect(Set(theme.representatives) == Set(theme.articles))
        }
        let json = try report.renderJSON()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let themes = try #require(object["themes"] as? [[String: Any]])
        for key in ["id", "label", "phrases", "size", "articles", "representatives", "timeline", "first", "last", "peak"] {
            #expect(themes[0][key] != nil, "\(key)")
        }
        let point = try #require((themes[0]["timeline"] as? [[String: Any]])?.first)
        #expect(Set(point.keys).isSuperset(of: ["issue", "date", "count", "share"]))
        #expect(object["unassigned"] as? [Any] != nil)
        // Same input, same bytes.
        #expect(try campaignReport().renderJSON() == json)
        let csv = report.renderCSV()
        #expect(csv.hasPrefix("theme_id,label,size,first,last,peak,issue,date,count,total,share,paper\r\n"))
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 3 * 3)
        #expect(report.renderText().contains("[1] \(report.themes[0].label)  (3 articles)"))
    }

    @Test func unassignedArticleReportsNearestThemeAndScore() throws {
        var fixture = themesCampaignFixture()
        fixture.vectors += themesUnit([0.1, 0, 0, 0, 0, 0, 0, 1])
        fixture.articles.append(ThemeArticle(id: "odd", issue: "i2", date: "2025-03-02", title: "天气预报",
                                             text: "明天晴，气温五至十五度。"))
        let report = try ThemeReportBuilder.build(vectors: fixture.vectors, dims: fixture.dims,
                                                  articles: fixture.articles,
                                                  options: ClusteringOptions(k: .fixed(3), minSize: 2, seed: 42))
        #expect(report.unassigned.count == 1)
        let odd = try #require(report.unassigned.first)
        #expect(odd.id == "odd")
        let investment = try #require(report.themes.first { $0.articles.contains("a1") })
        #expect(odd.nearest == investment.id)
        #expect(odd.score > 0.05 && odd.score < 0.15)
        // The unassigned article still counts in its issue's total.
        let point = try #require(investment.timeline.first { $0.issue == "i2" })
        #expect(point.total == 4 && point.count == 1 && point.share == 0.25)
        #expect(try report.renderJSON().contains("\"unassigned\":[{\"id\":\"odd\",\"nearest\":\(investment.id),\"score\":"))
    }

    @Test func timelineArithmeticAndIssueOrder() {
        // Issue order: dated issues by date (B before A), then undated C.
        let articles = [
            ThemeArticle(id: "a1", issue: "A", date: "2025-03-02", title: "", text: ""),
            ThemeArticle(id: "a2", issue: "A", date: "2025-03-02", title: "", text: ""),
            ThemeArticle(id: "a3", issue: "A", date: "2025-03-02", title: "", text: ""),
            ThemeArticle(id: "a4", issue: "A", date: "2025-03-02", title: "", text: ""),
            ThemeArticle(id: "b1", issue: "B", date: "2025-03-01", title: "", text: ""),
            ThemeArticle(id: "b2", issue: "B", date: "2025-03-01", title: "", text: ""),
            ThemeArticle(id: "c1", issue: "C", date: nil, title: "", text: ""),
        ]
        let issues = ThemeTimeline.issues(of: articles)
        #expect(issues.map(\.id) == ["B", "A", "C"])
        #expect(issues.map(\.articleCount) == [2, 4, 1])
        // Theme members: a1, a2, a3 (3 of 4 in A), b1 (1 of 2 in B), none in C.
        let timeline = ThemeTimeline.timeline(memberRows: [0, 1, 2, 4], articles: articles, issues: issues)
        #expect(timeline.map(\.count) == [1, 3, 0])
        #expect(timeline.map(\.share) == [0.5, 0.75, 0])
        #expect(timeline.map(\.date) == ["2025-03-01", "2025-03-02", nil])
        let marks = ThemeTimeline.landmarks(timeline)
        #expect(marks.first == "B" && marks.last == "A" && marks.peak == "A")
        // Equal shares: the larger count wins the peak.
        let tie = ThemeTimeline.timeline(memberRows: [0, 1, 4], articles: articles, issues: issues)
        #expect(tie.map(\.share) == [0.5, 0.5, 0])
        #expect(ThemeTimeline.landmarks(tie).peak == "A")
    }
}
