/// From classified lines to a sequence of items: headline groups, bylines, paragraphs, markers.
extension LayoutParser {
    struct Para {
        var text: [Unicode.Scalar]
        var byline: String?
        var startsArticle: Bool
        var continuation: String?
        /// Ends its paragraph even without closing punctuation (a headline-looking sentence end).
        var complete = false
        /// The column it was set in, when its wraps tell.
        var measure: ColumnMeasure? = nil

        /// Ends mid-sentence: the rest of the sentence is printed in a later fragment.
        var endsOpen: Bool { !complete && !ScalarText.endsSentence(text) && !ScalarText.isBracketedNote(text) }
    }

    enum Item {
        /// `main`: which of the lines is the headline proper, where the markup says so (a
        /// markdown `##` line among `####` kickers and plain lines).
        case heading(lines: [[Unicode.Scalar]], byline: String?, markdown: Bool, main: Int?)
        case byline(String)
        case para(Para)
        case marker(String)
        /// `第7版` on a line of its own.
        case pageRef(Int?)
        case reset
    }

    static func makeItems(_ lines: [LayoutLine]) -> [Item] {
        // Column width of each block's body lines: a line that ends a sentence short of the
        // width ends its paragraph; a full-width one may just have wrapped there.
        var width = [Int](repeating: 0, count: lines.count)
        var i = 0
        while i < lines.count {
            var end = i
            var w = 0
            while end < lines.count, lines[end].kind == .body || lines[end].kind == .dateline {
                w = max(w, ScalarText.visibleCount(lines[end].text))
                end += 1
            }
            for k in i..<max(end, i + 1) where k < lines.count { width[k] = w }
            i = max(end, i + 1)
        }

        var items: [Item] = []
        var para: Para?
        var paraLines: [[Unicode.Scalar]] = []
        var prevBodyLine: [Unicode.Scalar]?
        var headingOpen = false   // the last item is a heading of the current block

        func flush() {
            if var p = para {
                p.measure = ColumnMeasure(lines: paraLines, endsParagraph: ScalarText.endsSentence(p.text),
                                          opensStory: p.startsArticle)
                if p.startsArticle {
                    let (byline, rest) = splitDateline(p.text)
                    p.byline = bylineString(byline)
                    p.text = rest
                }
                p.text = ScalarText.removingStraySpaces(p.text)
                items.append(.para(p))
            }
            para = nil
            paraLines.removeAll()
            prevBodyLine = nil
        }

        for (li, line) in lines.enumerated() {
            switch line.kind {
            case .blank, .junk:
                flush(); headingOpen = false
            case .masthead:
                flush(); headingOpen = false; items.append(.reset)
            case .pageRef:
                flush(); headingOpen = false; items.append(.pageRef(line.page))
            case .marker:
                flush(); headingOpen = false
                if let c = line.continuation { items.append(.marker(c)) }
            case .heading, .candidate:
                flush()
                let t = ScalarText.collapsedSpaces(line.text)
                if headingOpen, case .heading(var hl, let b, let md, let main)? = items.last, b == nil {
                    hl.append(t)
                    items[items.count - 1] = .heading(lines: hl, byline: nil, markdown: md || line.markdownLevel != nil,
                                                      main: line.markdownLevel == 2 ? hl.count - 1 : main)
                } else {
                    items.append(.heading(lines: [t], byline: nil, markdown: line.markdownLevel != nil,
                                          main: line.markdownLevel == 2 ? 0 : nil))
                }
                headingOpen = true
            case .byline:
                flush()
                let b = bylineString(line.text)
                if headingOpen, case .heading(let hl, nil, let md, let main)? = items.last {
                    items[items.count - 1] = .heading(lines: hl, byline: b, markdown: md, main: main)
                } else {
                    items.append(.byline(b))
                }
                headingOpen = false
            case .dateline:
                flush(); headingOpen = false
                para = Para(text: line.text, byline: nil, startsArticle: true, continuation: line.continuation)
                paraLines = [line.text]
                prevBodyLine = line.text
            case .body:
                headingOpen = false
                if let prev = prevBodyLine, para != nil {
                    let endsParagraph = para!.complete
                        || (ScalarText.endsSentence(prev) && ScalarText.visibleCount(prev) < width[li] - 1)
                    if endsParagraph {
                        flush()
                        para = Para(text: line.text, byline: nil, startsArticle: false, continuation: line.continuation)
                        paraLines = [line.text]
                    } else {
                        ScalarText.joinWrapped(&para!.text, line.text)
                        paraLines.append(line.text)
                        if let c = line.continuation { para!.continuation = c }
                    }
                } else {
                    para = Para(text: line.text, byline: nil, startsArticle: false, continuation: line.continuation)
                    paraLines = [line.text]
                }
                if line.endsParagraph { para!.complete = true }
                prevBodyLine = line.text
            }
        }
        flush()
        return items
    }

    /// A short headline-looking line between two halves of one sentence (`…新增长点` / `持续涌现`
    /// / `跑出项目…`) is the sentence's wrapped end, not a headline.
    static func absorbContinuationHeadings(_ items: inout [Item]) {
        absorbOpeningLines(&items)
        absorbColumnLines(&items)
        var i = 1
        while i < items.count {
            guard case .para(let prev) = items[i - 1], !prev.text.isEmpty, prev.endsOpen else {
                i += 1; continue
            }
            var j = i
            // A headline group, not a wrapped sentence: a line opening with a dash (a subtitle)
            // or an author's name.
            var group: [[Unicode.Scalar]] = []
            while j < items.count, case .heading(let hl, nil, false, _) = items[j] {
                group += hl
                j += 1
            }
            let headlineGroup = group.contains { line in line.first == "—" || line.first == "-" || isAuthorLine(line) }
            guard j > i, !headlineGroup, j < items.count, case .para(let next) = items[j], !next.startsArticle else { i = j + 1; continue }
            // Text set in another column after the headline is another story's.
            if let a = prev.measure, let b = next.measure, !a.sameColumn(b.width) { i = j + 1; continue }
            for k in i..<j {
                guard case .heading(let hl, _, _, _) = items[k] else { continue }
                var text: [Unicode.Scalar] = []
                for l in hl { ScalarText.joinWrapped(&text, l) }
                // It ends the sentence when it is the last and shorter than the column; printed
                // full width, the sentence goes on (`…工作领导小` / `组组长…`).
                let width = ColumnMeasure.width(of: text)
                let full = prev.measure.map { width >= $0.width - 1 } ?? false
                var para = Para(text: ScalarText.removingStraySpaces(text), byline: nil, startsArticle: false,
                                continuation: nil, complete: k == j - 1 && !full)
                if full, let m = prev.measure { para.measure = ColumnMeasure(width: m.width, firstLine: width) }
                items[k] = .para(para)
            }
            i = j + 1
        }
    }

    /// A lone headline-looking line exactly as wide as a full line of a column whose text was
    /// left mid-sentence, where the extraction switched columns, is that column's next printed
    /// line (`欧盟委员会主席桑特对英国政府采取的`), not a headline: a headline is rarely set to the
    /// full measure of a column of text beside it. It goes on the fragment it continues.
    static func absorbColumnLines(_ items: inout [Item]) {
        // The latest fragment of each column read lately, as the item holding it, its width and
        // whether it left a sentence open.
        var columns: [(item: Int, width: Double, open: Bool)] = []
        var absorbed = Set<Int>()
        for i in items.indices {
            switch items[i] {
            case .para(let p):
                guard let m = p.measure, m.fullLines >= 2 else { continue }
                columns.removeAll { ColumnMeasure.sameColumn($0.width, m.width) }
                columns.insert((i, m.width, p.endsOpen), at: 0)
                if columns.count > interleavedStories + 1 { columns.removeLast() }
            case .heading(let hl, nil, false, _) where hl.count == 1 && i > 0 && i + 1 < items.count:
                guard case .para = items[i - 1] else { continue }
                // A byline, subtitle (`——…`, `·…`) or author under it: a headline group.
                if case .byline = items[i + 1] { continue }
                if case .heading(let next, _, _, _) = items[i + 1], let f = next.first,
                   f.first == "—" || f.first == "-" || f.first == "·" || isAuthorLine(f) { continue }
                let line = hl[0]
                guard !ArticleKind.isCaption(ScalarText.string(line)) else { continue }
                // Each printed line (stray spaces between) a full line of the column.
                let printed = line.split(whereSeparator: ScalarClass.isSpace).map { ColumnMeasure.width(of: $0) }
                guard let k = columns.firstIndex(where: { c in
                    let m = ColumnMeasure(width: c.width, firstLine: c.width)
                    return c.open && printed.allSatisfy { m.holds(line: $0, first: false) }
                }), case .para(var p) = items[columns[k].item] else { continue }
                ScalarText.joinWrapped(&p.text, ScalarText.removingStraySpaces(line))
                items[columns[k].item] = .para(p)
                columns[k].open = p.endsOpen
                absorbed.insert(i)
            case .reset, .pageRef:
                columns.removeAll()
            default:
                continue
            }
        }
        items = items.indices.filter { !absorbed.contains($0) }.map { items[$0] }
    }

    /// A line set in as a paragraph's first line is (the column's width less its indent) and
    /// followed by a fragment that goes on with it (full first line), is the first line of that
    /// paragraph, not a headline: a lone line with a comma (`为使广大穆斯林过好传统的开斋节,自治区
    /// 人民政府在7天的` / `春节假日外,…`; also with the full lines after it, stray spaces
    /// between), or the last line under a headline and its author printed exactly as wide as an
    /// indented first line (`股份制改革要解决好四个问题` / `张汉民` / `江泽民同志在十五大报告中强调指` /
    /// `出:“股份制…`).
    static func absorbOpeningLines(_ items: inout [Item]) {
        // A lone line with a clause comma, as wide as a line of the column just read (full, or
        // set in as a paragraph's first) and followed by another headline line, is that column's
        // text cut off by an interleaved one (`…二字上。` / `理论与实际相结合,是我们党取得成功的基` /
        // `建立和完善反腐败工作机制` / `吴野渡`).
        for i in items.indices.dropFirst().dropLast() {
            guard case .para(let prev) = items[i - 1], let m = prev.measure,
                  case .heading(let hl, nil, false, _) = items[i], hl.count == 1, case .heading = items[i + 1],
                  hl[0].contains(where: ScalarClass.isClauseComma),
                  // A line ending in a colon before a headline is its kicker (`…主任陈明宇：`).
                  !["：", ":"].contains(ScalarText.trimmed(hl[0]).last) else { continue }
            let width = ColumnMeasure.width(of: hl[0])
            guard m.holds(line: width, first: true) else { continue }
            var para = Para(text: ScalarText.removingStraySpaces(hl[0]), byline: nil, startsArticle: false, continuation: nil)
            para.measure = ColumnMeasure(width: m.width, firstLine: width)
            items[i] = .para(para)
        }
        var i = 0
        while i + 1 < items.count {
            defer { i += 1 }
            guard case .heading(var lines, nil, false, _) = items[i], let line = lines.last,
                  case .para(var next) = items[i + 1], !next.startsArticle,
                  let m = next.measure, m.indented == false else { continue }
            let width = ColumnMeasure.width(of: line)
            // Each printed line (stray spaces between) as wide as the column, the first maybe set in.
            let printed = line.split(whereSeparator: ScalarClass.isSpace).map { ColumnMeasure.width(of: Array($0)) }
            let asColumn = printed.enumerated().allSatisfy { k, w in m.holds(line: w, first: k == 0) }
            let comma = lines.count == 1 && line.contains(where: { $0 == "," || $0 == "，" }) && asColumn
            var underHeadline = lines.count > 1
            if i > 0, case .heading = items[i - 1] { underHeadline = true }
            let indentedFirstLine = underHeadline && m.fullLines >= 2 && abs(width - (m.width - 2)) <= 0.5
            guard comma || indentedFirstLine else { continue }
            var text = ScalarText.removingStraySpaces(line)
            ScalarText.joinWrapped(&text, next.text)
            next.text = text
            next.measure = ColumnMeasure(width: m.width, firstLine: width)
            items[i + 1] = .para(next)
            if lines.count == 1 {
                items.remove(at: i)
            } else {
                lines.removeLast()
                items[i] = .heading(lines: lines, byline: nil, markdown: false, main: nil)
            }
        }
    }

    /// A line of one to three names of two or three ideographs alone (`张汉民`, `纪力清 姚昌恬`):
    /// the author under a headline, which neither a wrapped sentence nor a cross-head has.
    static func isAuthorLine(_ line: [Unicode.Scalar]) -> Bool {
        let names = line.split(whereSeparator: ScalarClass.isSpace)
        return (1...3).contains(names.count)
            && names.allSatisfy { (2...3).contains($0.count) && $0.allSatisfy(ScalarClass.isHan) }
    }

    /// Byline text with spaces collapsed; a name the PDF split into single characters
    /// (`董 浩`) is rejoined, since Chinese names are never one character.
    static func bylineString(_ a: [Unicode.Scalar]) -> String {
        let collapsed = ScalarText.collapsedSpaces(stripBullets(a))
        var tokens = collapsed.split(separator: " ").map(Array.init)
        var k = 0
        while k + 1 < tokens.count {
            let one = tokens[k].count == 1 && ScalarClass.isHan(tokens[k][0])
            let next = tokens[k + 1]
            if one, ScalarText.hanCount(next) >= 1, ScalarClass.isHan(next[0]), next.count <= 2 {
                tokens[k] += next
                tokens.remove(at: k + 1)
            } else {
                k += 1
            }
        }
        return tokens.map { ScalarText.string($0) }.joined(separator: " ")
    }

    /// Split `本报讯（记者X 特约记者Y）正文…` or `新华社北京4月22日电 正文…` into byline and body.
    static func splitDateline(_ a: [Unicode.Scalar]) -> ([Unicode.Scalar], [Unicode.Scalar]) {
        let t = ScalarText.trimmed(stripBullets(a))
        var cut: Int   // end of the dateline word
        if ScalarText.hasPrefix(t, "本报讯") {
            cut = 3
        } else if let k = t.prefix(18).firstIndex(where: { $0 == "电" || $0 == "讯" }) {
            cut = k + 1
        } else {
            return ([], t)
        }
        var i = cut
        while i < t.count, ScalarClass.isSpace(t[i]) { i += 1 }
        if i < t.count, t[i] == "(" || t[i] == "（" {
            var j = i + 1
            while j < t.count, j - i < 80, t[j] != ")", t[j] != "）" { j += 1 }
            if j < t.count, t[j] == ")" || t[j] == "）" {
                cut = j + 1
            } else if t.count - i <= 40 {
                // The bracket closes in another column: keep the whole opening as the byline.
                return (t, [])
            }
        }
        var rest = Array(t[cut...])
        while let f = rest.first, ScalarClass.isSpace(f) || ScalarClass.isClauseComma(f) { rest.removeFirst() }
        return (Array(t[0..<cut]), rest)
    }
}
