/// Character classes the readers need, decided on Unicode scalars (cheap, no grapheme work).
enum ScalarClass {
    /// CJK ideographs (unified, extension A, compatibility and the supplementary planes).
    static func isHan(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x20000...0x3134F).contains(v)
    }

    /// Punctuation and symbols that sit inside CJK text: CJK symbols, full-width forms,
    /// curly quotes, dashes, ellipsis, middle dot, geometric bullets.
    static func isCJKPunct(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x3000...0x303F).contains(v) || (0xFF00...0xFFEF).contains(v)
            || (0x2010...0x2027).contains(v) || v == 0x00B7 || (0x25A0...0x25FF).contains(v)
            || (0xFE30...0xFE4F).contains(v)
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s.value == 0x3000 || s.value == 0xA0 || s.value == 0x2002
            || s.value == 0x2003 || s.value == 0x2009 || s.value == 0x200B || s.value == 0xFEFF
            || s.value == 0x0B || s.value == 0x0C
    }

    /// C0 controls other than tab/newline/CR/VT/FF, and DEL: never legitimate in text.
    static func isStrayControl(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D && v != 0x0B && v != 0x0C) || v == 0x7F
    }

    /// Printable ASCII other than space.
    static func isASCIIVisible(_ s: Unicode.Scalar) -> Bool { (0x21...0x7E).contains(s.value) }

    /// Characters that end a sentence (and so a paragraph when a line ends with them).
    static func isSentenceEnd(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", "！", "？", "!", "?", "…", "；", ";", ".": return true
        default: return false
        }
    }

    /// Closing quotes and brackets that may follow a sentence end.
    static func isCloser(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "”", "’", "」", "』", "\"", "'", ")", "）", "》", "】": return true
        default: return false
        }
    }

    static func isClauseComma(_ s: Unicode.Scalar) -> Bool {
        s == "，" || s == "," || s == "、"
    }
}

/// Small operations on scalar arrays used by the layout parser and the readers.
enum ScalarText {
    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    static func string(_ a: some Sequence<Unicode.Scalar>) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: a)
        return String(v)
    }

    /// Trim spaces (including ideographic and no-break spaces) at both ends.
    static func trimmed(_ a: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var lo = 0, hi = a.count
        while lo < hi, ScalarClass.isSpace(a[lo]) { lo += 1 }
        while hi > lo, ScalarClass.isSpace(a[hi - 1]) { hi -= 1 }
        return Array(a[lo..<hi])
    }

    static func trimmed(_ s: String) -> String { string(trimmed(scalars(s))) }

    /// Number of non-space scalars.
    static func visibleCount(_ a: [Unicode.Scalar]) -> Int {
        var n = 0
        for s in a where !ScalarClass.isSpace(s) { n += 1 }
        return n
    }

    static func hanCount(_ a: some Sequence<Unicode.Scalar>) -> Int {
        var n = 0
        for s in a where ScalarClass.isHan(s) { n += 1 }
        return n
    }

    /// Collapse every run of spaces to one ASCII space and trim.
    static func collapsedSpaces(_ a: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(a.count)
        var pendingSpace = false
        for s in a {
            if ScalarClass.isSpace(s) { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(s)
        }
        return out
    }

    /// Remove spaces that a PDF extraction left between characters of CJK text (`董 浩`,
    /// `建 设`, `至 2025 年`). A space survives only between two ASCII characters, where
    /// it separates Latin words or numbers.
    static func removingStraySpaces(_ a: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(a.count)
        var i = 0
        let n = a.count
        while i < n {
            let s = a[i]
            if !ScalarClass.isSpace(s) { out.append(s); i += 1; continue }
            var j = i
            while j < n, ScalarClass.isSpace(a[j]) { j += 1 }
            if let left = out.last, j < n, latinSide(left, beyond: out.count >= 2 ? out[out.count - 2] : nil),
               latinSide(a[j], beyond: j + 1 < n ? a[j + 1] : nil) {
                out.append(" ")
            }
            i = j
        }
        return out
    }

    /// A character on one side of a space counts as Latin text when it is a letter or digit,
    /// or ASCII punctuation that itself sits in Latin text (`, 2025` after CJK is CJK usage).
    private static func latinSide(_ c: Unicode.Scalar, beyond: Unicode.Scalar?) -> Bool {
        guard ScalarClass.isASCIIVisible(c) else { return false }
        if isLatinOrDigit(c) { return true }
        guard let beyond else { return true }
        return ScalarClass.isASCIIVisible(beyond)
    }

    /// A note wholly in brackets (`(作者为国家审计署办公厅主任)`): an author's note or credit,
    /// complete in itself, though no sentence-final punctuation ends it.
    static func isBracketedNote(_ a: [Unicode.Scalar]) -> Bool {
        let t = trimmed(a)
        guard t.count >= 3, let f = t.first, f == "(" || f == "（", let l = t.last, l == ")" || l == "）" else { return false }
        return !t.dropFirst().dropLast().contains { $0 == "(" || $0 == "（" || $0 == ")" || $0 == "）" }
    }

    /// True when the text ends a sentence: its last visible scalar (after closing quotes)
    /// is sentence-final punctuation.
    static func endsSentence(_ a: [Unicode.Scalar]) -> Bool {
        var i = a.count - 1
        while i >= 0, ScalarClass.isSpace(a[i]) { i -= 1 }
        // `…会场。(本报华盛顿1月10日电)`, `…。（新华社记者摄）`: a credit in brackets after a
        // finished sentence ends it too.
        if i >= 0, a[i] == ")" || a[i] == "）" {
            var j = i - 1
            while j >= 0, i - j <= 30, a[j] != "(" && a[j] != "（" && a[j] != ")" && a[j] != "）" { j -= 1 }
            if j >= 0, a[j] == "(" || a[j] == "（" {
                var k = j - 1
                while k >= 0, ScalarClass.isSpace(a[k]) { k -= 1 }
                if k >= 0, ScalarClass.isSentenceEnd(a[k]) { return true }
            }
        }
        while i >= 0, ScalarClass.isCloser(a[i]) {
            // A closing bracket ends a sentence only when what it closes did: `…。”` or `…。）`.
            i -= 1
        }
        return i >= 0 && ScalarClass.isSentenceEnd(a[i])
    }

    /// Append `next` to `text`, separating with a space only where two Latin/digit runs meet.
    static func joinWrapped(_ text: inout [Unicode.Scalar], _ next: [Unicode.Scalar]) {
        if let l = text.last, let r = next.first, isLatinOrDigit(l), isLatinOrDigit(r) {
            text.append(" ")
        }
        text.append(contentsOf: next)
    }

    static func isLatinOrDigit(_ s: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(s.value) || (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value)
    }

    /// `１９９８`, `ＡＴＭ`: the fullwidth forms of digits and Latin letters.
    static func isFullwidthLatinOrDigit(_ s: Unicode.Scalar) -> Bool {
        (0xFF10...0xFF5A).contains(s.value) && Unicode.Scalar(s.value - 0xFEE0).map(isLatinOrDigit) == true
    }

    static func hasPrefix(_ a: [Unicode.Scalar], _ p: String) -> Bool {
        var i = 0
        for s in p.unicodeScalars {
            if i >= a.count || a[i] != s { return false }
            i += 1
        }
        return true
    }

    static func firstIndex(of p: String, in a: [Unicode.Scalar], from start: Int = 0) -> Int? {
        guard let head = p.unicodeScalars.first, a.contains(head) else { return nil }
        let ps = Array(p.unicodeScalars)
        guard !ps.isEmpty, a.count >= ps.count else { return nil }
        var i = start
        while i + ps.count <= a.count {
            if a[i] == ps[0] {
                var k = 1
                while k < ps.count, a[i + k] == ps[k] { k += 1 }
                if k == ps.count { return i }
            }
            i += 1
        }
        return nil
    }

    static func hasSuffix(_ a: [Unicode.Scalar], _ p: String) -> Bool {
        let ps = Array(p.unicodeScalars)
        return a.count >= ps.count && Array(a[(a.count - ps.count)...]) == ps
    }

    /// Opening and closing double quotes pair up (a headline quotes whole phrases).
    static func quotesBalanced(_ a: [Unicode.Scalar]) -> Bool {
        var open = 0
        for s in a {
            if s == "“" { open += 1 } else if s == "”" { open -= 1 }
            if open < 0 { return false }
        }
        return open == 0
    }

    static func contains(_ a: [Unicode.Scalar], _ p: String) -> Bool { firstIndex(of: p, in: a) != nil }

    /// Parse a run of ASCII digits starting at `i`; returns value and end index.
    static func digits(_ a: [Unicode.Scalar], at i: Int) -> (value: Int, end: Int)? {
        var j = i, v = 0
        while j < a.count, (0x30...0x39).contains(a[j].value), j - i < 9 {
            v = v * 10 + Int(a[j].value - 0x30)
            j += 1
        }
        return j > i ? (v, j) : nil
    }

    /// A short title made from the first sentence of a body: used when no headline survives
    /// (JSONL lines with a null title, articles whose headline the layout lost).
    static func fallbackTitle(from text: String, limit: Int = 40) -> String {
        var first: [Unicode.Scalar] = []
        for s in text.unicodeScalars {
            if s == "\n" { if ScalarText.visibleCount(first) > 0 { break } else { first.removeAll(); continue } }
            if s == "。" || s == "！" || s == "？" || s == "!" || s == "?" { break }
            first.append(s)
        }
        var t = collapsedSpaces(trimmed(first))
        if t.count > limit {
            // Prefer cutting at a clause boundary so the title reads as a phrase.
            var cut = limit
            var k = limit
            while k > limit / 3 {
                if ScalarClass.isClauseComma(t[k]) || t[k] == "；" || t[k] == "：" { cut = k; break }
                k -= 1
            }
            t = Array(t[0..<cut])
        }
        // An opening quote whose close fell beyond the cut would dangle at the start.
        if let f = t.first, f == "“" || f == "\"" || f == "‘", !t.dropFirst().contains(where: { $0 == "”" || $0 == "\"" || $0 == "’" }) {
            t.removeFirst()
        }
        while let last = t.last, ScalarClass.isClauseComma(last) || last == "：" || last == ":" || ScalarClass.isSpace(last) {
            t.removeLast()
        }
        return string(t)
    }
}
