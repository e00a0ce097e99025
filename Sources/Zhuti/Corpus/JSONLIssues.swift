/// JSONL exports: one article per line with `text` and any of `id`, `title`, `date`, `page`,
/// `paper`, `issue`, `label`. Lines group into issues by `issue`, else by `paper`+`date`
/// (or `date` alone), else the whole file is one issue named after the file.
enum JSONLIssues {
    private struct Group {
        var id: String
        var paper: String?
        var date: String?
        var hash = StableHash()
        var articles: [ParsedArticle] = []
    }

    static func read(text: String, name: String, stem: String) throws -> [ParsedIssue] {
        var utf8 = Array(text.utf8)
        var groups: [Group] = []
        var groupIndex: [String: Int] = [:]
        var lineNo = 0
        var sawLine = false
        try utf8.withUnsafeMutableBufferPointer { all in
            let buf = UnsafeBufferPointer(all)
            var start = 0
            while start <= buf.count {
                var end = start
                while end < buf.count, buf[end] != 0x0A { end += 1 }
                lineNo += 1
                var lineEnd = end
                if lineEnd > start, buf[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(rebasing: buf[start..<lineEnd])
                if !isBlank(line) {
                    sawLine = true
                    let (key, article, paper, date) = try parseLine(line, name: name, line: lineNo, stem: stem)
                    let gi: Int
                    if let existing = groupIndex[key] {
                        gi = existing
                    } else {
                        gi = groups.count
                        groupIndex[key] = gi
                        groups.append(Group(id: key, paper: paper, date: date))
                    }
                    if groups[gi].paper == nil { groups[gi].paper = paper }
                    if groups[gi].date == nil { groups[gi].date = date }
                    groups[gi].hash.combine(bytes: line)
                    groups[gi].hash.combine(byte: 0x0A)
                    groups[gi].articles.append(article)
                }
                if end >= buf.count { break }
                start = end + 1
            }
        }
        if !sawLine { throw ZhutiError(.badInput, "empty file (no JSON lines)", file: name) }
        return groups.map { g in
            ParsedIssue(id: g.id, source: name, paper: g.paper, date: g.date, contentHash: g.hash.hexDigest,
                        articles: g.articles)
        }
    }

    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in line where !(b == 0x20 || b == 0x09 || b == 0x0D) { return false }
        return true
    }

    private static func parseLine(_ line: UnsafeBufferPointer<UInt8>, name: String, line lineNo: Int, stem: String)
        throws -> (key: String, article: ParsedArticle, paper: String?, date: String?) {
        let value: JSONValue
        do {
            value = try JSONLineParser.parse(line)
        } catch {
            throw ZhutiError(.badInput, "malformed JSON: \(error.message)", file: name, line: lineNo)
        }
        guard case .object(let obj) = value else {
            throw ZhutiError(.badInput, "expected a JSON object, got \(value.typeName)", file: name, line: lineNo)
        }
        func bad(_ message: String) -> ZhutiError { ZhutiError(.badInput, message, file: name, line: lineNo) }

        guard let textValue = obj["text"] else { throw bad("missing \"text\"") }
        guard case .string(let rawText) = textValue else { throw bad("\"text\" must be a string, got \(textValue.typeName)") }
        let text = cleanText(rawText)
        if text.isEmpty { throw bad("empty \"text\"") }

        func optionalString(_ key: String) throws -> String? {
            switch obj[key] {
            case nil, .null?: return nil
            case .string(let s)?:
                let t = ScalarText.trimmed(s)
                return t.isEmpty ? nil : t
            case .number(let n)?: return n
            case let other?: throw bad("\"\(key)\" must be a string, got \(other.typeName)")
            }
        }
        let id = try optionalString("id")
        let issue = try optionalString("issue")
        let paper = try optionalString("paper")
        let label = try optionalString("label")
        var date: String?
        if let rawDate = try optionalString("date") {
            guard let iso = DateText.iso(rawDate) else { throw bad("unrecognised date \"\(rawDate)\" (expected yyyy-MM-dd)") }
            date = iso
        }
        var page: Int?
        switch obj["page"] {
        case nil, .null?: page = nil
        case .number(let n)?:
            guard let p = Int(n) else { throw bad("\"page\" must be a whole number, got \(n)") }
            page = p
        case .string(let s)?:
            let t = ScalarText.trimmed(s)
            if t.isEmpty { page = nil } else {
                guard let p = Int(t) else { throw bad("\"page\" must be a number, got \"\(s)\"") }
                page = p
            }
        case let other?: throw bad("\"page\" must be a number, got \(other.typeName)")
        }
        var title = try optionalString("title").map { ScalarText.string(ScalarText.collapsedSpaces(ScalarText.scalars($0))) }
        if title == nil || title!.isEmpty { title = ScalarText.fallbackTitle(from: text) }

        let key: String
        if let issue { key = issue }
        else if let paper, let date { key = "\(paper)-\(date)" }
        else if let date { key = date }
        else { key = stem }
        let article = ParsedArticle(id: id, title: title ?? "", text: text, page: page, date: date, paper: paper,
                                    label: label)
        return (key, article, paper, date)
    }

    /// Line endings unified, stray control characters dropped, outer blank space trimmed;
    /// the export's own wording and punctuation are kept.
    static func cleanText(_ s: String) -> String {
        // Most exports are already clean: check the bytes and return the string untouched.
        var probe = s
        let clean = probe.withUTF8 { buf -> Bool in
            guard let first = buf.first, let last = buf.last else { return true }
            if first <= 0x20 || last <= 0x20 || first == 0xE3 || last == 0x80 { return false }
            for b in buf where b < 0x20 || b == 0x7F {
                if b != 0x0A && b != 0x09 { return false }
            }
            return true
        }
        if clean { return s }
        var out = String.UnicodeScalarView()
        var lastCR = false
        for c in s.unicodeScalars {
            if c == "\r" { out.append("\n"); lastCR = true; continue }
            if c == "\n", lastCR { lastCR = false; continue }
            lastCR = false
            if ScalarClass.isStrayControl(c) { continue }
            out.append(c)
        }
        let a = Array(out)
        var lo = 0, hi = a.count
        while lo < hi, ScalarClass.isSpace(a[lo]) || a[lo] == "\n" { lo += 1 }
        while hi > lo, ScalarClass.isSpace(a[hi - 1]) || a[hi - 1] == "\n" { hi -= 1 }
        return ScalarText.string(a[lo..<hi])
    }
}
