/// RFC 4180 CSV, the one writer every CSV output uses (listings, themes, track, graphs):
/// fields quoted only when they hold a comma, quote or line break, rows ending in CRLF.
public enum CSV {
    /// One field, escaped as `OutputEscaping.appendCSVField` escapes it.
    public static func field(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count + 2)
        OutputEscaping.appendCSVField(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// One row, CRLF-terminated.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}
