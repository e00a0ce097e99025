import Foundation

/// `ThemeClusterer.cluster` for an archive whose articles a cluster's partitions hold, a range
/// of model rows each: the driver keeps this state (saved as JSON between steps) and every
/// partition computes its rows' `Share` of the sums the next step needs; `advance` folds the
/// shares in. The per-row arithmetic is `ThemeClusterer`'s and `SphericalKMeans`'s own:
///
/// 1. `gram`, `spread`: the common component (`CommonComponent`'s Gram matrix, then its
///    projection counts), removed when every step reads the rows (`vectors`).
/// 2. `sample`: the rows `SphericalKMeans` would draw for its restarts (all rows up to
///    20,000); on them the driver chooses k when asked to (`AutoThemeCount`) and runs the
///    restart competition - for a small archive exactly the clustering of one machine.
/// 3. `lloyd`: distributed assignment and centroid sums until no row changes cluster, an
///    emptied cluster taking over the archive's worst-placed row, as `lloyd` does.
/// 4. `fits` and `reassign`, in rounds: `ThemeClusterer.setAside` with its sums over all rows.
/// 5. `done`: rows renumbered as `setAside` renumbers them; `report` lays out the themes.
public struct PartitionedThemes: Codable, Sendable {
    public enum Phase: String, Codable, Sendable { case gram, spread, sample, lloyd, fits, reassign, done }

    public let documents: Int
    public let modelDimensions: Int
    /// Dimensions clustered (`ThemeClusterer.clusteringDimensions`).
    public let dims: Int
    /// nil: chosen from the sample.
    public let requestedK: Int?
    public let minSize: Int
    public let minScore: Float
    public let seed: UInt64
    public let restarts: Int
    public let maxIterations: Int

    public private(set) var phase: Phase
    /// The Gram matrix's top eigenvector while its spread is counted, then the removed direction.
    var direction: [Double]?
    var removesDirection = false
    /// The rows the restarts compete on, ascending.
    var sampleRows: [Int] = []
    public private(set) var k = 0
    var centroids: [Float] = []
    /// k-means' centroids, the fallback of a dissolved theme's centroid.
    var rawCentroids: [Float] = []
    var iteration = 0
    var round = 0
    var alive: [Bool] = []
    var liveIds: [Int] = []
    /// Member sums and sizes of the current labels (for the fits of the next round).
    var memberSums: [Double] = []
    var memberSizes: [Int] = []
    /// Renumbering at the end: new id per old cluster.
    var newId: [Int] = []
    var orderedCentroids: [Float] = []

    public init(documents n: Int, modelDimensions: Int, options: ClusteringOptions) throws {
        guard n > 0, modelDimensions > 0 else { throw ZhutiError(.badInput, "the model has no articles") }
        guard options.minSize >= 1 else { throw ZhutiError(.badOption, "\(ZhutiError.Parameter.minSize) must be at least 1") }
        try options.k.validate(articleCount: n)
        documents = n
        self.modelDimensions = modelDimensions
        dims = ThemeClusterer.clusteringDimensions(articleCount: n, dims: modelDimensions)
        if case .fixed(let value) = options.k { requestedK = value } else { requestedK = nil }
        minSize = options.minSize
        minScore = options.minScore
        seed = options.seed
        restarts = options.restarts
        maxIterations = options.maxIterations
        let removes = options.removeCommonComponent && n >= CommonComponent.minimumRows && dims >= 2
        phase = removes ? .gram : .sample
        if phase == .sample { drawSample() }
    }

    private mutating func drawSample() {
        let limit = SphericalKMeans(k: 1).restartSampleLimit
        if documents > limit && max(1, restarts) > 1 {
            var rng = SplitMix64.stream(seed: seed, index: 0xA11)
            sampleRows = SphericalKMeans.sampleIndices(n: documents, count: limit, rng: &rng)
        } else {
            sampleRows = Array(0..<documents)
        }
    }

    // MARK: - Rows

    /// What each row of a partition carries between steps: its label (-1: none), score,
    /// nearest theme and whether its theme was dissolved, rows x 4 as floats (labels are small).
    public struct RowState: Sendable {
        public var labels: [Int32]
        public var scores: [Float]
        public var nearest: [Int32]
        public var fromDissolved: [Bool]

        public init(rows: Int) {
            labels = [Int32](repeating: -1, count: rows)
            scores = [Float](repeating: 0, count: rows)
            nearest = [Int32](repeating: -1, count: rows)
            fromDissolved = [Bool](repeating: false, count: rows)
        }

        public init(packed: [Float]) throws {
            guard packed.count % 4 == 0 else { throw ZhutiError(.badInput, "row states come in fours, got \(packed.count) values") }
            let n = packed.count / 4
            self.init(rows: n)
            for row in 0..<n {
                labels[row] = Int32(packed[4 * row])
                scores[row] = packed[4 * row + 1]
                nearest[row] = Int32(packed[4 * row + 2])
                fromDissolved[row] = packed[4 * row + 3] != 0
            }
        }

        public var packed: [Float] {
            var out = [Float](repeating: 0, count: labels.count * 4)
            for row in labels.indices {
                out[4 * row] = Float(labels[row])
                out[4 * row + 1] = scores[row]
                out[4 * row + 2] = Float(nearest[row])
                out[4 * row + 3] = fromDissolved[row] ? 1 : 0
            }
            return out
        }
    }

    /// What a partition's rows contribute to a step: sums over them (added up over
    /// partitions by `advance`, in the order given).
    public struct Share: Codable, Sendable {
        var gram: [Double]?
        var spread: CommonComponent.Spread?
        var sampleRows: [Int]?
        var sampleVectors: [Float]?
        var sums: [Double]?
        var sizes: [Int]?
        var changed: Int?
        /// Rows with the lowest scores (score, row, label, vector), for reseeding empty clusters.
        var lowest: [Candidate]?
        /// The first row of each cluster (Int.max when it has none here).
        var firstRows: [Int]?

        struct Candidate: Codable, Sendable {
            var score: Float
            var row: Int
            var label: Int32
            var vector: [Float]
        }
    }

    /// The clustered vectors of model rows `rows`: U·Σ (exponent 1), the leading `dims`
    /// dimensions, the common direction removed once it is known.
    public func vectors(of model: LSAModel, rows: Range<Int>) -> [Float] {
        let full = model.documentVectors(singularValueExponent: 1, rows: rows)
        var vectors = dims == modelDimensions ? full : ThemeClusterer.leading(dims, of: full, dims: modelDimensions, n: rows.count)
        if removesDirection, let direction { CommonComponent.project(&vectors, dims: dims, direction: direction) }
        return vectors
    }

    /// This partition's share of the current step, for model rows `rows` (whose state is
    /// `state`, updated in place by the steps that assign rows).
    public func share(of model: LSAModel, rows: Range<Int>, state: inout RowState) throws -> Share {
        guard model.documentCount == documents, model.dimensions == modelDimensions, rows.upperBound <= documents,
              state.labels.count == rows.count else {
            throw ZhutiError(.badInput, "the rows, their state or the model do not match the themes state")
        }
        let x = vectors(of: model, rows: rows)
        let n = rows.count
        var share = Share()
        switch phase {
        case .gram:
            share.gram = CommonComponent.gram(x, dims: dims)
        case .spread:
            share.spread = CommonComponent.projections(x, dims: dims, direction: direction ?? [])
        case .sample:
            let mine = sampleRows.filter { rows.contains($0) }
            share.sampleRows = mine
            share.sampleVectors = SphericalKMeans.gather(x, rows: mine.map { $0 - rows.lowerBound }, dims: dims)
        case .lloyd:
            let previous = state.labels
            SphericalKMeans.assign(vectors: x, n: n, dims: dims, centroids: centroids, k: k,
                                   labels: &state.labels, scores: &state.scores)
            share.changed = zip(previous, state.labels).filter { $0 != $1 }.count
            share.sums = SphericalKMeans.memberSums(vectors: x, n: n, dims: dims, k: k, labels: state.labels)
            share.sizes = (0..<k).map { c in state.labels.filter { $0 == c }.count }
            // The k worst-placed rows are all reseeding can take (one per empty cluster).
            let worst = (0..<n).sorted { state.scores[$0] != state.scores[$1] ? state.scores[$0] < state.scores[$1] : $0 < $1 }.prefix(k)
            share.lowest = worst.map { Share.Candidate(score: state.scores[$0], row: rows.lowerBound + $0, label: state.labels[$0],
                                                        vector: Array(x[($0 * dims)..<(($0 + 1) * dims)])) }
        case .fits:
            let labels = state.labels.map(Int.init)
            let fits = ThemeClusterer.fits(labels: labels, vectors: x, n: n, dims: dims, sums: memberSums, sizes: memberSizes,
                                           minScore: minScore)
            // Sums of the members that fit, by cluster; `advance` keeps the living ones.
            let fitting = (0..<n).map { fits[$0] ? labels[$0] : -1 }
            let totals = ThemeClusterer.memberTotals(labels: fitting, vectors: x, n: n, dims: dims, k: k)
            share.sums = totals.sums
            share.sizes = totals.sizes
        case .reassign:
            for row in 0..<n where state.labels[row] >= 0 && !alive[Int(state.labels[row])] { state.fromDissolved[row] = true }
            var slotLabels = [Int32](repeating: 0, count: n)
            var slotScores = [Float](repeating: 0, count: n)
            SphericalKMeans.assign(vectors: x, n: n, dims: dims, centroids: centroids, k: liveIds.count,
                                   labels: &slotLabels, scores: &slotScores)
            var changed = 0
            for row in 0..<n {
                let c = Int32(liveIds[Int(slotLabels[row])])
                state.nearest[row] = c
                state.scores[row] = slotScores[row]
                let next: Int32 = (!state.fromDissolved[row] && slotScores[row] >= minScore) ? c : -1
                if next != state.labels[row] { changed += 1 }
                state.labels[row] = next
            }
            share.changed = changed
            let totals = ThemeClusterer.memberTotals(labels: state.labels.map(Int.init), vectors: x, n: n, dims: dims, k: k)
            share.sums = totals.sums
            share.sizes = totals.sizes
            share.firstRows = (0..<k).map { c in (state.labels.firstIndex(of: Int32(c))).map { rows.lowerBound + $0 } ?? Int.max }
        case .done:
            break
        }
        return share
    }

    // MARK: - Driver

    /// Folds the partitions' shares of the current step in (in partition order, so the sums
    /// are the same bits however the tasks ran) and moves to the next step.
    public mutating func advance(with shares: [Share]) throws {
        func summed(_ arrays: [[Double]?], count: Int) throws -> [Double] {
            var total = [Double](repeating: 0, count: count)
            for array in arrays {
                guard let array, array.count == count else { throw ZhutiError(.badInput, "a partition's share has the wrong size") }
                for i in 0..<count { total[i] += array[i] }
            }
            return total
        }
        func counted(_ arrays: [[Int]?], count: Int) throws -> [Int] {
            var total = [Int](repeating: 0, count: count)
            for array in arrays {
                guard let array, array.count == count else { throw ZhutiError(.badInput, "a partition's share has the wrong size") }
                for i in 0..<count { total[i] += array[i] }
            }
            return total
        }
        switch phase {
        case .gram:
            direction = try CommonComponent.topEigenvector(try summed(shares.map(\.gram), count: dims * dims), dims: dims)
            phase = .spread
        case .spread:
            let spread = shares.compactMap(\.spread).reduce(CommonComponent.Spread(), +)
            if let oriented = CommonComponent.oriented(direction ?? [], spread: spread, rows: documents) {
                direction = oriented
                removesDirection = true
            } else {
                direction = nil
            }
            phase = .sample
            drawSample()
        case .sample:
            var rows: [Int] = [], sample: [Float] = []
            for share in shares {
                rows += share.sampleRows ?? []
                sample += share.sampleVectors ?? []
            }
            guard rows == sampleRows, sample.count == rows.count * dims else {
                throw ZhutiError(.badInput, "the partitions returned \(rows.count) of the \(sampleRows.count) sampled rows")
            }
            k = requestedK ?? AutoThemeCount.choose(vectors: sample, dims: dims, seed: seed, restarts: min(max(1, restarts), 4)).k
            let kmeans = SphericalKMeans(k: k, restarts: restarts, seed: seed, maxIterations: maxIterations)
            centroids = try kmeans.fit(vectors: sample, dims: dims).centroids
            iteration = 0
            phase = .lloyd
        case .lloyd:
            iteration += 1
            let changed = shares.reduce(0) { $0 + ($1.changed ?? 0) }
            var sums = try summed(shares.map(\.sums), count: k * dims)
            var sizes = try counted(shares.map(\.sizes), count: k)
            if changed == 0 || iteration > maxIterations {
                rawCentroids = centroids
                memberSums = sums
                memberSizes = sizes
                alive = [Bool](repeating: true, count: k)
                round = 0
                phase = .fits
                return
            }
            // `SphericalKMeans.reseedEmpty`: an empty cluster takes the worst-placed row whose
            // cluster keeps a member (lowest score, then lowest row).
            if sizes.contains(0) {
                let pooled: [Share.Candidate] = shares.flatMap { $0.lowest ?? [] }
                let candidates = pooled.sorted { (a: Share.Candidate, b: Share.Candidate) -> Bool in
                    a.score != b.score ? a.score < b.score : a.row < b.row
                }
                var cursor = 0
                for c in 0..<k where sizes[c] == 0 {
                    while cursor < candidates.count && sizes[Int(candidates[cursor].label)] <= 1 { cursor += 1 }
                    guard cursor < candidates.count else { break }
                    let moved = candidates[cursor]
                    cursor += 1
                    let from = Int(moved.label)
                    sizes[from] -= 1
                    sizes[c] = 1
                    for j in 0..<dims {
                        sums[from * dims + j] -= Double(moved.vector[j])
                        sums[c * dims + j] = Double(moved.vector[j])
                    }
                }
            }
            SphericalKMeans.normalize(sums, k: k, dims: dims, into: &centroids)
        case .fits:
            round += 1
            let fittingSums = try summed(shares.map(\.sums), count: k * dims)
            let fitting = try counted(shares.map(\.sizes), count: k)
            for c in 0..<k where alive[c] && fitting[c] < minSize { alive[c] = false }
            liveIds = (0..<k).filter { alive[$0] }
            var livingSums = fittingSums
            for c in 0..<k where !alive[c] { for j in 0..<dims { livingSums[c * dims + j] = 0 } }
            centroids = liveIds.isEmpty ? [] : ThemeClusterer.liveCentroids(sums: livingSums, liveIds: liveIds, dims: dims,
                                                                            fallback: rawCentroids)
            phase = liveIds.isEmpty ? .done : .reassign
        case .reassign:
            let changed = shares.reduce(0) { $0 + ($1.changed ?? 0) }
            memberSums = try summed(shares.map(\.sums), count: k * dims)
            memberSizes = try counted(shares.map(\.sizes), count: k)
            // A few rounds settle it; the cap guards against a two-state oscillation.
            guard changed == 0 || round >= 10 else {
                phase = .fits
                return
            }
            var firstRow = [Int](repeating: Int.max, count: k)
            for share in shares {
                for (c, row) in (share.firstRows ?? []).enumerated() where c < k { firstRow[c] = min(firstRow[c], row) }
            }
            (newId, orderedCentroids) = ThemeClusterer.renumbering(sizes: memberSizes, firstRow: firstRow, liveIds: liveIds,
                                                                   centroids: centroids, dims: dims)
            phase = .done
        case .done:
            break
        }
    }

    // MARK: - Result

    /// The clustering of all rows once `phase` is `.done`, from every partition's row states
    /// in row order: what `ThemeClusterer.cluster` returns for one machine.
    public func clustering(rows state: RowState) throws -> Clustering {
        guard phase == .done, state.labels.count == documents else {
            throw ZhutiError(.badInput, "the themes are not settled yet, or the row states do not cover the \(documents) articles")
        }
        guard !liveIds.isEmpty else {
            return Clustering(assignments: [Int](repeating: -1, count: documents), centroids: [],
                              scores: [Float](repeating: 0, count: documents), k: 0, dims: dims, objective: 0,
                              nearest: [Int](repeating: -1, count: documents))
        }
        var objective = 0.0
        for row in 0..<documents where state.labels[row] >= 0 { objective += Double(state.scores[row]) }
        return Clustering(assignments: state.labels.map { $0 >= 0 ? newId[Int($0)] : -1 }, centroids: orderedCentroids,
                          scores: state.scores, k: liveIds.count, dims: dims, objective: objective,
                          nearest: state.nearest.map { $0 >= 0 ? newId[Int($0)] : -1 })
    }

    /// The rows whose texts the labeller reads for `clustering` (`ThemeReportBuilder.report`
    /// asks for exactly these).
    public static func labelRows(of clustering: Clustering) -> [Int] {
        ThemeLabeler().sampledRows(members: ThemeReportBuilder.rankedMembers(clustering)).flatMap { $0 }
    }

    /// The report `zhuti themes` prints, given the texts of `labelRows` (normalised, by row).
    public func report(_ clustering: Clustering, articles: [ThemeArticle], labelTexts: [Int: String]) throws -> ThemeReport {
        guard articles.count == documents else {
            throw ZhutiError(.badInput, "\(articles.count) article headers for \(documents) articles")
        }
        return try ThemeReportBuilder.build(clustering: clustering, requestedK: k, articles: articles) { rows in
            try rows.map { row in
                guard let text = labelTexts[row] else { throw ZhutiError(.badInput, "no text was given for article row \(row)") }
                return articles[row].labelText(text)
            }
        }
    }
}
