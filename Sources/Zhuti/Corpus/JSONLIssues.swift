import Foundation

/// JSONL exports: one article per line with `text` and any of `id`, `title`, `date`, `page`,
/// `paper`, `issue`, `label`, `kind` (article, brief, caption, teaser, commentary). Lines group into issues by `issue`, else by `paper`+`date`
/// (or `date` alone), else the whole file is one issue named after the file.
enum JSONLIssues {
    /// Where one line of the export lies in its bytes.
    struct LineSpan: Sendable {
        var start: Int
        var end: Int
        var number: Int
    }

    /// One issue of an export, as the first pass finds it: its lines, not yet its articles.
    struct IssuePlan: Sendable {
        var id: String
        var paper: String?
        var date: String?
        var hash = StableHash()
        var lines: [LineSpan] = []
    }

    /// Both passes over text already in memory (tests, and callers holding the bytes anyway).
    static func read(text: String, name: String, stem: String) throws -> [ParsedIssue] {
        let utf8 = Array(text.utf8)
        return try utf8.withUnsafeBufferPointer { buf in
            try plan(buf, name: name, stem: stem).map { try issue($0, in: buf, name: name, stem: stem) }
        }
    }

    /// The first pass: every line parsed and checked (a bad line throws, naming its line,
    /// before any issue is stored), grouped into issues with their content hashes; the
    /// articles themselves are dropped, so memory holds line positions only.
    static func plan(_ buf: UnsafeBufferPointer<UInt8>, name: String, stem: String) throws -> [IssuePlan] {
        guard let base = buf.baseAddress, buf.count > 0 else { throw ZhutiError(.badInput, "empty file", file: name) }
        var plans: [IssuePlan] = []
        var planIndex = FirstSeenIndex<String>()
        var lineNo = 0
        var sawLine = false
        var start = 0
        while start <= buf.count {
            var end = start
            if let newline = memchr(base + start, 0x0A, buf.count - start) {
                end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            } else {
                end = buf.count
            }
            lineNo += 1
            var lineEnd = end
            if lineEnd > start, buf[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = UnsafeBufferPointer(rebasing: buf[start..<lineEnd])
            if !isBlank(line) {
                sawLine = true
                let (key, _, paper, date) = try parseLine(line, name: name, line: lineNo, stem: stem)
                let index = planIndex.position(of: key) { plans.append(IssuePlan(id: key, paper: paper, date: date)) }
                if plans[index].paper == nil { plans[index].paper = paper }
                if plans[index].date == nil { plans[index].date = date }
                plans[index].hash.combine(bytes: line)
                plans[index].hash.combine(byte: 0x0A)
                plans[index].lines.append(LineSpan(start: start, end: lineEnd, number: lineNo))
            }
            if end >= buf.count { break }
            start = end + 1
        }
        if !sawLine { throw ZhutiError(.badInput, "empty file (no JSON lines)", file: name) }
        return plans
    }

    /// The second pass for one issue: its lines parsed again into articles (the first pass
    /// checked them, so this fails only if the bytes changed in between).
    static func issue(_ plan: IssuePlan, in buf: UnsafeBufferPointer<UInt8>, name: String, stem: String) throws -> ParsedIssue {
        let articles = try plan.lines.map { span in
            try parseLine(UnsafeBufferPointer(rebasing: buf[span.start..<span.end]), name: name, line: span.number, stem: stem).article
        }
        return ParsedIssue(id: plan.id, source: name, paper: plan.paper, date: plan.date, contentHash: plan.hash.hexDigest,
                           articles: articles, dateSource: "export")
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
        let kind = try optionalString("kind")
        if let kind, ArticleKind(rawValue: kind) == nil {
            throw bad("\"kind\" must be one of \(ArticleKind.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(kind)\"")
        }
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
                                    label: label, kind: kind)
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
