import Foundation

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

    /// A date in brackets on a line of its own under a headline, the day a speech or document was
    /// given (`(一九九八年一月十五日)`, `——（1998年1月15日）`).
    static func isBracketedDate(_ a: [Unicode.Scalar]) -> Bool {
        var t = ScalarText.trimmed(a)[...]
        while let f = t.first, LayoutParser.headlineDashes.contains(f) { t = t.dropFirst() }
        guard ScalarText.isBracketedNote(Array(t)) else { return false }
        let inner = t.dropFirst().dropLast()
        return inner.last == "日" && inner.contains("年") && inner.allSatisfy {
            isNumeral($0) || $0 == "〇" || $0 == "○" || $0 == "零" || ("0"..."9").contains($0) || $0 == "年" || $0 == "月" || $0 == "日"
        }
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

    /// The Gregorian date of a lunar masthead date such as `乙巳年七月初四` (2025-08-26), through
    /// Foundation's Chinese calendar (ICU). A stem-branch year recurs every 60 years: the one
    /// nearest `yearHint` (a year the issue prints elsewhere) is taken, else the latest one
    /// not after `now`. Nil when the text is not such a date or the day does not exist.
    static func gregorian(fromLunar text: String, yearHint: Int?, now: Date = Date()) -> String? {
        let a = Array(text.unicodeScalars)
        let stems = Array("甲乙丙丁戊己庚辛壬癸".unicodeScalars), branches = Array("子丑寅卯辰巳午未申酉戌亥".unicodeScalars)
        guard a.count >= 6, let stem = stems.firstIndex(of: a[0]), let branch = branches.firstIndex(of: a[1]), a[2] == "年",
              let monthEnd = a.firstIndex(of: "月") else { return nil }
        // The year's place in the 60-year cycle: n ≡ stem (mod 10) and n ≡ branch (mod 12).
        guard let cycleYear = (0..<60).first(where: { $0 % 10 == stem && $0 % 12 == branch }) else { return nil }
        var monthText = Array(a[3..<monthEnd])
        let leap = monthText.first == "闰"
        if leap { monthText.removeFirst() }
        let dayText = Array(a[(monthEnd + 1)...])
        guard let month = lunarNumber(monthText, isMonth: true), (1...12).contains(month),
              let day = lunarNumber(dayText, isMonth: false), (1...30).contains(day) else { return nil }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        let thisYear = gregorian.component(.year, from: now)
        // 1984 began a cycle (甲子): Gregorian years y with (y - 1984) mod 60 == cycleYear.
        let candidates = (-3...1).map { 1984 + cycleYear + 60 * $0 }
        let year = yearHint.map { hint in candidates.min { abs($0 - hint) < abs($1 - hint) }! }
            ?? candidates.filter { $0 <= thisYear }.max() ?? candidates[0]
        var chinese = Calendar(identifier: .chinese)
        chinese.timeZone = gregorian.timeZone
        var components = DateComponents()
        components.era = 78 + Int((Double(year - 1984) / 60).rounded(.down))
        components.year = cycleYear + 1
        components.month = month
        components.day = day
        components.isLeapMonth = leap
        guard let date = chinese.date(from: components) else { return nil }
        let back = chinese.dateComponents([.year, .month, .day, .isLeapMonth], from: date)
        guard back.month == month, back.day == day, (back.isLeapMonth ?? false) == leap else { return nil }  // no such day
        let g = gregorian.dateComponents([.year, .month, .day], from: date)
        return format(g.year!, g.month!, g.day!)
    }

    /// 正/冬/腊 months and 初一 … 三十 days, 廿/卅 included.
    private static func lunarNumber(_ s: [Unicode.Scalar], isMonth: Bool) -> Int? {
        let digits: [Unicode.Scalar: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        if isMonth, s.count == 1 {
            switch s[0] { case "正": return 1; case "冬": return 11; case "腊": return 12; default: break }
        }
        var rest = s[...]
        if !isMonth, rest.first == "初" { rest = rest.dropFirst(); return rest == ["十"] ? 10 : rest.count == 1 ? digits[rest.first!] : nil }
        switch Array(rest) {
        case let x where x.count == 1 && x[0] == "十": return 10
        case let x where x.count == 1: return digits[x[0]]
        case let x where x.count == 2 && x[0] == "十": return digits[x[1]].map { 10 + $0 }
        case let x where x.count == 2 && x[1] == "十": return digits[x[0]].map { 10 * $0 }
        case let x where x.count == 2 && x[0] == "廿": return digits[x[1]].map { 20 + $0 }
        case let x where x.count == 2 && x[0] == "卅": return nil
        case let x where x.count == 1 && x[0] == "廿": return 20
        case let x where x.count == 1 && x[0] == "卅": return 30
        case let x where x.count == 3 && x[1] == "十": return digits[x[0]].flatMap { t in digits[x[2]].map { 10 * t + $0 } }
        default: return nil
        }
    }
}
