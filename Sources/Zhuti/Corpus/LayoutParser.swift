/// Splits the text of one newspaper issue into articles.
///
/// Works for the layouts PDF and OCR exports produce: long lines with stray spaces where the
/// printed line wrapped, markdown-like `#` headings, and narrow columns with hard line breaks
/// whose headlines the extraction placed after the story. Lines are classified alone first
/// (masthead, editor list, byline, dateline, possible headline, body), then by their block
/// (blank-line separated run), then items are assembled into articles.
enum LayoutParser {
    static func parse(_ text: String, file: String) throws -> ParsedIssue {
        var meta = Metadata()
        var lines = classify(splitInlineBylines(physicalLines(text)), meta: &meta)
        // A markdown export marks its headlines (`##`…): the layout rules defer to the markup.
        let marked = lines.contains { $0.markdownLevel != nil }
        resolveVerticalHeadlines(&lines)
        resolveBlocks(&lines, headlinesMarked: marked)
        var items = makeItems(lines)
        absorbContinuationHeadings(&items)
        let titlesAfter = !marked && headlinesFollowStories(items: items, lines: lines, meta: meta)
        let drafts = titlesAfter ? assembleTitlesAfter(items) : assembleTitlesBefore(items, headlinesMarked: marked)
        let articles = finish(drafts, defaultPage: meta.defaultPage ?? (meta.frontPage ? 1 : nil), frontPage: meta.frontPage)
        if articles.isEmpty {
            throw ZhutiError(.badInput, "no article text found", file: file)
        }
        // An issue that prints its date only as a lunar date (乙巳年七月初四) is dated by it.
        var dateSource = meta.date == nil ? nil : "masthead"
        if meta.date == nil, let lunar = meta.lunarDate {
            meta.date = DateText.gregorian(fromLunar: lunar, yearHint: Self.printedYear(in: text))
            dateSource = "lunar"
        }
        return ParsedIssue(id: "", source: file, paper: meta.paper, date: meta.date, lunarDate: meta.lunarDate,
                           number: meta.number, contentHash: "", articles: articles, dateSource: dateSource)
    }

    /// The first year the text prints as `2025年` (1900-2199): which 60-year cycle a
    /// stem-branch year is in.
    static func printedYear(in text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i + 4 < scalars.count {
            if scalars[i + 4] == "年", (0...3).allSatisfy({ (0x30...0x39).contains(scalars[i + $0].value) }),
               i == 0 || !(0x30...0x39).contains(scalars[i - 1].value),
               let year = Int(String(String.UnicodeScalarView(scalars[i..<(i + 4)]))), (1900...2199).contains(year) {
                return year
            }
            i += 1
        }
        return nil
    }

    // MARK: line classification

    static func classify(_ raw: [[Unicode.Scalar]], meta: inout Metadata) -> [LayoutLine] {
        var out: [LayoutLine] = []
        out.reserveCapacity(raw.count)
        var nonBlankSeen = 0
        var contentSeen = false
        for var a in raw {
            if ScalarText.visibleCount(a) == 0 { out.append(LayoutLine(text: [], kind: .blank)); continue }
            nonBlankSeen += 1
            // Markdown headings: `#` is the masthead (paper name), deeper levels are headlines.
            var level = 0
            while level < a.count, a[level] == "#" { level += 1 }
            if level >= 1, level <= 6, level < a.count, ScalarClass.isSpace(a[level]) {
                let t = ScalarText.collapsedSpaces(ScalarText.trimmed(Array(a[level...])))
                if level == 1 {
                    if meta.paper == nil { meta.paper = ScalarText.string(t) }
                    _ = takeMasthead(t, into: &meta)
                    out.append(LayoutLine(text: t, kind: .masthead))
                } else {
                    contentSeen = true
                    out.append(LayoutLine(text: t, kind: .heading, markdownLevel: level))
                }
                continue
            }
            if takeMasthead(a, into: &meta) {
                out.append(LayoutLine(text: a, kind: .masthead))
                continue
            }
            if isStaffOrContactLine(a) || isPageCounter(a) || isTeaser(a) {
                out.append(LayoutLine(text: a, kind: .junk))
                continue
            }
            // An English masthead (`JingZhouDistrict News`) near the top of the page.
            if nonBlankSeen <= 12, ScalarText.hanCount(a) == 0, a.count <= 60,
               a.allSatisfy({ ScalarClass.isSpace($0) || ($0.properties.isAlphabetic && $0.value < 0x250) }) {
                out.append(LayoutLine(text: a, kind: .junk))
                continue
            }
            if let page = pageReference(a) {
                if !contentSeen, meta.defaultPage == nil { meta.defaultPage = page }
                out.append(LayoutLine(text: a, kind: .pageRef, page: page))
                continue
            }
            let continuation = extractContinuation(&a)
            if continuation != nil, ScalarText.visibleCount(a) == 0 {
                out.append(LayoutLine(text: [], kind: .marker, continuation: continuation))
                continue
            }
            contentSeen = true
            let kind: LineKind
            if isDatelineStart(a) { kind = .dateline }
            else if isBylineLine(a) { kind = .byline }
            else if isHeadingCandidate(a) { kind = .candidate }
            else { kind = .body }
            out.append(LayoutLine(text: a, kind: kind, continuation: continuation))
        }
        return out
    }

    /// Vertical headlines come out one character per line. A run of such fragments is
    /// reassembled into one headline when every printed column survived as consecutive lines
    /// (`市/政/务/…`), else dropped as debris (`万` `玲` `玲主持召开区委常` …).
    static func resolveVerticalHeadlines(_ lines: inout [LayoutLine]) {
        var i = 0
        while i < lines.count {
            guard isZoneLine(lines[i]) else { i += 1; continue }
            var members: [Int] = []
            var j = i
            while j < lines.count {
                let k = lines[j].kind
                if k == .blank || k == .junk { j += 1; continue }
                if isZoneLine(lines[j]) { members.append(j); j += 1; continue }
                break
            }
            let tiny = members.filter { ScalarText.visibleCount(lines[$0].text) <= 2 }
            if members.count >= 3, tiny.count >= 2 {
                // Columns: members separated by nothing (no blank line) belong to one column.
                var columns: [[Int]] = []
                for m in members {
                    if let prev = columns.last?.last, prev == m - 1 { columns[columns.count - 1].append(m) }
                    else { columns.append([m]) }
                }
                // One character per block, blank lines between: a single printed column read
                // top to bottom (`中/华/书/局/…`).
                let oneColumn = members.count >= 4 && members.allSatisfy { ScalarText.visibleCount(lines[$0].text) == 1 }
                if oneColumn { columns = [members] }
                let readable = tiny.count == members.count && columns.allSatisfy { $0.count >= 2 }
                if readable {
                    var title: [Unicode.Scalar] = []
                    for (ci, col) in columns.enumerated() {
                        if ci > 0 { title.append(" ") }
                        for m in col { title.append(contentsOf: lines[m].text.filter { !ScalarClass.isSpace($0) }) }
                    }
                    for m in members { lines[m] = LayoutLine(text: [], kind: .junk) }
                    lines[members[0]] = LayoutLine(text: title, kind: .heading)
                } else {
                    for m in members { lines[m].kind = .junk }
                }
                i = j
            } else {
                i += 1
            }
        }
    }

    private static func isZoneLine(_ l: LayoutLine) -> Bool {
        (l.kind == .candidate || l.kind == .body) && l.markdownLevel == nil && isVerticalFragment(l.text)
    }

    // MARK: blocks

    /// Decide, block by block, which possible headlines are headlines. A headline run opens a
    /// block (or follows a headline, byline or finished sentence) and is followed by the end of
    /// the block, a byline or a dateline; otherwise the lines are a wrapped paragraph.
    ///
    /// Where the markup marks headlines (`headlinesMarked`), an unmarked line is a paragraph (a
    /// cross-head, 小标题, inside a story), unless it is the kicker printed just above a marked
    /// headline or a byline or dateline follows it.
    static func resolveBlocks(_ lines: inout [LayoutLine], headlinesMarked marked: Bool) {
        func nextPrinted(after m: Int) -> LayoutLine? {
            lines[(m + 1)...].first { $0.kind != .blank && $0.kind != .junk }
        }
        var i = 0
        while i < lines.count {
            guard isBlockLine(lines[i]) else { i += 1; continue }
            var end = i
            while end < lines.count, isBlockLine(lines[end]) { end += 1 }
            var width = 0
            for m in i..<end where lines[m].kind == .body || lines[m].kind == .dateline {
                width = max(width, ScalarText.visibleCount(lines[m].text))
            }
            var k = i
            while k < end {
                guard lines[k].kind == .candidate else { k += 1; continue }
                var runEnd = k
                while runEnd < end, lines[runEnd].kind == .candidate { runEnd += 1 }
                let nextIsName = runEnd < end && (lines[runEnd].kind == .byline || lines[runEnd].kind == .dateline
                                                  || lines[runEnd].kind == .heading)
                let prevOK: Bool
                if k == i { prevOK = true }
                else {
                    let p = lines[k - 1]
                    // After a finished sentence inside a block: a headline when a byline or dateline
                    // follows, or when it is the block's last line and visibly shorter than the column.
                    let shortTail = runEnd == end && (k..<runEnd).allSatisfy { ScalarText.visibleCount(lines[$0].text) < width - 2 }
                    prevOK = p.kind == .heading || p.kind == .byline
                        || (ScalarText.endsSentence(p.text) && (nextIsName || shortTail))
                }
                let nextOK = runEnd == end || nextIsName
                var run: [Unicode.Scalar] = []
                for m in k..<runEnd { run += lines[m].text }
                // Three or more wrapped lines, or an open quotation, are a paragraph, not a headline.
                let shapeOK = runEnd - k <= 2 && ScalarText.quotesBalanced(run)
                let crossHead = marked && nextPrinted(after: runEnd - 1).map {
                    $0.markdownLevel == nil && $0.kind != .byline && $0.kind != .dateline
                } ?? false
                for m in k..<runEnd {
                    lines[m].kind = (prevOK && nextOK && shapeOK && !crossHead) ? .heading : .body
                    lines[m].endsParagraph = crossHead && m == runEnd - 1
                }
                k = runEnd
            }
            i = end
        }
    }

    private static func isBlockLine(_ l: LayoutLine) -> Bool {
        switch l.kind {
        case .blank, .junk, .masthead, .pageRef, .marker: return false
        default: return true
        }
    }
}
