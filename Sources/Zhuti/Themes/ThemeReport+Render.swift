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
    /// issue, date, count, total, share. Fields quoted per RFC 4180 where needed.
    public func renderCSV() -> String {
        var out = CSV.line(["theme_id", "label", "size", "first", "last", "peak", "issue", "date", "count", "total", "share"])
        for theme in themes {
            for point in theme.timeline {
                let fields = [String(theme.id), theme.label, String(theme.size), theme.first ?? "", theme.last ?? "",
                              theme.peak ?? "", point.issue, point.date ?? "", String(point.count), String(point.total),
                              String(format: "%.6f", point.share)]
                out += CSV.line(fields)
            }
        }
        return out
    }

    static func percent(_ share: Double) -> String {
        String(format: "%.1f%%", share * 100)
    }
}
