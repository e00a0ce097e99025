/// The public JSON form of an article (`zhuti articles --format jsonl`, `GET /articles/{id}`):
/// every field present, `null` where unknown; the analysis form is not part of it.
public struct ArticleRecord: Encodable, Sendable {
    public var article: StoredArticle

    public init(_ article: StoredArticle) {
        self.article = article
    }

    enum Key: String, CodingKey {
        case id, issue, source, paper, date, page, kicker, title, subtitle, byline, text, continuation, label, sequence, kind
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(article.id, forKey: .id)
        try container.encode(article.issue, forKey: .issue)
        try container.encode(article.source, forKey: .source)
        try container.encode(article.paper, forKey: .paper)
        try container.encode(article.date, forKey: .date)
        try container.encode(article.page, forKey: .page)
        try container.encode(article.kicker, forKey: .kicker)
        try container.encode(article.title, forKey: .title)
        try container.encode(article.subtitle, forKey: .subtitle)
        try container.encode(article.byline, forKey: .byline)
        try container.encode(article.text, forKey: .text)
        try container.encode(article.continuation, forKey: .continuation)
        try container.encode(article.label, forKey: .label)
        try container.encode(article.sequence, forKey: .sequence)
        try container.encode(article.kind, forKey: .kind)
    }
}
