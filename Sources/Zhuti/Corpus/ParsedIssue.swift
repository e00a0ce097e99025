/// An article as a reader recovered it from its source, before it is stored.
public struct ParsedArticle: Sendable, Hashable, Codable {
    /// The id the source gave (JSONL `id`); nil when the library assigns `issue-NNN`.
    public var id: String?
    public var title: String
    /// 本报讯/记者/通讯员 line(s), when printed.
    public var byline: String?
    /// Body for display: wrapped lines joined, stray spaces between CJK characters removed,
    /// paragraphs separated by "\n".
    public var text: String
    public var page: Int?
    /// A jump marker the text printed, e.g. "下转第3版" or "上接第1版".
    public var continuation: String?
    /// Per-article metadata from JSONL exports, overriding the issue's where present.
    public var date: String?
    public var paper: String?
    public var label: String?
    /// What the page prints it as (`ArticleKind`), when the reader could tell.
    public var kind: String?
    /// The line printed above the headline (引题, `市发改委:`) and the one under it (副题,
    /// `——…`, `·…`), when the typography sets them apart; `title` is the headline itself.
    public var kicker: String?
    public var subtitle: String?

    public init(id: String? = nil, title: String, byline: String? = nil, text: String,
                page: Int? = nil, continuation: String? = nil, date: String? = nil,
                paper: String? = nil, label: String? = nil, kind: String? = nil,
                kicker: String? = nil, subtitle: String? = nil) {
        self.id = id
        self.title = title
        self.byline = byline
        self.text = text
        self.page = page
        self.continuation = continuation
        self.date = date
        self.paper = paper
        self.label = label
        self.kind = kind
        self.kicker = kicker
        self.subtitle = subtitle
    }
}

/// One newspaper issue as read from a file (or a group of JSONL lines).
public struct ParsedIssue: Sendable, Hashable {
    /// Stable issue id: the file's stem, or the JSONL `issue` / `paper`+`date` group key.
    public var id: String
    /// The path the user ingested.
    public var source: String
    public var paper: String?
    /// ISO date `yyyy-MM-dd` when the masthead (or JSONL) gives one.
    public var date: String?
    /// Lunar date as printed, e.g. `乙巳年七月初四`.
    public var lunarDate: String?
    /// Where `date` came from: `masthead` (a date printed in the masthead or on a line of its
    /// own), `lunar` (converted from the lunar date), `export` (the JSONL record), or nil (no date).
    public var dateSource: String?
    /// 总第N期.
    public var number: Int?
    /// Hash of the issue's source content: unchanged hash = nothing to re-ingest.
    public var contentHash: String
    public var articles: [ParsedArticle]

    public init(id: String, source: String, paper: String? = nil, date: String? = nil,
                lunarDate: String? = nil, number: Int? = nil, contentHash: String,
                articles: [ParsedArticle], dateSource: String? = nil) {
        self.dateSource = date == nil ? nil : dateSource
        self.id = id
        self.source = source
        self.paper = paper
        self.date = date
        self.lunarDate = lunarDate
        self.number = number
        self.contentHash = contentHash
        self.articles = articles
    }
}
