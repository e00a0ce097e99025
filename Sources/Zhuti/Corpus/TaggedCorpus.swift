/// The PKU People's Daily corpus format (`199801.txt`): one paragraph per line,
/// `19980101-01-001-001/m  迈向/v  充满/v …` with ID `date-page-article-paragraph`, tokens
/// `word/TAG`, compounds bracketed `[中央/n 电台/n]nt`. Stripping the tags is trivial and gives
/// real articles (the same ones as the derived `articles.jsonl`), one issue per date.
enum TaggedCorpus {
    private struct Article {
        var id: String
        var page: Int
        var paragraphs: [[UInt8]] = []
    }

    private struct Issue {
        var date: String
        var hash = StableHash()
        var articles: [Article] = []
    }

    /// Nil when the text is not in this format (decided on its first non-blank line).
    static func readIfTagged(text: String, name: String) throws -> [ParsedIssue]? {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { all -> [ParsedIssue]? in
            let buf = UnsafeBufferPointer(all)
            var issues: [Issue] = []
            var byDate = FirstSeenIndex<String>()
            var start = 0
            var lineNo = 0
            var checkedFormat = false
            while start < buf.count {
                var end = start
                while end < buf.count, buf[end] != 0x0A { end += 1 }
                lineNo += 1
                var lo = start, hi = end
                while lo < hi, buf[lo] == 0x20 || buf[lo] == 0x0D || buf[lo] == 0x09 { lo += 1 }
                while hi > lo, buf[hi - 1] == 0x20 || buf[hi - 1] == 0x0D || buf[hi - 1] == 0x09 { hi -= 1 }
                start = end + 1
                if lo == hi { continue }
                let line = UnsafeBufferPointer(rebasing: buf[lo..<hi])
                guard isParagraphID(line) else {
                    if !checkedFormat { return nil }
                    throw ZhutiError(.badInput, "expected a tagged paragraph line (YYYYMMDD-PP-AAA-NNN/m …)",
                                     file: name, line: lineNo)
                }
                checkedFormat = true
                try addLine(line, to: &issues, byDate: &byDate, name: name, lineNo: lineNo)
            }
            if !checkedFormat { return nil }
            return issues.map { issue in
                let articles = issue.articles.map { a -> ParsedArticle in
                    let paras = a.paragraphs.map { String(decoding: $0, as: UTF8.self) }
                    let body = paras.joined(separator: "\n")
                    let first = paras.first ?? ""
                    let looksLikeHeadline = first.unicodeScalars.count <= 40 && !first.contains("。")
                    let title = looksLikeHeadline && !first.isEmpty ? first : ScalarText.fallbackTitle(from: body)
                    return ParsedArticle(id: a.id, title: title, text: body, page: a.page, date: issue.date)
                }
                return ParsedIssue(id: issue.date, source: name, date: issue.date,
                                   contentHash: issue.hash.hexDigest, articles: articles, dateSource: "export")
            }
        }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `YYYYMMDD-PP-AAA-NNN/` at the start of the line.
    private static func isParagraphID(_ l: UnsafeBufferPointer<UInt8>) -> Bool {
        guard l.count >= 20 else { return false }
        for k in 0..<8 where !isDigit(l[k]) { return false }
        return l[8] == 0x2D && isDigit(l[9]) && isDigit(l[10]) && l[11] == 0x2D
            && isDigit(l[12]) && isDigit(l[13]) && isDigit(l[14]) && l[15] == 0x2D
            && isDigit(l[16]) && isDigit(l[17]) && isDigit(l[18]) && l[19] == 0x2F
    }

    private static func addLine(_ l: UnsafeBufferPointer<UInt8>, to issues: inout [Issue], byDate: inout FirstSeenIndex<String>,
                                name: String, lineNo: Int) throws {
        let idBytes = Array(l[0..<15])
        let articleID = String(decoding: idBytes, as: UTF8.self)
        let d = l
        let date = String(decoding: [d[0], d[1], d[2], d[3], 0x2D, d[4], d[5], 0x2D, d[6], d[7]], as: UTF8.self)
        guard DateText.iso(date) != nil else {
            throw ZhutiError(.badInput, "invalid date in paragraph id \(articleID)", file: name, line: lineNo)
        }
        let page = Int(l[9] - 0x30) * 10 + Int(l[10] - 0x30)
        let ii = byDate.position(of: date) { issues.append(Issue(date: date)) }
        issues[ii].hash.combine(bytes: l)
        issues[ii].hash.combine(byte: 0x0A)
        if issues[ii].articles.last?.id != articleID {
            issues[ii].articles.append(Article(id: articleID, page: page))
        }
        // Skip the paragraph ID token, then keep each token's text before its last `/`.
        var i = 0
        while i < l.count, l[i] != 0x20 { i += 1 }
        var para: [UInt8] = []
        para.reserveCapacity(l.count / 2)
        while i < l.count {
            while i < l.count, l[i] == 0x20 { i += 1 }
            let tokenStart = i
            while i < l.count, l[i] != 0x20 { i += 1 }
            if tokenStart == i { break }
            var slash = i - 1
            while slash > tokenStart, l[slash] != 0x2F { slash -= 1 }
            var wordStart = tokenStart
            let wordEnd = slash > tokenStart ? slash : i
            if l[wordStart] == 0x5B, wordEnd - wordStart > 1 { wordStart += 1 }   // `[` opens a compound
            para.append(contentsOf: UnsafeBufferPointer(rebasing: l[wordStart..<wordEnd]))
        }
        let ai = issues[ii].articles.count - 1
        issues[ii].articles[ai].paragraphs.append(para)
    }
}
