import Foundation

/// Themes x issues heatmap: one row per theme (label on the left), one column per issue in
/// the given order (dates along the top), cell colour = the theme's share of the issue on a
/// sequential white-to-blue scale (0 to the largest share in the chart), and a `<title>` per
/// cell with the counts so a browser shows them on hover.
///
/// When the issues come from more than one paper, each theme gets one row per paper that
/// carried it (the paper that carried it first on top, the others with their lag in days),
/// and a paper's row colours only that paper's issues (the others are pale grey): how a
/// campaign moved from one paper to the next is read down the rows.
public enum ThemeHeatmapSVG {
    static let fontFamily = "'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif"

    /// One drawn row: a theme, or one paper's share of it.
    struct Row {
        var theme: ThemeReport.Theme
        var label: String
        /// nil: the whole theme; else only this paper's issues (`.some(nil)`: unnamed paper).
        var paper: String??
    }

    static func rows(_ report: ThemeReport) -> [Row] {
        let papers = Set(report.themes.flatMap { $0.timeline.map(\.paper) })
        guard papers.count >= 2 else { return report.themes.map { Row(theme: $0, label: "\($0.id) \($0.label)", paper: nil) } }
        var rows: [Row] = []
        for theme in report.themes {
            for (index, run) in theme.papers.enumerated() {
                var name = run.paper ?? "(no paper named)"
                if let lag = run.lagDays, lag > 0 { name += " +\(lag) d" }
                let label = index == 0 ? "\(theme.id) \(theme.label) · \(name)" : "\(name)"
                rows.append(Row(theme: theme, label: label, paper: .some(run.paper)))
            }
        }
        return rows
    }

    public static func render(_ report: ThemeReport, issues: [(id: String, date: String?)]) -> String {
        let rows = rows(report)
        let rowHeight = 24.0
        let cellWidth = issues.isEmpty ? 24.0 : max(4.0, min(28.0, 1000.0 / Double(issues.count)))
        let labelWidth = 30.0 + 14.0 * Double(rows.map { displayWidth($0.label) }.max() ?? 4) / 2
        let headerHeight = 90.0
        let legendHeight = 50.0
        let width = labelWidth + cellWidth * Double(issues.count) + 20
        let height = headerHeight + rowHeight * Double(rows.count) + legendHeight
        let maxShare = report.themes.flatMap(\.timeline).map(\.share).max() ?? 0

        var svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(fmt(width))" height="\(fmt(height))" viewBox="0 0 \(fmt(width)) \(fmt(height))" font-family="\(escape(fontFamily))" font-size="13">

        """
        svg += "<title>Zhuti themes by issue</title>\n"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(fmt(width))\" height=\"\(fmt(height))\" fill=\"#ffffff\"/>\n"

        // Column headers: every issue when they fit, else every n-th.
        let every = max(1, Int((16.0 / cellWidth).rounded(.up)))
        svg += "<g class=\"issues\" font-size=\"11\" fill=\"#333333\">\n"
        for (column, issue) in issues.enumerated() where column % every == 0 {
            let x = labelWidth + cellWidth * (Double(column) + 0.5)
            let y = headerHeight - 6
            svg += "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" transform=\"rotate(-60 \(fmt(x)) \(fmt(y)))\">\(escape(issue.date ?? issue.id))</text>\n"
        }
        svg += "</g>\n"

        svg += "<g class=\"themes\">\n"
        for (index, row) in rows.enumerated() {
            let theme = row.theme
            let y = headerHeight + rowHeight * Double(index)
            svg += "<text class=\"label\" x=\"\(fmt(labelWidth - 8))\" y=\"\(fmt(y + rowHeight * 0.68))\" text-anchor=\"end\">\(escape(row.label))</text>\n"
            let points = Dictionary(theme.timeline.map { ($0.issue, $0) }, uniquingKeysWith: { first, _ in first })
            for (column, issue) in issues.enumerated() {
                let point = points[issue.id]
                let x = labelWidth + cellWidth * Double(column)
                if let paper = row.paper, point?.paper != paper {
                    svg += "<rect class=\"other-paper\" x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(cellWidth))\" height=\"\(fmt(rowHeight - 2))\" fill=\"#eeeeee\"/>\n"
                    continue
                }
                let share = point?.share ?? 0
                let colour = shade(maxShare > 0 ? share / maxShare : 0)
                let paperName = point?.paper.map { " \($0)" } ?? ""
                let tip = "\(theme.label) —\(paperName) \(issue.date ?? issue.id) (\(issue.id)): \(point?.count ?? 0) of \(point?.total ?? 0) articles, \(String(format: "%.1f%%", share * 100))"
                svg += "<rect class=\"cell\" x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(cellWidth))\" height=\"\(fmt(rowHeight - 2))\" fill=\"\(colour)\"><title>\(escape(tip))</title></rect>\n"
            }
        }
        svg += "</g>\n"

        // Legend: the colour scale from 0 to the largest share.
        let legendY = headerHeight + rowHeight * Double(rows.count) + 16
        svg += "<g class=\"legend\" font-size=\"11\" fill=\"#333333\">\n"
        for step in 0..<10 {
            let x = labelWidth + 14.0 * Double(step)
            svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(legendY))\" width=\"14\" height=\"10\" fill=\"\(shade(Double(step) / 9))\"/>\n"
        }
        svg += "<text x=\"\(fmt(labelWidth - 8))\" y=\"\(fmt(legendY + 9))\" text-anchor=\"end\">share of issue</text>\n"
        svg += "<text x=\"\(fmt(labelWidth + 146))\" y=\"\(fmt(legendY + 9))\">0 – \(String(format: "%.1f%%", maxShare * 100))</text>\n"
        svg += "</g>\n</svg>\n"
        return svg
    }

    /// White (#f7fbff) to dark blue (#08306b), linear in RGB: a sequential palette where
    /// darker always means a larger share.
    static func shade(_ t: Double) -> String {
        let u = min(1, max(0, t.isFinite ? t : 0))
        let low = (0xF7, 0xFB, 0xFF)
        let high = (0x08, 0x30, 0x6B)
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * u).rounded()) }
        return String(format: "#%02x%02x%02x", mix(low.0, high.0), mix(low.1, high.1), mix(low.2, high.2))
    }

    /// Half-width units: CJK and other wide characters count 2, the rest 1.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
    }

    static func fmt(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    static func escape(_ text: String) -> String { OutputEscaping.xml(text) }
}
