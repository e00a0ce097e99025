import CLinearAlgebra

/// Picks the number of themes for `ThemeCount.auto`.
///
/// Criterion: mean silhouette (cosine distance) on a seeded sample of at most 2,000
/// articles, each k in 2...min(30, n/3) clustered on that sample with spherical
/// k-means; the *smallest* k whose silhouette reaches 90% of the best is chosen. On
/// newspaper text the silhouette creeps upward with k (finer clusters are always a little
/// tighter), so taking the maximum drifts to the top of the range and splits campaigns into
/// fragments; within 10% of the best, fewer broader themes read better. (Until session 6 a
/// √(2n) cap also held small archives to 8 themes for 40 articles; the seeds' five issues
/// carry about ten campaigns, and in `ThemeClusterer.clusteringDimensions` they are told apart
/// at k = 12.) Silhouette compares each article's mean
/// distance to its own theme with that to the nearest other theme, so it needs no scale
/// constant and means the same for 43 articles and for 350,000 (the sample keeps the
/// n x n distance matrix at 16 MB). The n/3 cap keeps themes of at least ~3 articles in
/// small archives; 30 is about the most themes a reader takes in from one table.
public enum AutoThemeCount {
    public struct Choice: Sendable, Hashable {
        public var k: Int
        /// Mean silhouette per candidate k, in increasing k.
        public var silhouettes: [(k: Int, score: Double)] { zip(ks, scores).map { ($0, $1) } }
        var ks: [Int]
        var scores: [Double]
    }

    public static let sampleLimit = 2000
    public static let maxThemes = 30

    public static func choose(vectors: [Float], dims: Int, seed: UInt64, restarts: Int = 4) -> Choice {
        let n = dims > 0 ? vectors.count / dims : 0
        let kMax = min(maxThemes, n / 3)
        guard kMax >= 2 else { return Choice(k: 1, ks: [], scores: []) }
        var rng = SplitMix64.stream(seed: seed, index: 0x5113)
        let rows = SphericalKMeans.sampleIndices(n: n, count: min(n, sampleLimit), rng: &rng)
        let sample = SphericalKMeans.gather(vectors, rows: rows, dims: dims)
        let m = rows.count
        var similarity = [Float](repeating: 0, count: m * m)
        sample.withUnsafeBufferPointer { x in
            similarity.withUnsafeMutableBufferPointer { s in
                cblas_sgemm(ZhutiCblasRowMajor, ZhutiCblasNoTrans, ZhutiCblasTrans, Int32(m), Int32(m), Int32(dims),
                            1, x.baseAddress, Int32(dims), x.baseAddress, Int32(dims), 0, s.baseAddress, Int32(m))
            }
        }
        let ks = Array(2...kMax)
        var scores = [Double](repeating: -2, count: ks.count)
        let distances = similarity
        scores.withUnsafeMutableBufferPointer { out in
            Parallel.forEach(ks.count) { index in
                let kmeans = SphericalKMeans(k: ks[index], restarts: restarts, seed: seed, maxIterations: 50)
                let labels = kmeans.bestOfRestartsLabels(vectors: sample, n: m, dims: dims)
                out[index] = meanSilhouette(similarity: distances, labels: labels, k: ks[index])
            }
        }
        var best = 0
        for i in 1..<ks.count where scores[i] > scores[best] + 1e-9 { best = i }
        let good = scores[best] > 0 ? 0.9 * scores[best] : scores[best]
        let chosen = ks.indices.first { scores[$0] >= good - 1e-12 } ?? best
        return Choice(k: ks[chosen], ks: ks, scores: scores)
    }

    /// Mean silhouette with distance 1 - cosine; rows alone in their cluster score 0
    /// (the usual convention).
    static func meanSilhouette(similarity: [Float], labels: [Int], k: Int) -> Double {
        let m = labels.count
        guard m > 1, k > 1 else { return 0 }
        var sizes = [Int](repeating: 0, count: k)
        for l in labels { sizes[l] += 1 }
        var total = 0.0
        var sums = [Double](repeating: 0, count: k)
        similarity.withUnsafeBufferPointer { s in
            for i in 0..<m {
                for c in 0..<k { sums[c] = 0 }
                let row = i * m
                for j in 0..<m where j != i {
                    sums[labels[j]] += Double(1 - s[row + j])
                }
                let own = labels[i]
                guard sizes[own] > 1 else { continue }
                let a = sums[own] / Double(sizes[own] - 1)
                var b = Double.infinity
                for c in 0..<k where c != own && sizes[c] > 0 {
                    b = min(b, sums[c] / Double(sizes[c]))
                }
                guard b.isFinite else { continue }
                let denominator = max(a, b)
                if denominator > 0 { total += (b - a) / denominator }
            }
        }
        return total / Double(m)
    }
}

extension AutoThemeCount.Choice {
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.k == rhs.k && lhs.ks == rhs.ks && lhs.scores == rhs.scores }
    public func hash(into hasher: inout Hasher) { hasher.combine(k); hasher.combine(ks) }
}

extension SphericalKMeans {
    func bestOfRestartsLabels(vectors: [Float], n: Int, dims: Int) -> [Int] {
        var copy = self
        copy.restartSampleLimit = Int.max
        return (try? copy.fit(vectors: vectors, dims: dims).assignments) ?? [Int](repeating: 0, count: n)
    }
}
