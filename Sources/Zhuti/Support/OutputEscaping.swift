/// Byte-level escaping for the output formats (graph files, JSON answers, CSV, SVG): the one
/// place each format's rules live (`CSV`, `JSONOutput` and the writers build on it). Each function appends the UTF-8 of `text`,
/// escaped for one context, to `out`. All special characters are ASCII, so scanning bytes
/// (not Characters) is both correct for UTF-8 and fast.
enum OutputEscaping {
    /// U+FFFD, written in place of characters a format cannot carry (control characters from
    /// bad OCR in XML 1.0, NUL in CSV), so the reader sees that something was there.
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    @inline(__always)
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        let copy = Array(text.utf8)
        return copy.withUnsafeBufferPointer(body)
    }

    /// XML 1.0 text and double-quoted attribute values. Tab, newline and CR become character
    /// references so attribute-value normalisation keeps them; other C0 controls and the
    /// non-characters U+FFFE/U+FFFF (illegal in XML 1.0) become U+FFFD.
    static func appendXML(_ text: String, to out: inout [UInt8]) {
        withBytes(text) { bytes in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "&"): out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B]) // &amp;
                case UInt8(ascii: "<"): out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B]) // &lt;
                case UInt8(ascii: ">"): out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B]) // &gt;
                case UInt8(ascii: "\""): out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]) // &quot;
                case 0x09: out.append(contentsOf: [0x26, 0x23, 0x39, 0x3B]) // &#9;
                case 0x0A: out.append(contentsOf: [0x26, 0x23, 0x31, 0x30, 0x3B]) // &#10;
                case 0x0D: out.append(contentsOf: [0x26, 0x23, 0x31, 0x33, 0x3B]) // &#13;
                case 0x00..<0x20: out.append(contentsOf: replacement)
                case 0xEF where i + 2 < n && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                    out.append(contentsOf: replacement)
                    i += 2
                default: out.append(b)
                }
                i += 1
            }
        }
    }

    /// A JSON string literal with its quotes (RFC 8259): `"` and `\` escaped, control
    /// characters as short escapes or `\u00XX`. Lossless: every character survives.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        withBytes(text) { bytes in
            for b in bytes {
                switch b {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x00..<0x20:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30,
                                            hexDigit(b >> 4), hexDigit(b & 0x0F)])
                default: out.append(b)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// An RFC 4180 field: quoted (with `"` doubled) only when it holds a comma, quote, CR or
    /// LF. C0 controls other than tab/CR/LF become U+FFFD: NUL in particular stops
    /// Python's csv reader.
    static func appendCSVField(_ text: String, to out: inout [UInt8]) {
        withBytes(text) { bytes in
            var needsQuotes = false
            for b in bytes where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 0x0A || b == 0x0D {
                needsQuotes = true
                break
            }
            if needsQuotes { out.append(UInt8(ascii: "\"")) }
            for b in bytes {
                switch b {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x22, 0x22])
                case 0x09, 0x0A, 0x0D: out.append(b)
                case 0x00..<0x20: out.append(contentsOf: replacement)
                default: out.append(b)
                }
            }
            if needsQuotes { out.append(UInt8(ascii: "\"")) }
        }
    }

    /// A Graphviz double-quoted string with its quotes. `"` and `\` are backslash-escaped
    /// (so `\N`-style label escapes in a title print literally), a newline (or CR, CRLF)
    /// becomes the label line break `\n`, and other C0 controls become U+FFFD, which keeps
    /// every statement on one line.
    static func appendDOTString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        withBytes(text) { bytes in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                case 0x0D:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                    if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x09: out.append(b)
                case 0x00..<0x20: out.append(contentsOf: replacement)
                default: out.append(b)
                }
                i += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    /// `appendXML` for a String (SVG text and attributes).
    static func xml(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        appendXML(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? 0x30 + v : UInt8(ascii: "a") + v - 10
    }

    /// Decimal digits of an integer, without going through String.
    static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value == 0 { out.append(0x30); return }
        var magnitude = value.magnitude
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while magnitude > 0 {
                raw[count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                out.append(raw[count])
            }
        }
    }

    /// The shortest decimal that reads back as the same Float (Swift's own round-trip
    /// formatting, e.g. `0.83412457`, `1e-05`); callers reject non-finite weights first.
    /// Such short strings live inline in String, so this does not allocate per edge.
    @inline(__always)
    static func appendFloat(_ value: Float, to out: inout [UInt8]) {
        var text = value.description
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    @inline(__always)
    static func appendASCII(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }
}
