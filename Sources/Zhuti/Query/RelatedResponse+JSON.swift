/// `RelatedResponse` as JSON without `JSONEncoder`.
///
/// `related --all` writes one response per article and the server one per request;
/// Foundation's encoder (boxing every value, sorting keys per object) cost more than
/// finding the neighbours. The output is what `JSONOutput.encode` writes: keys in sorted
/// order, absent optionals left out, UTF-8 unescaped, numbers as Swift prints them with
/// a trailing `.0` dropped (tests check the two agree).
extension RelatedResponse {
    public var json: String {
        var out: [UInt8] = []
        out.reserveCapacity(256 + 256 * results.count)
        out.append(UInt8(ascii: "{"))
        if let id {
            key("id", &out)
            OutputEscaping.appendJSONString(id, to: &out)
            out.append(UInt8(ascii: ","))
        }
        if let note {
            key("note", &out)
            OutputEscaping.appendJSONString(note, to: &out)
            out.append(UInt8(ascii: ","))
        }
        key("query", &out)
        out.append(UInt8(ascii: "{"))
        var separator = false
        if let id = query.id { field("id", id, &out, &separator) }
        if let title = query.title { field("title", title, &out, &separator) }
        out.append(UInt8(ascii: "}"))
        out.append(UInt8(ascii: ","))
        key("results", &out)
        out.append(UInt8(ascii: "["))
        for (position, result) in results.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            result.appendJSON(to: &out)
        }
        out.append(contentsOf: "]}".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}

extension RelatedResult {
    func appendJSON(to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        key("cosine", &out)
        appendNumber(cosine, &out)
        var separator = true
        if let date { field("date", date, &out, &separator) }
        if let duplicate { field("duplicate", duplicate.rawValue, &out, &separator) }
        field("id", id, &out, &separator)
        field("issue", issue, &out, &separator)
        if let page {
            out.append(UInt8(ascii: ","))
            key("page", &out)
            OutputEscaping.appendInt(page, to: &out)
        }
        if let paper { field("paper", paper, &out, &separator) }
        out.append(UInt8(ascii: ","))
        key("score", &out)
        appendNumber(score, &out)
        out.append(UInt8(ascii: ","))
        key("shared", &out)
        out.append(UInt8(ascii: "["))
        for (position, phrase) in shared.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            OutputEscaping.appendJSONString(phrase, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        field("title", title, &out, &separator)
        out.append(UInt8(ascii: "}"))
    }
}

private func key(_ name: StaticString, _ out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { out.append(contentsOf: $0) }
    out.append(contentsOf: "\":".utf8)
}

/// A string member; `separator` says whether a member was already written.
private func field(_ name: StaticString, _ value: String, _ out: inout [UInt8], _ separator: inout Bool) {
    if separator { out.append(UInt8(ascii: ",")) }
    separator = true
    key(name, &out)
    OutputEscaping.appendJSONString(value, to: &out)
}

/// As JSONEncoder writes a Float: Swift's shortest round-trip form, `1.0` as `1`;
/// a non-finite score (never produced by cosine of unit vectors) as null.
private func appendNumber(_ value: Float, _ out: inout [UInt8]) {
    guard value.isFinite else {
        out.append(contentsOf: "null".utf8)
        return
    }
    var text = value.description
    if text.hasSuffix(".0") { text.removeLast(2) }
    out.append(contentsOf: text.utf8)
}
