import CLinearAlgebra

/// Spherical k-means on L2-normalised rows: maximises the summed cosine of each row to its
/// centroid, centroids being the re-normalised mean of their members.
///
/// Why spherical k-means and not average-linkage agglomeration: average linkage needs the
/// full n x n similarity matrix (350,000 articles = 490 GB of floats) or an O(n^2) sweep,
/// which the scale rule forbids; k-means costs O(n k d) per iteration on BLAS. On LSA
/// vectors average linkage also tends to produce one giant cluster plus singletons (the
/// chaining of a dense core), which reads badly as "themes". It remains a candidate for
/// small archives (<= 5,000 articles) and the lead measures it on Sogou against this.
///
/// Seeding is k-means++ (D^2 sampling, with 1 - cosine as the squared distance up to a
/// constant) from a seeded SplitMix64; `restarts` independent seedings are run and the
/// best objective kept, ties going to the earlier restart, so results are deterministic.
public struct SphericalKMeans: Sendable {
    public var k: Int
    public var restarts: Int
    public var seed: UInt64
    public var maxIterations: Int
    /// Above this many rows the restarts compete on a seeded sample of this size and only
    /// the winner is refined on all rows: 8 full restarts on 350,000 rows would cost
    /// minutes, while the winning start found on 20,000 rows (hundreds of members per
    /// theme at the 30-theme cap) is as good a starting point.
    public var restartSampleLimit: Int = 20_000

    public init(k: Int, restarts: Int = 8, seed: UInt64 = 42, maxIterations: Int = 50) {
        self.k = k
        self.restarts = restarts
        self.seed = seed
        self.maxIterations = maxIterations
    }

    /// Clusters every row (no row is left unassigned here). `vectors` is n x dims row-major.
    public func fit(vectors: [Float], dims: Int) throws -> Clustering {
        guard dims > 0, !vectors.isEmpty, vectors.count % dims == 0 else {
            throw ZhutiError(.badInput, "document vectors are empty or not a multiple of \(dims) dimensions")
        }
        let n = vectors.count / dims
        guard k >= 1 else { throw ZhutiError(.badOption, "\(ZhutiError.Parameter.k) must be at least 1") }
        guard k <= n else {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.k) \(k) is larger than the number of articles (\(n))")
        }
        let runs = max(1, restarts)
        if n > restartSampleLimit && runs > 1 {
            var rng = SplitMix64.stream(seed: seed, index: 0xA11)
            let sample = Self.sampleIndices(n: n, count: restartSampleLimit, rng: &rng)
            let sampleVectors = Self.gather(vectors, rows: sample, dims: dims)
            let best = bestOfRestarts(vectors: sampleVectors, n: sample.count, dims: dims, runs: runs)
            return lloyd(vectors: vectors, n: n, dims: dims, start: best.centroids)
        }
        return bestOfRestarts(vectors: vectors, n: n, dims: dims, runs: runs)
    }

    private func bestOfRestarts(vectors: [Float], n: Int, dims: Int, runs: Int) -> Clustering {
        var best: Clustering?
        for restart in 0..<runs {
            var rng = SplitMix64.stream(seed: seed, index: UInt64(restart))
            let start = Self.seedPlusPlus(vectors: vectors, n: n, dims: dims, k: k, rng: &rng)
            let result = lloyd(vectors: vectors, n: n, dims: dims, start: start)
            if best == nil || result.objective > best!.objective {
                best = result
            }
        }
        return best!
    }

    /// Lloyd iterations from the given centroids until no row changes cluster.
    func lloyd(vectors: [Float], n: Int, dims: Int, start: [Float]) -> Clustering {
        var centroids = start
        var labels = [Int32](repeating: -1, count: n)
        var scores = [Float](repeating: 0, count: n)
        var previous = [Int32](repeating: -2, count: n)
        var iteration = 0
        while true {
            Self.assign(vectors: vectors, n: n, dims: dims, centroids: centroids, k: k,
                        labels: &labels, scores: &scores)
            iteration += 1
            if labels == previous || iteration > maxIterations { break }
            previous = labels
            Self.reseedEmpty(vectors: vectors, dims: dims, k: k, labels: &labels, scores: &scores,
                             centroids: &centroids)
            Self.updateCentroids(vectors: vectors, n: n, dims: dims, k: k, labels: labels,
                                 centroids: &centroids)
        }
        var objective = 0.0
        for s in scores { objective += Double(s) }
        return Clustering(assignments: labels.map(Int.init), centroids: centroids, scores: scores,
                          k: k, dims: dims, objective: objective)
    }

    // MARK: - Steps

    /// k-means++: each next centre is a row drawn with probability proportional to
    /// 1 - (its best cosine to the centres so far).
    static func seedPlusPlus(vectors: [Float], n: Int, dims: Int, k: Int, rng: inout SplitMix64) -> [Float] {
        var centroids = [Float](repeating: 0, count: k * dims)
        var best = [Float](repeating: -Float.infinity, count: n)
        var similarity = [Float](repeating: 0, count: n)
        var chosen = Set<Int>()
        var pick = rng.nextIndex(n)
        for c in 0..<k {
            chosen.insert(pick)
            vectors.withUnsafeBufferPointer { x in
                centroids.withUnsafeMutableBufferPointer { cen in
                    for j in 0..<dims { cen[c * dims + j] = x[pick * dims + j] }
                }
            }
            if c == k - 1 { break }
            vectors.withUnsafeBufferPointer { x in
                centroids.withUnsafeBufferPointer { cen in
                    similarity.withUnsafeMutableBufferPointer { y in
                        cblas_sgemv(ZhutiCblasRowMajor, ZhutiCblasNoTrans, Int32(n), Int32(dims), 1,
                                    x.baseAddress, Int32(dims), cen.baseAddress! + c * dims, 1, 0,
                                    y.baseAddress, 1)
                    }
                }
            }
            var total = 0.0
            for i in 0..<n {
                if similarity[i] > best[i] { best[i] = similarity[i] }
                total += Double(max(0, 1 - best[i]))
            }
            if total <= 0 {
                // Every row coincides with a centre: any unused row will do.
                pick = (0..<n).first { !chosen.contains($0) } ?? 0
                continue
            }
            let target = rng.nextUnit() * total
            var running = 0.0
            pick = -1
            for i in 0..<n {
                let w = Double(max(0, 1 - best[i]))
                if w <= 0 { continue }
                running += w
                if running > target { pick = i; break }
            }
            if pick < 0 {
                // Rounding left the target past the last weight: take the last positive one.
                pick = (0..<n).last { Double(max(0, 1 - best[$0])) > 0 } ?? 0
            }
        }
        return centroids
    }

    /// Best centroid (lowest index on ties) and its cosine for every row, computed as
    /// blocks of `vectors x centroids^T` with sgemm, the blocks shared between the cores.
    static func assign(vectors: [Float], n: Int, dims: Int, centroids: [Float], k: Int,
                       labels: inout [Int32], scores: inout [Float]) {
        let blockRows = 2048
        let blocks = (n + blockRows - 1) / blockRows
        vectors.withUnsafeBufferPointer { x in
            centroids.withUnsafeBufferPointer { cen in
                labels.withUnsafeMutableBufferPointer { lab in
                    scores.withUnsafeMutableBufferPointer { sc in
                        let work = { (block: Int) in
                            let first = block * blockRows
                            let rows = min(blockRows, n - first)
                            var sims = [Float](repeating: 0, count: rows * k)
                            sims.withUnsafeMutableBufferPointer { s in
                                cblas_sgemm(ZhutiCblasRowMajor, ZhutiCblasNoTrans, ZhutiCblasTrans,
                                            Int32(rows), Int32(k), Int32(dims), 1,
                                            x.baseAddress! + first * dims, Int32(dims),
                                            cen.baseAddress, Int32(dims), 0, s.baseAddress, Int32(k))
                                for r in 0..<rows {
                                    var bestIndex = 0
                                    var bestValue = s[r * k]
                                    for c in 1..<max(1, k) where s[r * k + c] > bestValue {
                                        bestValue = s[r * k + c]
                                        bestIndex = c
                                    }
                                    lab[first + r] = Int32(bestIndex)
                                    sc[first + r] = bestValue
                                }
                            }
                        }
                        Parallel.forEach(blocks, work)
                    }
                }
            }
        }
    }

    /// A cluster that lost all its members takes over the row farthest from its centroid,
    /// so k clusters survive every iteration.
    static func reseedEmpty(vectors: [Float], dims: Int, k: Int, labels: inout [Int32], scores: inout [Float],
                            centroids: inout [Float]) {
        var counts = [Int](repeating: 0, count: k)
        for label in labels { counts[Int(label)] += 1 }
        guard counts.contains(0) else { return }
        let order = labels.indices.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
        var cursor = 0
        for c in 0..<k where counts[c] == 0 {
            while cursor < order.count && counts[Int(labels[order[cursor]])] <= 1 { cursor += 1 }
            guard cursor < order.count else { return }
            let row = order[cursor]
            cursor += 1
            counts[Int(labels[row])] -= 1
            labels[row] = Int32(c)
            counts[c] = 1
            scores[row] = 1
            for j in 0..<dims { centroids[c * dims + j] = vectors[row * dims + j] }
        }
    }

    /// Centroid = normalised sum of members, accumulated in Double, half the rows per core
    /// and the halves added in a fixed order so the result does not depend on timing.
    static func updateCentroids(vectors: [Float], n: Int, dims: Int, k: Int, labels: [Int32],
                                centroids: inout [Float]) {
        normalize(memberSums(vectors: vectors, n: n, dims: dims, k: k, labels: labels), k: k, dims: dims,
                  into: &centroids)
    }

    /// The sum of each cluster's member rows (k x dims, double; rows labelled -1 count for
    /// none): additive over blocks of rows, so a cluster sums its partitions'.
    static func memberSums(vectors: [Float], n: Int, dims: Int, k: Int, labels: [Int32]) -> [Double] {
        let parts = n >= 20_000 ? 2 : 1
        var sums = [[Double]](repeating: [], count: parts)
        vectors.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { lab in
                sums.withUnsafeMutableBufferPointer { out in
                    let work = { (part: Int) in
                        var acc = [Double](repeating: 0, count: k * dims)
                        let lo = part * n / parts
                        let hi = (part + 1) * n / parts
                        acc.withUnsafeMutableBufferPointer { a in
                            for row in lo..<hi where lab[row] >= 0 {
                                // Pointers, not checked index arithmetic: lets the compiler
                                // vectorise the row (overflow checks kept it scalar).
                                let target = a.baseAddress! + Int(lab[row]) * dims
                                let source = x.baseAddress! + row * dims
                                for j in 0..<dims { target[j] += Double(source[j]) }
                            }
                        }
                        out[part] = acc
                    }
                    Parallel.forEach(parts, work)
                }
            }
        }
        var total = sums[0]
        for part in 1..<parts {
            for i in 0..<total.count { total[i] += sums[part][i] }
        }
        return total
    }

    /// Centroid = normalised member sum; members that cancel out exactly leave the previous
    /// centroid in place.
    static func normalize(_ total: [Double], k: Int, dims: Int, into centroids: inout [Float]) {
        for c in 0..<k {
            var norm = 0.0
            for j in 0..<dims { norm += total[c * dims + j] * total[c * dims + j] }
            norm = norm.squareRoot()
            // Members that cancel out exactly leave the previous centroid in place.
            guard norm > 1e-12 else { continue }
            for j in 0..<dims { centroids[c * dims + j] = Float(total[c * dims + j] / norm) }
        }
    }

    // MARK: - Sampling helpers

    /// `count` distinct row indices in increasing order (partial Fisher-Yates).
    static func sampleIndices(n: Int, count: Int, rng: inout SplitMix64) -> [Int] {
        guard count < n else { return Array(0..<n) }
        var pool = Array(0..<n)
        for i in 0..<count {
            let j = i + rng.nextIndex(n - i)
            pool.swapAt(i, j)
        }
        return pool[0..<count].sorted()
    }

    static func gather(_ vectors: [Float], rows: [Int], dims: Int) -> [Float] {
        var out = [Float](repeating: 0, count: rows.count * dims)
        vectors.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                for (r, row) in rows.enumerated() {
                    for j in 0..<dims { o[r * dims + j] = x[row * dims + j] }
                }
            }
        }
        return out
    }
}
