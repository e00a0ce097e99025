/// How many themes to look for.
public enum ThemeCount: Sendable, Hashable {
    /// Chosen by `AutoThemeCount` (best mean cosine silhouette on a seeded sample).
    case auto
    case fixed(Int)

    /// A fixed k must be 1 to the number of articles (checked before any work starts).
    public func validate(articleCount n: Int) throws {
        guard case .fixed(let value) = self, value < 1 || value > n else { return }
        throw value < 1 ? ZhutiError(.badOption, "\(ZhutiError.Parameter.k) must be at least 1")
            : ZhutiError(.badOption, "\(ZhutiError.Parameter.k) \(value) is larger than the number of articles (\(n))")
    }
}

public struct ClusteringOptions: Sendable, Hashable {
    public var k: ThemeCount
    /// Clusters with fewer members than this are dissolved; their members are reported
    /// as unassigned (with their nearest surviving theme) rather than forced into one.
    public var minSize: Int
    /// Independent k-means++ seedings; the run with the best objective is kept.
    public var restarts: Int
    public var seed: UInt64
    public var maxIterations: Int
    /// Articles whose cosine to their theme's centroid is below this are unassigned.
    ///
    /// An absolute floor rather than a per-cluster percentile: a percentile rule would
    /// always evict some members of even the tightest theme, while a fixed cosine has a
    /// plain meaning ("shares almost nothing with the theme"). The cosine is taken after
    /// the common direction is removed (`CommonComponent`), where cosines run lower than in
    /// the raw LSA space. Measured there with spherical k-means on sklearn LSA vectors:
    /// Sogou, k = 9 (broad themes): 1st/5th/50th percentile 0.08/0.14/0.36, so 0.15 sets
    /// aside about 6%; People's Daily 1998-01, k = 29: 0.17/0.22/0.42, about 0.3%.
    public var minScore: Float
    /// Project out the direction nearly every document shares before clustering (see
    /// `CommonComponent`); scores and centroids then live in that projected space.
    public var removeCommonComponent: Bool

    public init(k: ThemeCount = .auto, minSize: Int = 2, restarts: Int = 8, seed: UInt64 = 42,
                maxIterations: Int = 50, minScore: Float = 0.15, removeCommonComponent: Bool = true) {
        self.removeCommonComponent = removeCommonComponent
        self.k = k
        self.minSize = minSize
        self.restarts = restarts
        self.seed = seed
        self.maxIterations = maxIterations
        self.minScore = minScore
    }

    /// A minimum theme size that scales with the archive: 2 for a handful of issues,
    /// growing to 0.5% of the articles (so 350,000 articles need 1,750 for a theme).
    public static func defaultMinSize(articleCount n: Int) -> Int {
        max(2, n / 200)
    }
}
