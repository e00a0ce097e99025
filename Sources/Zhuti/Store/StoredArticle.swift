/// An article as the library keeps it.
public struct StoredArticle: Sendable, Hashable, Codable {
    public var id: String
    public var issue: String
    /// The path that was ingested.
    public var source: String
    public var paper: String?
    public var date: String?
    public var page: Int?
    public var title: String
    public var byline: String?
    /// Original text, for display.
    public var text: String
    /// Normalised text, for analysis (vectorizing, phrases).
    public var normalized: String
    public var continuation: String?
    public var label: String?
    /// Position within its issue, from 1.
    public var sequence: Int
    /// article, brief, caption, teaser or commentary, when the reader could tell.
    public var kind: String?
    /// The line above the headline (引题) and the one under it (副题), when printed apart.
    public var kicker: String?
    public var subtitle: String?

    public init(id: String, issue: String, source: String, paper: String?, date: String?, page: Int?,
                title: String, byline: String?, text: String, normalized: String,
                continuation: String?, label: String?, sequence: Int, kind: String? = nil,
                kicker: String? = nil, subtitle: String? = nil) {
        self.id = id
        self.issue = issue
        self.source = source
        self.paper = paper
        self.date = date
        self.page = page
        self.title = title
        self.byline = byline
        self.text = text
        self.normalized = normalized
        self.continuation = continuation
        self.label = label
        self.sequence = sequence
        self.kind = kind
        self.kicker = kicker
        self.subtitle = subtitle
    }
}

/// An issue as the library keeps it.
public struct StoredIssue: Sendable, Hashable, Codable {
    public var id: String
    public var source: String
    public var paper: String?
    public var date: String?
    /// Where the date came from: masthead, lunar, export, post or none (issues stored before
    /// this was recorded: masthead when dated).
    public var dateSource: String
    public var lunarDate: String?
    public var number: Int?
    public var contentHash: String
    public var articleCount: Int
}

/// What one ingest run did, issue by issue.
public struct IngestOutcome: Sendable, Equatable {
    public var added: [String] = []
    public var replaced: [String] = []
    public var unchanged: [String] = []
    public var articleCount = 0
}
