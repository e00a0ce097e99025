import CLinearAlgebra

/// Clustering as the themes command needs it: validated options, `k` chosen when `.auto`,
/// spherical k-means, then articles that fit no theme set aside.
///
/// Unassigned rule, in rounds until nothing changes: (1) a member *fits* its cluster when its
/// cosine to the mean of the other members reaches `minScore` (see `leaveOneOutFits`);
/// (2) a cluster with fewer than `minSize` fitting members is dissolved and all its members
/// become unassigned for good; (3) surviving centroids are recomputed from fitting members;
/// (4) every article goes to its nearest surviving centroid if it did not come from a
/// dissolved cluster and its cosine is at least `minScore`, else it is unassigned and keeps
/// that nearest theme and its cosine as score. Surviving clusters are
/// renumbered by size (largest first, ties by first member) so ids are stable.
public enum ThemeClusterer {
    public struct Result: Sendable {
        public var clustering: Clustering
        /// k given to k-means (before dissolving small clusters).
        public var requestedK: Int
        public var autoChoice: AutoThemeCount.Choice?
        /// Whether `CommonComponent` found and removed a shared direction; if so the
        /// centroids and scores refer to the projected vectors.
        public var commonComponentRemoved: Bool
    }

    public static func cluster(vectors: [Float], dims: Int, options: ClusteringOptions) throws -> Result {
        // k-means splits its products over the cores itself (blocks of rows per core).
        try BLASThreads.singleThreaded { try clusterSplittingWork(vectors: vectors, dims: dims, options: options) }
    }

    private static func clusterSplittingWork(vectors fullVectors: [Float], dims fullDims: Int, options: ClusteringOptions) throws -> Result {
        let n = try validate(vectorCount: fullVectors.count, dims: fullDims)
        let dims = clusteringDimensions(articleCount: n, dims: fullDims)
        let vectors = dims == fullDims ? fullVectors : leading(dims, of: fullVectors, dims: fullDims, n: n)
        return try cluster(vectors: vectors, dims: dims, n: n, options: options)
    }

    /// How many leading latent dimensions themes are clustered in: all of them, unless the
    /// model is nearly as wide as the library (dims >= n/2), and then max(8, n/5). A model of
    /// n articles has up to n - 1 dimensions, and in a space that size LSA is plain TF-IDF
    /// again: any two articles share a few percent of their n-grams, every cosine is near 0,
    /// and no theme reaches the `minScore` floor (on the five seed issues, 40 articles in 39
    /// dimensions, 31 were left unassigned). The leading dimensions are the topics the archive
    /// repeats; in 8 of them the seeds group into their campaigns (技能, 社会工作和志愿服务,
    /// 项目建设 ...) with none unassigned. A model of 200 dimensions is used whole from 400
    /// articles on.
    public static func clusteringDimensions(articleCount n: Int, dims: Int) -> Int {
        2 * dims >= n ? min(dims, max(8, n / 5)) : dims
    }

    /// The first `count` columns of n x dims rows, each row scaled back to unit length.
    static func leading(_ count: Int, of vectors: [Float], dims: Int, n: Int) -> [Float] {
        var out = [Float](repeating: 0, count: n * count)
        for row in 0..<n {
            var norm: Float = 0
            for j in 0..<count { norm += vectors[row * dims + j] * vectors[row * dims + j] }
            norm = norm.squareRoot()
            guard norm > 0 else { continue }
            for j in 0..<count { out[row * count + j] = vectors[row * dims + j] / norm }
        }
        return out
    }

    private static func cluster(vectors: [Float], dims: Int, n: Int, options: ClusteringOptions) throws -> Result {
        guard options.minSize >= 1 else { throw ZhutiError(.badOption, "\(ZhutiError.Parameter.minSize) must be at least 1") }
        try options.k.validate(articleCount: n)
        let projected = options.removeCommonComponent ? try CommonComponent.removed(from: vectors, dims: dims) : nil
        let working = projected ?? vectors
        var autoChoice: AutoThemeCount.Choice?
        let k: Int
        switch options.k {
        case .fixed(let value):
            k = value
        case .auto:
            let choice = AutoThemeCount.choose(vectors: working, dims: dims, seed: options.seed,
                                               restarts: min(max(1, options.restarts), 4))
            autoChoice = choice
            k = choice.k
        }
        let kmeans = SphericalKMeans(k: k, restarts: options.restarts, seed: options.seed,
                                     maxIterations: options.maxIterations)
        let raw = try kmeans.fit(vectors: working, dims: dims)
        let final = setAside(raw, vectors: working, n: n, dims: dims, minSize: options.minSize,
                             minScore: options.minScore)
        return Result(clustering: final, requestedK: k, autoChoice: autoChoice, commonComponentRemoved: projected != nil)
    }

    /// Whether each labelled row fits its cluster: its cosine to the mean of the *other*
    /// members is at least `minScore`. Leaving the row out matters for small themes, where
    /// one stray article drags the centroid towards itself (in a theme of 4 an unrelated
    /// article still scores 0.4 against a centroid it is part of). For a sum S of the
    /// members, that cosine is (x.S - 1) / |S - x| with |S - x|^2 = |S|^2 - 2 x.S + 1.
    /// A cluster's only member is judged by its plain cosine (1); `minSize` decides its fate.
    static func leaveOneOutFits(labels: [Int], vectors: [Float], n: Int, dims: Int, k: Int,
                                minScore: Float) -> [Bool] {
        let totals = memberTotals(labels: labels, vectors: vectors, n: n, dims: dims, k: k)
        return fits(labels: labels, vectors: vectors, n: n, dims: dims, sums: totals.sums, sizes: totals.sizes,
                    minScore: minScore)
    }

    /// Each cluster's member sum (k x dims, double) and size; additive over blocks of rows.
    static func memberTotals(labels: [Int], vectors: [Float], n: Int, dims: Int, k: Int) -> (sums: [Double], sizes: [Int]) {
        var sums = [Double](repeating: 0, count: k * dims)
        var sizes = [Int](repeating: 0, count: k)
        for row in 0..<n where labels[row] >= 0 {
            sizes[labels[row]] += 1
            let base = labels[row] * dims
            for j in 0..<dims { sums[base + j] += Double(vectors[row * dims + j]) }
        }
        return (sums, sizes)
    }

    /// `leaveOneOutFits` for rows whose clusters' member sums and sizes are given (those of
    /// the whole archive when the rows are one partition's).
    static func fits(labels: [Int], vectors: [Float], n: Int, dims: Int, sums: [Double], sizes: [Int],
                     minScore: Float) -> [Bool] {
        let k = sizes.count
        var squared = [Double](repeating: 0, count: k)
        for c in 0..<k {
            for j in 0..<dims { squared[c] += sums[c * dims + j] * sums[c * dims + j] }
        }
        var fits = [Bool](repeating: false, count: n)
        for row in 0..<n where labels[row] >= 0 {
            let c = labels[row]
            if sizes[c] == 1 { fits[row] = true; continue }
            var dot = 0.0
            var own = 0.0
            for j in 0..<dims {
                let x = Double(vectors[row * dims + j])
                dot += x * sums[c * dims + j]
                own += x * x
            }
            let rest = (squared[c] - 2 * dot + own).squareRoot()
            fits[row] = rest > 1e-9 && (dot - own) / rest >= Double(minScore)
        }
        return fits
    }

    /// Unit centroids of the clusters `liveIds` from their fitting members' sums (k x dims),
    /// a cluster whose members cancel out keeping its `fallback` centroid.
    static func liveCentroids(sums: [Double], liveIds: [Int], dims: Int, fallback: [Float]) -> [Float] {
        var centroids = [Float](repeating: 0, count: liveIds.count * dims)
        for (slot, c) in liveIds.enumerated() {
            var norm = 0.0
            for j in 0..<dims { norm += sums[c * dims + j] * sums[c * dims + j] }
            norm = norm.squareRoot()
            for j in 0..<dims {
                centroids[slot * dims + j] = norm > 0 ? Float(sums[c * dims + j] / norm) : fallback[c * dims + j]
            }
        }
        return centroids
    }

    /// Surviving clusters renumbered largest first (ties by first member row): the new id of
    /// every old cluster (-1 for none) and the centroids in the new order.
    static func renumbering(sizes: [Int], firstRow: [Int], liveIds: [Int], centroids: [Float], dims: Int)
        -> (newId: [Int], centroids: [Float]) {
        let slotOf = Dictionary(uniqueKeysWithValues: liveIds.enumerated().map { ($1, $0) })
        let order = liveIds.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : firstRow[$0] < firstRow[$1] }
        var newId = [Int](repeating: -1, count: sizes.count)
        var ordered = [Float](repeating: 0, count: order.count * dims)
        for (id, c) in order.enumerated() {
            newId[c] = id
            let slot = slotOf[c]!
            for j in 0..<dims { ordered[id * dims + j] = centroids[slot * dims + j] }
        }
        return (newId, ordered)
    }

    static func validate(vectorCount: Int, dims: Int) throws -> Int {
        guard vectorCount > 0 else {
            throw ZhutiError(.badInput, "the library has no articles; run `zhuti ingest` first")
        }
        guard dims > 0, vectorCount % dims == 0 else {
            throw ZhutiError(.badInput, "document vectors (\(vectorCount) values) do not split into rows of \(dims) dimensions")
        }
        return vectorCount / dims
    }

    static func setAside(_ raw: Clustering, vectors: [Float], n: Int, dims: Int, minSize: Int,
                         minScore: Float) -> Clustering {
        var alive = [Bool](repeating: true, count: raw.k)
        var fromDissolved = [Bool](repeating: false, count: n)
        var labels = raw.assignments
        var scores = raw.scores
        var nearest = raw.assignments
        var centroids: [Float] = []
        var liveIds: [Int] = []
        // A few rounds settle it; the cap guards against a two-state oscillation.
        for _ in 0..<10 {
            let fits = leaveOneOutFits(labels: labels, vectors: vectors, n: n, dims: dims, k: raw.k, minScore: minScore)
            var fitting = [Int](repeating: 0, count: raw.k)
            for row in 0..<n where fits[row] { fitting[labels[row]] += 1 }
            for c in 0..<raw.k where alive[c] && fitting[c] < minSize { alive[c] = false }
            for row in 0..<n where labels[row] >= 0 && !alive[labels[row]] { fromDissolved[row] = true }
            liveIds = (0..<raw.k).filter { alive[$0] }
            guard !liveIds.isEmpty else {
                return Clustering(assignments: [Int](repeating: -1, count: n), centroids: [],
                                  scores: [Float](repeating: 0, count: n), k: 0, dims: dims, objective: 0,
                                  nearest: [Int](repeating: -1, count: n))
            }
            // Centroids from the members that fit.
            let fittingLabels = (0..<n).map { fits[$0] && alive[labels[$0]] ? labels[$0] : -1 }
            let sums = memberTotals(labels: fittingLabels, vectors: vectors, n: n, dims: dims, k: raw.k).sums
            centroids = liveCentroids(sums: sums, liveIds: liveIds, dims: dims, fallback: raw.centroids)
            // Reassign everything to the surviving centroids.
            var slotLabels = [Int32](repeating: 0, count: n)
            var slotScores = [Float](repeating: 0, count: n)
            SphericalKMeans.assign(vectors: vectors, n: n, dims: dims, centroids: centroids, k: liveIds.count,
                                   labels: &slotLabels, scores: &slotScores)
            var next = labels
            for row in 0..<n {
                let c = liveIds[Int(slotLabels[row])]
                nearest[row] = c
                scores[row] = slotScores[row]
                next[row] = (!fromDissolved[row] && slotScores[row] >= minScore) ? c : -1
            }
            if next == labels { break }
            labels = next
        }
        // Renumber: largest first, ties by first member row.
        var sizes = [Int](repeating: 0, count: raw.k)
        var firstRow = [Int](repeating: Int.max, count: raw.k)
        for row in 0..<n where labels[row] >= 0 {
            sizes[labels[row]] += 1
            firstRow[labels[row]] = min(firstRow[labels[row]], row)
        }
        let (newId, ordered) = renumbering(sizes: sizes, firstRow: firstRow, liveIds: liveIds, centroids: centroids, dims: dims)
        var objective = 0.0
        for row in 0..<n where labels[row] >= 0 { objective += Double(scores[row]) }
        return Clustering(assignments: labels.map { $0 >= 0 ? newId[$0] : -1 }, centroids: ordered, scores: scores,
                          k: liveIds.count, dims: dims, objective: objective, nearest: nearest.map { newId[$0] })
    }
}
