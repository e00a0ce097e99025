import Foundation
import Zhuti

/// The body of `POST /articles`.
///
/// Where it is stored: without `issue`, the article becomes a one-article issue whose id is
/// the article's id; with an `issue` that exists, it is added to that issue as a posted
/// article (the issue's other articles and its content hash are untouched, and re-ingesting
/// the issue's file keeps it); with an `issue` that does not exist yet, that issue is created
/// holding just this article. Without `id`, the id is `post-` followed by a
/// hash of the article's title, text, date and paper (posting the same article twice is a
/// 409 conflict rather than a duplicate).
struct ArticlePost: Decodable, Sendable {
    var title: String
    var text: String
    var date: String?
    var paper: String?
    var issue: String?
    var id: String?
    var page: Int?
    var byline: String?

    static let source = "POST /articles"

    /// Checks the fields a client controls; throws 400 naming the field.
    func validated() throws -> ArticlePost {
        var post = self
        // An empty optional field is an absent one ("date": "" is a post without a date).
        if post.date?.isEmpty == true { post.date = nil }
        if post.paper?.isEmpty == true { post.paper = nil }
        if post.byline?.isEmpty == true { post.byline = nil }
        return try post.checked()
    }

    private func checked() throws -> ArticlePost {
        guard text.unicodeScalars.contains(where: { !Self.ecmaWhitespace.contains($0) }) else {
            throw APIError.badRequest("field 'text' is empty")
        }
        // Lengths in code points, as the OpenAPI document's maxLength counts them.
        guard title.unicodeScalars.count <= 1000 else { throw APIError.badRequest("field 'title' is longer than 1000 characters") }
        if let date, !Self.isISODate(date) {
            throw APIError.badRequest("field 'date' must be a date like 2025-03-10 (got '\(date)')")
        }
        if let id { try Self.checkIdentifier(id, field: "id") }
        if let issue { try Self.checkIdentifier(issue, field: "issue") }
        if let page, !(0...9999).contains(page) { throw APIError.badRequest("field 'page' must be between 0 and 9999") }
        return self
    }

    var articleID: String {
        if let id { return id }
        var hash = StableHash()
        for part in [title, text, date ?? "", paper ?? ""] { hash.combine(part) }
        return "post-" + hash.hexDigest
    }

    /// Stores the article as a posted article of its issue (created when it does not exist).
    /// Run inside the store's serial change queue. Posted articles are kept apart from the
    /// rows files wrote, so a later `zhuti ingest` of the issue's file never removes them
    /// (`ArticleLibrary.post`).
    func store(in library: ArticleLibrary) throws {
        let id = articleID
        if let owner = try library.article(id: id) {
            throw APIError(.conflict, "article id '\(id)' is already stored (in issue '\(owner.issue)')", kind: "conflict")
        }
        let issueID = issue ?? id
        if issue == nil, try library.issues().contains(where: { $0.id == issueID }) {
            throw APIError(.conflict, "an issue named '\(issueID)' already exists; give the article another id", kind: "conflict")
        }
        let article = ParsedArticle(id: id, title: title, byline: byline, text: text, page: page, date: date, paper: paper)
        try library.post(article, issue: issueID, normalize: TextNormalizer.normalize)
    }

    /// What `\s` matches in the OpenAPI document's patterns (ECMA-262: white space and line
    /// terminators), so the server and the document agree on what an empty text is.
    static let ecmaWhitespace: Set<Unicode.Scalar> = Set(
        [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF]
            .compactMap(Unicode.Scalar.init) + (0x2000...0x200A).compactMap(Unicode.Scalar.init))

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
              let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    /// Ids appear in URL paths: 1-128 code points, none of them an ASCII control character,
    /// a space, '/', '?', '#', '%', '\\' or a double quote (the OpenAPI document's pattern).
    static func checkIdentifier(_ value: String, field: String) throws {
        guard (1...128).contains(value.unicodeScalars.count),
              value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !"/?#%\\\"".unicodeScalars.contains($0) }) else {
            throw APIError.badRequest("field '\(field)' must be 1-128 characters without spaces, control characters, '/', '?', '#', '%', '\\' or quotes (got '\(value)')")
        }
    }
}
