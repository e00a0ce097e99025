/// Everything `zhuti themes` reports. Encoded as JSON it is exactly
/// `{"themes": [{"id", "label", "phrases", "size", "articles", "representatives", "timeline",
/// ...}], "unassigned": [{"id", "nearest", "score"}]}` with a few extra fields (first, last
/// and peak issue, issue totals, representative titles, the chosen k).
public struct ThemeReport: Codable, Sendable, Hashable {
    public struct TimelinePoint: Codable, Sendable, Hashable {
        public var issue: String
        public var date: String?
        /// Articles of this theme in the issue.
        public var count: Int
        /// `count` / `total`, 0 for an issue without articles.
        public var share: Double
        /// All articles of the issue (assigned or not).
        public var total: Int

        public init(issue: String, date: String?, count: Int, share: Double, total: Int) {
            self.issue = issue
            self.date = date
            self.count = count
            self.share = share
            self.total = total
        }
    }

    public struct Theme: Codable, Sendable, Hashable {
        /// 1-based, themes numbered by size (largest first).
        public var id: Int
        public var label: String
        public var phrases: [String]
        public var size: Int
        /// Member article ids in archive order.
        public var articles: [String]
        /// Up to 5 members closest to the centroid, closest first.
        public var representatives: [String]
        public var representativeTitles: [String]
        /// One point per issue of the archive, in issue order (zero counts included).
        public var timeline: [TimelinePoint]
        /// First and last issue with a member, and the issue with the highest share
        /// (ties: higher count, then earlier issue). Nil only for an empty theme.
        public var first: String?
        public var last: String?
        public var peak: String?

        public init(id: Int, label: String, phrases: [String], size: Int, articles: [String],
                    representatives: [String], representativeTitles: [String], timeline: [TimelinePoint],
                    first: String?, last: String?, peak: String?) {
            self.id = id
            self.label = label
            self.phrases = phrases
            self.size = size
            self.articles = articles
            self.representatives = representatives
            self.representativeTitles = representativeTitles
            self.timeline = timeline
            self.first = first
            self.last = last
            self.peak = peak
        }
    }

    public struct Unassigned: Codable, Sendable, Hashable {
        public var id: String
        /// Id of the nearest theme, nil when no theme survived.
        public var nearest: Int?
        /// Cosine to that theme's centroid, rounded to 4 decimals.
        public var score: Double

        public init(id: String, nearest: Int?, score: Double) {
            self.id = id
            self.nearest = nearest
            self.score = score
        }
    }

    public var themes: [Theme]
    public var unassigned: [Unassigned]
    /// k handed to k-means (chosen by the silhouette rule under `--k auto`).
    public var k: Int
    public var articleCount: Int

    public init(themes: [Theme], unassigned: [Unassigned], k: Int, articleCount: Int) {
        self.themes = themes
        self.unassigned = unassigned
        self.k = k
        self.articleCount = articleCount
    }
}
