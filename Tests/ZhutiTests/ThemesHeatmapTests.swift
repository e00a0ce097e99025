import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Zhuti

/// Collects what the heatmap tests look at while parsing.
private final class SVGCollector: NSObject, XMLParserDelegate {
    var cells = 0
    var cellTitles: [String] = []
    var labels: [String] = []
    var rootFont = ""
    private var inCell = false
    private var inTitle = false
    private var inLabel = false
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "svg" { rootFont = attributes["font-family"] ?? "" }
        if name == "rect" && attributes["class"] == "cell" { cells += 1; inCell = true }
        if name == "title" && inCell { inTitle = true; text = "" }
        if name == "text" && attributes["class"] == "label" { inLabel = true; text = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle || inLabel { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" && inTitle { cellTitles.append(text); inTitle = false }
        if name == "rect" { inCell = false }
        if name == "text" && inLabel { labels.append(text); inLabel = false }
    }
}

@Suite struct ThemesHeatmapTests {
    func report() -> ThemeReport {
        func point(_ issue: String, _ date: String?, _ count: Int, _ total: Int) -> ThemeReport.TimelinePoint {
            ThemeReport.TimelinePoint(issue: issue, date: date, count: count, share: Double(count) / Double(total), total: total)
        }
        let hostile = "招商<引资> & \"项目\" 'x'\u{0007}"
        return ThemeReport(
            themes: [
                ThemeReport.Theme(id: 1, label: hostile, phrases: ["招商引资"], size: 3, articles: ["a", "b", "c"],
                                  representatives: ["a"], representativeTitles: ["t"],
                                  timeline: [point("i1", "2025-03-01", 2, 4), point("i2", "2025-03-02", 1, 5)],
                                  first: "i1", last: "i2", peak: "i1"),
                ThemeReport.Theme(id: 2, label: "生态治理·河道清淤", phrases: ["生态治理"], size: 2, articles: ["d", "e"],
                                  representatives: ["d"], representativeTitles: ["t"],
                                  timeline: [point("i1", "2025-03-01", 0, 4), point("i2", "2025-03-02", 2, 5)],
                                  first: "i2", last: "i2", peak: "i2"),
            ],
            unassigned: [], k: 2, articleCount: 9)
    }

    @Test func heatmapParsesWithOneTitledCellPerThemeAndIssue() throws {
        let svg = ThemeHeatmapSVG.render(report(), issues: [(id: "i1", date: "2025-03-01"), (id: "i2", date: "2025-03-02")])
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = SVGCollector()
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(collector.cells == 4)
        #expect(collector.cellTitles.count == 4)
        // Row by row, issues in the given order; the control character (illegal in XML 1.0)
        // becomes U+FFFD, as in every XML the engine writes.
        #expect(collector.cellTitles[0] == "招商<引资> & \"项目\" 'x'\u{FFFD} — 2025-03-01 (i1): 2 of 4 articles, 50.0%")
        #expect(collector.cellTitles[1] == "招商<引资> & \"项目\" 'x'\u{FFFD} — 2025-03-02 (i2): 1 of 5 articles, 20.0%")
        #expect(collector.cellTitles[2] == "生态治理·河道清淤 — 2025-03-01 (i1): 0 of 4 articles, 0.0%")
        #expect(collector.cellTitles[3] == "生态治理·河道清淤 — 2025-03-02 (i2): 2 of 5 articles, 40.0%")
        #expect(collector.labels == ["1 招商<引资> & \"项目\" 'x'\u{FFFD}", "2 生态治理·河道清淤"])
        #expect(collector.rootFont.contains("Noto Sans CJK SC") && collector.rootFont.contains("WenQuanYi")
            && collector.rootFont.hasSuffix("sans-serif"))
    }

    @Test func colourScaleIsSequential() {
        // The largest share is darkest, zero is the palette's white end.
        #expect(ThemeHeatmapSVG.shade(0) == "#f7fbff")
        #expect(ThemeHeatmapSVG.shade(1) == "#08306b")
        let svg = ThemeHeatmapSVG.render(report(), issues: [(id: "i1", date: "2025-03-01"), (id: "i2", date: "2025-03-02")])
        #expect(svg.contains("fill=\"#08306b\"><title>招商&lt;引资&gt;"))
    }
}
