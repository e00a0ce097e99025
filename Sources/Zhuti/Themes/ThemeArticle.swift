/// What the themes pipeline needs to know about one article, in the same order as the
/// rows of the document-vector matrix it is clustered with.
public struct ThemeArticle: Sendable, Hashable, Codable {
    public var id: String
    public var issue: String
    /// ISO date (`YYYY-MM-DD`) of the article's issue, when known.
    public var date: String?
    /// The paper that printed it (荆州日报), when the issue names one.
    public var paper: String?
    public var title: String
    /// Normalised analysis text (the form the vectorizer saw); labels are cut from it.
    public var text: String

    /// What labels are cut from: the title, then the analysis text `text` (this
    /// article's, or its text read separately when it was loaded without it).
    public func labelText(_ text: String) -> String {
        title.isEmpty ? text : title + "\n" + text
    }

    public init(id: String, issue: String, date: String?, paper: String? = nil, title: String, text: String) {
        self.id = id
        self.issue = issue
        self.date = date
        self.paper = paper
        self.title = title
        self.text = text
    }
}
