/// Everything `zhuti themes` reports. Encoded as JSON it is exactly
/// `{"themes": [{"id", "label", "phrases", "size", "articles", "representatives", "timeline",
/// ...}], "unassigned": [{"id", "nearest", "score"}]}` with a few extra fields (first, last
/// and peak issue, issue totals, representative titles, the chosen k).
public struct ThemeReport: Codable, Sendable, Hashable {
    public struct TimelinePoint: Codable, Sendable, Hashable {
        public var issue: String
        public var date: String?
        /// The issue's paper, when known.
        public var paper: String?
        /// Articles of this theme in the issue.
        public var count: Int
        /// `count` / `total`, 0 for an issue without articles.
        public var share: Double
        /// All articles of the issue (assigned or not).
        public var total: Int

        public init(issue: String, date: String?, paper: String? = nil, count: Int, share: Double, total: Int) {
            self.issue = issue
            self.date = date
            self.paper = paper
            self.count = count
            self.share = share
            self.total = total
        }
    }

    /// How one paper carried a theme: the cross-paper timeline. Papers are named as the
    /// issues name them; issues that name none are grouped as `paper` nil.
    public struct PaperRun: Codable, Sendable, Hashable {
        public var paper: String?
        /// Articles of the theme in this paper's issues.
        public var articles: Int
        /// Issues of this paper in the archive, and how many carried the theme.
        public var issues: Int
        public var issuesWithTheme: Int
        /// First issue of this paper with the theme, and its date.
        public var first: String?
        public var firstDate: String?
        /// This paper's issue with the highest share of the theme (ties: higher count, then
        /// the earlier issue), its date and share.
        public var peak: String?
        public var peakDate: String?
        public var peakShare: Double
        /// Days from the theme's first dated appearance in any paper to its first in this one
        /// (0 for the paper that carried it first); nil when this paper's issues are undated.
        public var lagDays: Int?

        public init(paper: String?, articles: Int, issues: Int, issuesWithTheme: Int, first: String?, firstDate: String?,
                    peak: String?, peakDate: String?, peakShare: Double, lagDays: Int?) {
            self.paper = paper
            self.articles = articles
            self.issues = issues
            self.issuesWithTheme = issuesWithTheme
            self.first = first
            self.firstDate = firstDate
            self.peak = peak
            self.peakDate = peakDate
            self.peakShare = peakShare
            self.lagDays = lagDays
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
        /// Per paper that carried the theme, the paper that carried it first leading, then by
        /// first date (undated papers last, by name).
        public var papers: [PaperRun]
        /// The paper that carried the theme first (by date), nil when no dated issue has it.
        public var leadPaper: String?

        public init(id: Int, label: String, phrases: [String], size: Int, articles: [String],
                    representatives: [String], representativeTitles: [String], timeline: [TimelinePoint],
                    first: String?, last: String?, peak: String?, papers: [PaperRun] = [], leadPaper: String? = nil) {
            self.papers = papers
            self.leadPaper = leadPaper
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
