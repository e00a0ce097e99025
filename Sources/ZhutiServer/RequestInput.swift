import Foundation
import Hummingbird
import NIOCore
import Zhuti

/// Reading query parameters and JSON bodies, with the API's 400/413 rules.
enum RequestInput {
    /// The limits that bound what one request can cost (README, OpenAPI document): related
    /// articles per answer (each is explained against the query), themes, graph neighbours,
    /// and the length of a pasted text.
    static let kRange = 1...100
    static let themeRange = 2...50
    static let knnRange = 1...50
    static let maxTextCharacters = 20_000

    /// A query parameter as sent.
    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[name[...]].map(String.init)
    }

    /// A string parameter where an empty value (`since=`, as forms send) is an absent one.
    /// Numbers, booleans and enumerations are not: `k=` is not a number (400).
    static func text(_ request: Request, _ name: String) -> String? {
        query(request, name).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `k` (or another count) from the query string: absent -> `default`; not a number or out
    /// of `range` -> 400.
    static func integer(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int> = kRange) throws -> Int {
        guard let text = query(request, name) else { return value }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), let number = Int(text) else {
            throw APIError.badRequest("'\(name)' must be an integer (got '\(text)')")
        }
        guard range.contains(number) else {
            throw APIError.badRequest("'\(name)' must be between \(range.lowerBound) and \(range.upperBound) (got \(number))")
        }
        return number
    }

    static func flag(_ request: Request, _ name: String, default value: Bool = false) throws -> Bool {
        guard let text = query(request, name) else { return value }
        switch text {
        case "true": return true
        case "false": return false
        default: throw APIError.badRequest("'\(name)' must be true or false (got '\(text)')")
        }
    }

    /// `since`, `until`, `paper`, `exclude_same_issue`.
    static func filter(_ request: Request) throws -> RelatedFilter {
        try (RelatedFilter(since: text(request, "since"), until: text(request, "until"), paper: text(request, "paper"),
                                    excludeSameIssue: flag(request, "exclude_same_issue"))).validated()
    }

    /// `expand` (default true): rank with query expansion, or by plain cosine.
    static func expansion(_ request: Request) throws -> QueryExpansion? {
        try flag(request, "expand", default: true) ? .standard : nil
    }

    /// A path parameter, percent-decoded.
    static func parameter(_ context: BasicRequestContext, _ name: String) throws -> String {
        guard let raw = context.parameters.get(name) else { throw APIError.badRequest("missing '\(name)' in the path") }
        return raw.removingPercentEncoding ?? raw
    }

    /// The body decoded as `T`, at most `limit` bytes (413 beyond), malformed JSON or wrong
    /// types -> 400 naming the field.
    static func json<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw APIError(.contentTooLarge, "the request body is \(length) bytes; the limit is \(limit)", kind: "tooLarge")
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "the request body is larger than the limit of \(limit) bytes", kind: "tooLarge")
        }
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("the request body is empty; send a JSON object") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.badRequest(describe(error))
        } catch {
            throw APIError.badRequest("the body is not valid JSON: \(error.localizedDescription)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "missing field '\(parent.isEmpty ? "" : parent + ".")\(key.stringValue)'"
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty { return "the body must be a JSON object" }
            return "field '\(path(context.codingPath))' has the wrong type (expected \(jsonType(type)))"
        case .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))' is null (expected \(jsonType(type)))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the body is not valid JSON" }
            return "field '\(path(context.codingPath))' is invalid: \(context.debugDescription)"
        @unknown default:
            return "the body does not match the expected JSON"
        }
    }

    private static func jsonType(_ type: Any.Type) -> String {
        if type == String.self { return "a string" }
        if type == Int.self { return "an integer" }
        if type == Bool.self { return "true or false" }
        if type == Double.self || type == Float.self { return "a number" }
        return "an object"
    }
}
