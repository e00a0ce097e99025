/// Dates as newspapers and exports print them, turned into ISO `yyyy-MM-dd`.
enum DateText {
    /// `1998-01-01`, `1998/1/1`, `2025.3.10`, `1998年1月1日`, `19980101`, optionally followed
    /// by a time (`T08:00`, ` 08:00`). Nil when the text is not such a date.
    static func iso(_ text: String) -> String? {
        let a = ScalarText.trimmed(ScalarText.scalars(text))
        guard let (y, m, d, end) = scan(a, at: 0) else { return nil }
        if end < a.count {
            let next = a[end]
            guard next == "T" || ScalarClass.isSpace(next) || next == "日" else { return nil }
        }
        return format(y, m, d)
    }

    /// Find the first `yyyy.m.d` / `yyyy-m-d` / `yyyy年m月d日` date anywhere in a line.
    static func firstDate(in a: [Unicode.Scalar]) -> String? {
        var i = 0
        while i < a.count {
            if (0x30...0x39).contains(a[i].value), i == 0 || !(0x30...0x39).contains(a[i - 1].value),
               let (y, m, d, _) = scan(a, at: i, compactAllowed: false) {
                return format(y, m, d)
            }
            i += 1
        }
        return nil
    }

    static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))"
    }

    private static func scan(_ a: [Unicode.Scalar], at i: Int, compactAllowed: Bool = true)
        -> (Int, Int, Int, Int)? {
        guard let (y, e1) = ScalarText.digits(a, at: i) else { return nil }
        if e1 - i == 8, compactAllowed {
            let m = (y / 100) % 100, d = y % 100
            return valid(y / 10000, m, d) ? (y / 10000, m, d, e1) : nil
        }
        guard e1 - i == 4, e1 < a.count else { return nil }
        let sep1 = a[e1]
        guard sep1 == "-" || sep1 == "/" || sep1 == "." || sep1 == "年" else { return nil }
        guard let (m, e2) = ScalarText.digits(a, at: e1 + 1), e2 - e1 - 1 <= 2, e2 < a.count else { return nil }
        let sep2 = a[e2]
        let expected: Unicode.Scalar = sep1 == "年" ? "月" : sep1
        guard sep2 == expected, let (d, e3) = ScalarText.digits(a, at: e2 + 1), e3 - e2 - 1 <= 2 else { return nil }
        guard valid(y, m, d) else { return nil }
        var end = e3
        if sep1 == "年", end < a.count, a[end] == "日" { end += 1 }
        if end < a.count, (0x30...0x39).contains(a[end].value) { return nil }
        return (y, m, d, end)
    }

    private static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1800...2200).contains(y), (1...12).contains(m), d >= 1 else { return false }
        let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        if m == 2, d == 29 { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
        return d <= days
    }

    private static func isStem(_ s: Unicode.Scalar) -> Bool {
        switch s { case "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸": return true; default: return false }
    }
    private static func isBranch(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥": return true
        default: return false
        }
    }
    private static func isNumeral(_ s: Unicode.Scalar) -> Bool {
        switch s { case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": return true; default: return false }
    }
    private static func isLunarMonth(_ s: Unicode.Scalar) -> Bool {
        isNumeral(s) || s == "正" || s == "冬" || s == "腊" || s == "闰"
    }
    private static func isLunarDay(_ s: Unicode.Scalar) -> Bool {
        isNumeral(s) || s == "初" || s == "廿" || s == "卅"
    }

    /// A lunar date as printed on mastheads, `乙巳年七月初四`: returns it and its range.
    static func lunarDate(in a: [Unicode.Scalar]) -> (text: String, range: Range<Int>)? {
        var i = 0
        while i + 3 < a.count {
            if a[i + 2] == "年", isStem(a[i]), isBranch(a[i + 1]) {
                var j = i + 3
                let monthStart = j
                while j < a.count, isLunarMonth(a[j]), j - monthStart < 3 { j += 1 }
                if j > monthStart, j < a.count, a[j] == "月" {
                    j += 1
                    let dayStart = j
                    while j < a.count, isLunarDay(a[j]), j - dayStart < 3 { j += 1 }
                    if j - dayStart >= 2 {
                        return (ScalarText.string(a[i..<j]), i..<j)
                    }
                }
            }
            i += 1
        }
        return nil
    }
}
