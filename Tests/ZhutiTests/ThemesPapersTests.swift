import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Zhuti

/// The cross-paper timeline: which paper carried a theme first, when each peaked, the lag.
@Suite struct ThemesPapersTests {
    @Test func dayNumbersMatchTheCalendar() {
        // References from Python's datetime.date(...) - date(1970, 1, 1).
        #expect(ThemeTimeline.dayNumber("1970-01-01") == 0)
        #expect(ThemeTimeline.dayNumber("1969-12-31") == -1)
        #expect(ThemeTimeline.dayNumber("2000-03-01") == 11017)
        #expect(ThemeTimeline.dayNumber("2024-12-11") == 20068)
        #expect(ThemeTimeline.dayNumber("2025-08-26") == 20326)
        #expect(ThemeTimeline.dayNumber("1600-02-29") == -135081)
        for bad in ["", "2025-13-01", "2025-00-10", "20250826", "2025-08", "x-y-z"] {
            #expect(ThemeTimeline.dayNumber(bad) == nil, "\(bad)")
        }
    }

    private func point(_ issue: String, _ date: String?, _ paper: String?, _ count: Int, _ total: Int) -> ThemeReport.TimelinePoint {
        ThemeReport.TimelinePoint(issue: issue, date: date, paper: paper, count: count,
                                  share: Double(count) / Double(total), total: total)
    }

    @Test func leadPaperLagsAndPeaksPerPaper() {
        let timeline = [
            point("a1", "2025-01-01", "甲报", 0, 10),
            point("b1", "2025-01-03", "乙报", 1, 4),
            point("a2", "2025-01-05", "甲报", 2, 10),
            point("b2", "2025-01-10", "乙报", 3, 5),
            point("a3", "2025-01-12", "甲报", 4, 10),
            point("u1", nil, nil, 2, 8),
            point("c1", "2025-01-04", "丙报", 0, 6),
        ]
        let (runs, lead) = ThemeTimeline.papers(timeline)
        #expect(lead == "乙报")
        // 丙报 never carried it: no run. The unnamed, undated paper comes last, without a lag.
        #expect(runs.map(\.paper) == ["乙报", "甲报", nil])
        #expect(runs.map(\.lagDays) == [0, 2, nil])
        #expect(runs[0].articles == 4 && runs[0].issues == 2 && runs[0].issuesWithTheme == 2)
        #expect(runs[0].peak == "b2" && runs[0].peakDate == "2025-01-10" && runs[0].peakShare == 0.6)
        #expect(runs[1].first == "a2" && runs[1].firstDate == "2025-01-05")
        #expect(runs[1].peak == "a3" && runs[1].articles == 6 && runs[1].issues == 3 && runs[1].issuesWithTheme == 2)
        #expect(runs[2].first == "u1" && runs[2].firstDate == nil && runs[2].articles == 2)
    }

    @Test func heatmapGivesEachPaperItsRow() throws {
        let timeline = [point("a1", "2025-01-01", "甲报", 2, 10), point("b1", "2025-01-03", "乙报", 1, 4)]
        let papers = ThemeTimeline.papers(timeline)
        let theme = ThemeReport.Theme(id: 1, label: "招商引资", phrases: ["招商引资"], size: 3, articles: ["x", "y", "z"],
                                      representatives: ["x"], representativeTitles: ["t"], timeline: timeline,
                                      first: "a1", last: "b1", peak: "a1", papers: papers.runs, leadPaper: papers.lead)
        let report = ThemeReport(themes: [theme], unassigned: [], k: 1, articleCount: 14)
        let svg = ThemeHeatmapSVG.render(report, issues: [(id: "a1", date: "2025-01-01"), (id: "b1", date: "2025-01-03")])
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(svg.contains("1 招商引资 · 甲报"))
        #expect(svg.contains(">乙报 +2 d<"))
        // Two rows of two issues: each row colours its own paper's issue and greys the other.
        #expect(svg.components(separatedBy: "class=\"cell\"").count - 1 == 2)
        #expect(svg.components(separatedBy: "class=\"other-paper\"").count - 1 == 2)
        let text = report.renderText()
        #expect(text.contains("papers: 甲报: first 2025-01-01"))
        #expect(text.contains("乙报 (+2 days): first 2025-01-03"))
        #expect(report.renderCSV().contains(",甲报\r\n"))
    }

    /// The seeds hold two papers: 荆州日报 (2024-12-11, 2025-03-10) and 荆州区新闻 (2025-08-26,
    /// dated by its lunar masthead), and two issues that name no paper.
    @Test func seedsTimelineAcrossTwoPapers() throws {
        guard CLIRun.binary != nil else {
            print("skipping: no built zhuti binary next to the tests")
            return
        }
        let home = try CLITests.shared.get()
        let result = try home.run("themes", "--format", "json", "--quiet")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let themes = try #require(object["themes"] as? [[String: Any]])
        var spansBoth = 0
        for theme in themes {
            let runs = try #require(theme["papers"] as? [[String: Any]])
            #expect(runs.reduce(0) { $0 + ($1["articles"] as? Int ?? 0) } == theme["size"] as? Int)
            let dated = runs.filter { $0["lagDays"] != nil }
            if let lead = theme["leadPaper"] as? String {
                #expect(dated.first?["paper"] as? String == lead)
                #expect(dated.first?["lagDays"] as? Int == 0)
            }
            // Each lag is the days between that paper's first date and the earliest one.
            let days = dated.compactMap { ($0["firstDate"] as? String).flatMap(ThemeTimeline.dayNumber) }
            for (run, day) in zip(dated, days) {
                #expect(run["lagDays"] as? Int == day - (days.min() ?? day))
            }
            let names = Set(runs.compactMap { $0["paper"] as? String })
            if names.isSuperset(of: ["荆州日报", "荆州区新闻"]) {
                spansBoth += 1
                let late = try #require(runs.first { $0["paper"] as? String == "荆州区新闻" })
                #expect(late["firstDate"] as? String == "2025-08-26")
            }
        }
        // Campaigns that both papers carried (社会工作和志愿服务, the meetings that pass on
        // the Party's line) show up as such.
        #expect(spansBoth >= 1)
        let text = try home.run("themes", "--quiet")
        #expect(text.stdout.contains("papers: 荆州日报"))
        #expect(text.stdout.contains("荆州区新闻 (+"))
    }
}
