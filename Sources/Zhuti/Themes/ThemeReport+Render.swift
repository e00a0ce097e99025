import Foundation

extension ThemeReport {
    /// JSON with sorted keys: byte-identical for identical reports.
    public func renderJSON() throws -> String {
        try JSONOutput.encode(self)
    }

    /// A table a person reads in a terminal: per theme its label, size, span, peak,
    /// representatives and the issues where it appears.
    public func renderText() -> String {
        var lines: [String] = []
        lines.append("\(themes.count) themes (k = \(k)) over \(articleCount) articles; \(unassigned.count) unassigned")
        for theme in themes {
            lines.append("")
            lines.append("[\(theme.id)] \(theme.label)  (\(theme.size) articles)")
            if !theme.phrases.isEmpty { lines.append("    phrases: \(theme.phrases.joined(separator: "、"))") }
            func describe(_ issue: String?) -> String {
                guard let issue else { return "-" }
                let date = theme.timeline.first { $0.issue == issue }?.date
                return date.map { "\($0) (\(issue))" } ?? issue
            }
            var span = "    first \(describe(theme.first)), last \(describe(theme.last))"
            if let peak = theme.timeline.first(where: { $0.issue == theme.peak }) {
                span += ", peak \(describe(theme.peak)) with \(peak.count)/\(peak.total) = \(Self.percent(peak.share))"
            }
            lines.append(span)
            let present = theme.timeline.filter { $0.count > 0 }
            let shown = present.prefix(12).map { "\($0.date ?? $0.issue) \($0.count) (\(Self.percent($0.share)))" }
            lines.append("    timeline: " + shown.joined(separator: ", ") + (present.count > 12 ? ", … \(present.count - 12) more issues" : ""))
            if Set(theme.timeline.map(\.paper)).count >= 2 {
                lines.append("    papers: " + theme.papers.map(Self.describe).joined(separator: "; "))
            }
            for (id, title) in zip(theme.representatives, theme.representativeTitles) {
                lines.append("    - \(id)  \(title)")
            }
        }
        if !unassigned.isEmpty {
            lines.append("")
            lines.append("unassigned:")
            for item in unassigned {
                lines.append("    \(item.id)  nearest \(item.nearest.map(String.init) ?? "-")  score \(String(format: "%.4f", item.score))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Long-form CSV, one row per theme and issue: theme_id, label, size, first, last, peak,
    /// issue, date, count, total, share, paper. Fields quoted per RFC 4180 where needed.
    public func renderCSV() -> String {
        var out = CSV.line(["theme_id", "label", "size", "first", "last", "peak", "issue", "date", "count", "total", "share", "paper"])
        for theme in themes {
            for point in theme.timeline {
                let fields = [String(theme.id), theme.label, String(theme.size), theme.first ?? "", theme.last ?? "",
                              theme.peak ?? "", point.issue, point.date ?? "", String(point.count), String(point.total),
                              String(format: "%.6f", point.share), point.paper ?? ""]
                out += CSV.line(fields)
            }
        }
        return out
    }

    /// 荆州日报: first 2024-12-11, peak 2025-03-10 (12.5%), 3 articles in 2 of 2 issues;
    /// a later paper with its lag: 荆州区新闻 (+258 days): first ...
    static func describe(_ run: PaperRun) -> String {
        var text = run.paper ?? "(no paper named)"
        if let lag = run.lagDays, lag > 0 { text += " (+\(lag) day\(lag == 1 ? "" : "s"))" }
        text += ": first \(run.firstDate ?? run.first ?? "-")"
        text += ", peak \(run.peakDate ?? run.peak ?? "-") (\(percent(run.peakShare)))"
        text += ", \(run.articles) article\(run.articles == 1 ? "" : "s") in \(run.issuesWithTheme) of \(run.issues) issue\(run.issues == 1 ? "" : "s")"
        return text
    }

    static func percent(_ share: Double) -> String {
        String(format: "%.1f%%", share * 100)
    }
}
