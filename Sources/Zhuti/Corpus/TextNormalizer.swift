/// The analysis form of a text: the same words written one way, so that `ＡＰＰ`, `App` and
/// `app`, or `“` and `"`, count as the same characters. Display keeps the original.
public enum TextNormalizer {
    /// Full-width ASCII -> half-width, ideographic and other spaces -> space, Latin case
    /// folded, curly/corner quotes -> ASCII quotes, dash variants (runs too) -> "-",
    /// CRLF/CR -> LF. CJK punctuation such as 。、《》 stays punctuation; newlines stay.
    public static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasDash = false
        var previousCR = false
        for s in text.unicodeScalars {
            let v = s.value
            if previousCR, s == "\n" { previousCR = false; continue }
            previousCR = false
            var mapped: Unicode.Scalar = s
            var isDash = false
            switch v {
            case 0x0D:
                previousCR = true
                mapped = "\n"
            case 0xFF01...0xFF5E:
                mapped = Unicode.Scalar(v - 0xFEE0) ?? s
                if mapped == "-" { isDash = true }
                if (0x41...0x5A).contains(mapped.value) { mapped = Unicode.Scalar(mapped.value + 32) ?? mapped }
            case 0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x202F:
                mapped = " "
            case 0x200B, 0xFEFF:
                continue
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x300C, 0x300D, 0x301D, 0x301E:
                mapped = "\""
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x300E, 0x300F:
                mapped = "'"
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0x2500:
                mapped = "-"
                isDash = true
            case 0x41...0x5A:
                mapped = Unicode.Scalar(v + 32) ?? s
            case 0xC0...0x24F:
                // Latin-1 and Latin Extended letters: fold case through Unicode's mapping.
                let lower = s.properties.lowercaseMapping.unicodeScalars
                if lower.count == 1, let l = lower.first { mapped = l }
            default:
                break
            }
            // Runs of wide dashes (`——`) collapse to one "-"; ASCII hyphens are kept as written.
            if isDash, v > 0x7E {
                if lastWasDash { continue }
                lastWasDash = true
                out.append(mapped)
                continue
            }
            lastWasDash = false
            out.append(mapped)
        }
        return String(out)
    }
}
