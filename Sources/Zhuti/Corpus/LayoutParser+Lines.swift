/// Line-level reading: split, strip controls, take masthead metadata, classify.
extension LayoutParser {
    struct Metadata {
        var paper: String?
        var date: String?
        var lunarDate: String?
        var number: Int?
        var defaultPage: Int?
        /// The serial imprint (`CN42-0044`, `总第9332期`) is printed under the masthead, which
        /// only the front page carries.
        var frontPage = false
    }

    /// Physical lines with controls removed and outer spaces trimmed. CRLF, CR, LS and PS end lines.
    static func physicalLines(_ text: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = []
        var cur: [Unicode.Scalar] = []
        var lastCR = false
        for s in text.unicodeScalars {
            if s == "\n", lastCR { lastCR = false; continue }
            lastCR = false
            if s == "\n" || s == "\r" || s.value == 0x2028 || s.value == 0x2029 || s.value == 0x85 {
                lines.append(ScalarText.trimmed(cur))
                cur.removeAll(keepingCapacity: true)
                lastCR = s == "\r"
                continue
            }
            if ScalarClass.isStrayControl(s) { continue }
            cur.append(s)
        }
        lines.append(ScalarText.trimmed(cur))
        return lines
    }

    /// A line that holds a headline and then an inline byline (`高精度零件生产线投产 □ 记者 周蓉`)
    /// becomes two lines.
    static func splitInlineBylines(_ lines: [[Unicode.Scalar]]) -> [[Unicode.Scalar]] {
        var out: [[Unicode.Scalar]] = []
        out.reserveCapacity(lines.count)
        for line in lines {
            var split = false
            if line.count > 4 {
                for k in 1..<line.count where NewsVocabulary.isBullet(line[k]) {
                    let rest = ScalarText.trimmed(Array(line[(k + 1)...]))
                    if NewsVocabulary.bylineRoles.contains(where: { ScalarText.hasPrefix(rest, $0) }) {
                        let head = ScalarText.trimmed(Array(line[0..<k]))
                        if ScalarText.visibleCount(head) > 0 {
                            out.append(head)
                            out.append(Array(line[k...]))
                            split = true
                        }
                        break
                    }
                }
            }
            if !split { out.append(line) }
        }
        return out
    }

    // MARK: masthead

    /// Take paper, date, lunar date and issue number from a masthead-like line. Returns true
    /// when the line is a masthead or imprint line that must not reach article text.
    static func takeMasthead(_ a: [Unicode.Scalar], into meta: inout Metadata) -> Bool {
        // A masthead lists its fields between spaces; a sentence that names a publisher
        // (`经济科学出版社出版的《…》一书，…`) is body text. Not `isSentenceEnd`: its ASCII `.`
        // is in a masthead's date (`1998.1.22`).
        let prose = a.contains { ScalarClass.isClauseComma($0) || "。；！？".unicodeScalars.contains($0) }
        let marked = !prose && (NewsVocabulary.mastheadMarks.contains { ScalarText.contains(a, $0) } || hasPublicationNumber(a))
        var number: Int?
        if let k = ScalarText.firstIndex(of: "总第", in: a), let (n, end) = ScalarText.digits(a, at: k + 2),
           end < a.count, a[end] == "期" {
            number = n
        }
        // Dates matter only on masthead lines and on short lines that are nothing but a date.
        let short = a.count <= 40
        guard marked || number != nil || short else { return false }
        let lunar = DateText.lunarDate(in: a)
        let date = DateText.firstDate(in: a)
        let dateOnly = short && (lunar != nil || date != nil) && isDateOnly(a, lunar: lunar?.range)
        guard marked || number != nil || dateOnly else { return false }
        if number != nil || hasPublicationNumber(a) { meta.frontPage = true }
        if meta.number == nil { meta.number = number }
        if meta.lunarDate == nil { meta.lunarDate = lunar?.text }
        if meta.date == nil { meta.date = date }
        if meta.paper == nil { meta.paper = paperName(in: a) }
        return true
    }

    /// `CN42-0044`-style serial numbers.
    static func hasPublicationNumber(_ a: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i + 8 <= a.count {
            if a[i] == "C", a[i + 1] == "N", let (_, e1) = ScalarText.digits(a, at: i + 2), e1 - i - 2 == 2,
               e1 < a.count, a[e1] == "-", let (_, e2) = ScalarText.digits(a, at: e1 + 1), e2 - e1 - 1 == 4 {
                return true
            }
            i += 1
        }
        return false
    }

    /// The paper's name from `荆州日报社出版` / `XX报社主办`.
    static func paperName(in a: [Unicode.Scalar]) -> String? {
        for mark in ["社出版", "社主办"] {
            guard let k = ScalarText.firstIndex(of: mark, in: a), k > 0 else { continue }
            var s = k
            while s > 0, !ScalarClass.isSpace(a[s - 1]) { s -= 1 }
            let name = Array(a[s..<k])
            if ScalarText.hanCount(name) >= 2 { return ScalarText.string(name) }
        }
        return nil
    }

    /// A line that is nothing but a date, weekday and/or lunar date.
    static func isDateOnly(_ a: [Unicode.Scalar], lunar: Range<Int>?) -> Bool {
        guard ScalarText.visibleCount(a) <= 30 else { return false }
        // `1995年10月16日,` then the sentence wrapped onto the next line: text, not a masthead date.
        if let last = ScalarText.trimmed(a).last, ScalarClass.isClauseComma(last) { return false }
        for (i, s) in a.enumerated() {
            if let lunar, lunar.contains(i) { continue }
            if ScalarClass.isSpace(s) || (0x30...0x39).contains(s.value) { continue }
            switch s {
            case ".", "-", "/", "年", "月", "日", "星", "期", "一", "二", "三", "四", "五", "六", "天", "农", "历", "周", "，", ",":
                continue
            default:
                return false
            }
        }
        return true
    }

    // MARK: junk

    static func isStaffOrContactLine(_ a: [Unicode.Scalar]) -> Bool {
        guard a.contains(where: { $0 == ":" || $0 == "：" }) else { return false }
        var hits = 0
        for key in NewsVocabulary.staffKeys {
            var from = 0
            while let k = ScalarText.firstIndex(of: key, in: a, from: from) {
                var e = k + key.unicodeScalars.count
                while e < a.count, ScalarClass.isSpace(a[e]) { e += 1 }
                if e < a.count, a[e] == ":" || a[e] == "：" {
                    if k == 0 { return true }
                    hits += 1
                }
                from = k + 1
            }
        }
        return hits >= 2
    }

    /// `今日8版`: a page count, not a page.
    static func isPageCounter(_ a: [Unicode.Scalar]) -> Bool {
        let t = a.filter { !ScalarClass.isSpace($0) }
        guard t.count >= 4, t.count <= 8, ScalarText.hasPrefix(t, "今日"), t.last == "版" else { return false }
        return t[2..<(t.count - 1)].allSatisfy { (0x30...0x39).contains($0.value) || "一二三四五六七八九十".unicodeScalars.contains($0) }
    }

    /// `第7版` alone on a line (optionally `第7版：要闻`): the page number.
    static func pageReference(_ a: [Unicode.Scalar]) -> Int? {
        let t = a.filter { !ScalarClass.isSpace($0) }
        guard t.count <= 12, t.first == "第", let (n, e) = ScalarText.digits(t, at: 1), e < t.count, t[e] == "版" else {
            return nil
        }
        return e + 1 == t.count || t[e + 1] == ":" || t[e + 1] == "：" ? n : nil
    }

    /// Index lines pointing elsewhere: `▶▶… 详见第3版`, `▶ (一)…`.
    static func isTeaser(_ a: [Unicode.Scalar]) -> Bool {
        if let f = a.first, NewsVocabulary.isTeaserMark(f) { return true }
        let t = a.filter { !ScalarClass.isSpace($0) }
        guard let last = t.last, last == "版", t.count > 4 else { return false }
        var k = t.count - 2
        while k > 0, (0x30...0x39).contains(t[k].value) { k -= 1 }
        guard t[k] == "第", k < t.count - 2, k >= 1 else { return false }
        return t[k - 1] == "见" || t[k - 1] == "转" || t[k - 1] == "看"
    }

    /// Remove a jump marker `（下转第3版）` / `(上接第1版)` from the line; returns it as `下转第3版`.
    static func extractContinuation(_ a: inout [Unicode.Scalar]) -> String? {
        var i = 0
        while i < a.count {
            if a[i] == "(" || a[i] == "（" {
                var j = i + 1
                while j < a.count, ScalarClass.isSpace(a[j]) { j += 1 }
                var word: [Unicode.Scalar] = []
                for w in ["下转", "上接", "转", "接"] where ScalarText.hasPrefix(Array(a[j...]), w) {
                    word = Array(w.unicodeScalars)
                    break
                }
                if !word.isEmpty {
                    var k = j + word.count
                    while k < a.count, ScalarClass.isSpace(a[k]) { k += 1 }
                    if k < a.count, a[k] == "第" { k += 1 }
                    while k < a.count, ScalarClass.isSpace(a[k]) { k += 1 }
                    if let (n, e) = ScalarText.digits(a, at: k) {
                        var m = e
                        while m < a.count, ScalarClass.isSpace(a[m]) { m += 1 }
                        if m < a.count, a[m] == "版" {
                            m += 1
                            while m < a.count, ScalarClass.isSpace(a[m]) { m += 1 }
                            if m < a.count, a[m] == ")" || a[m] == "）" {
                                a.removeSubrange(i...m)
                                a = ScalarText.trimmed(a)
                                return ScalarText.string(word) + "第\(n)版"
                            }
                        }
                    }
                }
            }
            i += 1
        }
        return nil
    }

    // MARK: line shapes

    static func stripBullets(_ a: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var i = 0
        while i < a.count, NewsVocabulary.isBullet(a[i]) || ScalarClass.isSpace(a[i]) { i += 1 }
        return Array(a[i...])
    }

    /// `□ 记者 王大玲 通讯员 高欣慰`, `驻荆州开发区记者 刘娟`, `本报驻美国记者张亮`: roles and names only.
    static func isBylineLine(_ a: [Unicode.Scalar]) -> Bool {
        let bulleted = a.first.map(NewsVocabulary.isBullet) ?? false
        let t = stripBullets(a)
        guard ScalarText.visibleCount(t) <= 40, ScalarText.visibleCount(t) >= 3 else { return false }
        for s in t where ScalarClass.isSentenceEnd(s) || ScalarClass.isClauseComma(s) || s == "：" || s == ":" {
            return false
        }
        let role = NewsVocabulary.bylineRoles.first { ScalarText.hasPrefix(t, $0) }
        // `驻荆州开发区记者 刘娟`, `本报驻瑞典记者章念生`: a stationed reporter.
        let stationed = (t.first == "驻" || ScalarText.hasPrefix(t, "本报驻"))
            && ScalarText.firstIndex(of: "记者", in: Array(t.prefix(16))) != nil
        guard role != nil || stationed else { return false }
        let tokens = t.split(whereSeparator: ScalarClass.isSpace)
        if let role, tokens.count == 1, role.unicodeScalars.count >= 4 {
            // Written solid after a qualified role: `本报记者龚雯`, `本报记者王锦鹄毛磊` (one or two
            // names; a bare `记者…` may open a headline).
            let names = t.dropFirst(role.unicodeScalars.count)
            if (2...6).contains(names.count), names.allSatisfy(ScalarClass.isHan) { return true }
        }
        if stationed, tokens.count == 1, let k = ScalarText.firstIndex(of: "记者", in: t) {
            // Written solid: a name of two to four ideographs after 记者.
            let name = t[(k + 2)...]
            return (2...4).contains(name.count) && name.allSatisfy(ScalarClass.isHan)
        }
        guard tokens.allSatisfy({ $0.count <= 9 }) else { return false }
        return bulleted || tokens.count >= 2
    }

    /// `本报讯…`, `新华社北京4月22日电…`, `本报北京12月10日电…`, `本报北京1月13日讯…`.
    static func isDatelineStart(_ a: [Unicode.Scalar]) -> Bool {
        let t = stripBullets(a)
        if ScalarText.hasPrefix(t, "本报讯") { return true }
        guard NewsVocabulary.datelineAgencies.contains(where: { ScalarText.hasPrefix(t, $0) }) else { return false }
        for k in 2..<min(t.count, 18) {
            let s = t[k]
            if s == "电" || s == "讯" { return true }  // 新华社北京4月22日电, 本报北京1月13日讯
            if ScalarClass.isSentenceEnd(s) || ScalarClass.isClauseComma(s) || s == "：" { return false }
        }
        return false
    }

    /// Could this line be a headline? Short, at least two ideographs, no sentence inside, not
    /// ending like a clause, at most one (ASCII) comma: layout context decides the rest.
    static func isHeadingCandidate(_ a: [Unicode.Scalar]) -> Bool {
        let visible = ScalarText.visibleCount(a)
        guard visible >= 2, visible <= 40, ScalarText.hanCount(a) >= 2 else { return false }
        // `1990年7月` over an entry of a chronicle (大事记) heads the entry, not a story.
        if isDateOnly(a, lunar: nil) { return false }
        // `(作者为国家审计署办公厅主任)`: the author's note that ends a commentary.
        let t = ScalarText.trimmed(a)
        if let open = t.first, open == "(" || open == "（", ScalarText.hasPrefix(Array(t.dropFirst()), "作者") { return false }
        var commas = 0
        for s in a {
            switch s {
            case "。", "；", ";": return false
            case "，": return false
            case ",": commas += 1
            default: break
            }
        }
        if commas > 1 { return false }
        if commas == 1, let k = a.firstIndex(of: ",") {
            // `会议指出,…`, `2023年2月,…`: a clause of a sentence, not a two-part headline.
            let before = Array(a[..<k])
            if (0x30...0x39).contains(a[0].value) { return false }
            if ["指出", "强调", "表示", "要求", "认为", "介绍", "说"].contains(where: { ScalarText.hasSuffix(before, $0) }) {
                return false
            }
        }
        var enumerations = 0
        for s in a where s == "、" { enumerations += 1 }
        if enumerations > 2 { return false }
        guard let first = a.first, let last = a.last else { return false }
        if ScalarClass.isClauseComma(first) || first == "。" || first == ")" || first == "）" { return false }
        if ScalarClass.isClauseComma(last) || ScalarClass.isSentenceEnd(last) { return false }
        if ScalarText.endsSentence(a) { return false }
        return true
    }

    /// One or two characters of a headline printed vertically, one per line (`万`, `玲`, `、局`).
    static func isVerticalFragment(_ a: [Unicode.Scalar]) -> Bool {
        let visible = ScalarText.visibleCount(a)
        guard visible >= 1, visible <= 8 else { return false }
        // A lone `：` or `、` printed in the column belongs to the vertical headline too.
        guard ScalarText.hanCount(a) >= 1 || (visible <= 2 && a.allSatisfy { ScalarClass.isCJKPunct($0) || ScalarClass.isSpace($0) })
        else { return false }
        for s in a where ScalarClass.isSentenceEnd(s) || s == "，" || s == "," { return false }
        return true
    }
}
