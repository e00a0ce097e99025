import Testing
@testable import Zhuti

/// Rankings that do not depend on how BLAS sums: a model built to be full of near-ties
/// (exact copies under other ids, copies one unit in the last place apart, copies a millionth
/// apart), searched through every path, must give exactly the canonical brute-force answer
/// (Σ in Double in coordinate order, rounded to Float; ties by id). `scripts/test` runs this
/// suite under OpenBLAS and again under Debian's reference BLAS, which sum in other orders.
@Suite struct RankingNearTieTests {
    typealias Corpus = IntegrationCorpus
    typealias Reference = QueryExpansionTests

    /// 10 random unit vectors of 96 dimensions, each present 5 times: itself, an exact copy,
    /// a copy with one coordinate one ulp up, one with a coordinate one ulp down, and one with
    /// noise of 1e-6. Ids are a shuffled numbering, so id order is not index order. A smaller
    /// `count` gives the first documents of the same model.
    static func nearTieModel(_ fitted: LSAModel, count: Int = 50) -> LSAModel {
        let d = 96, families = 10
        var random = SplitMix64(seed: 2026)
        var vectors: [Float] = []
        for _ in 0..<families {
            var base = (0..<d).map { _ in Float(random.nextUnit() * 2 - 1) }
            base.withUnsafeMutableBufferPointer { _ = normalizeInPlace($0) }
            var up = base, down = base, noisy = base
            let j = Int(random.next() % UInt64(d))
            up[j] = up[j].nextUp
            down[(j + 1) % d] = down[(j + 1) % d].nextDown
            for i in 0..<d { noisy[i] += Float(random.nextUnit() - 0.5) * 2e-6 }
            vectors += base + base + up + down + noisy
        }
        vectors = Array(vectors.prefix(count * d))
        var numbers = Array(0..<(5 * families))
        for i in stride(from: numbers.count - 1, to: 0, by: -1) { numbers.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        let ids = numbers.prefix(count).map { "tie-" + String(1000 + $0) }
        var info = fitted.info
        info.dimensions = d
        info.documentCount = count
        return LSAModel(info: info, vectorizer: fitted.vectorizer, singularValues: fitted.singularValues,
                        termVectors: fitted.termVectors, documentIDs: ids, documentVectors: FloatStorage(vectors))
    }

    static func fitted(_ name: String) throws -> LSAModel {
        let home = Corpus.Home(name)
        defer { home.remove() }
        return try Corpus.fit(try Corpus.library(in: home))
    }

    /// The fixture really is full of ties that BLAS's Float scores cannot order: some query
    /// has candidates whose canonical scores are equal or a few ulps apart.
    @Test func fixtureHasNearTies() throws {
        let model = Self.nearTieModel(try Self.fitted("ties-fixture"))
        let index = SimilarityIndex(model: model)
        var exactTies = 0, ulpApart = 0
        for row in 0..<model.documentCount {
            let scores = (0..<model.documentCount).filter { $0 != row }.map { index.cosine(row, $0) }.sorted(by: >)
            for (a, b) in zip(scores, scores.dropFirst()) {
                if a == b { exactTies += 1 } else if a - b <= 4 * a.ulp { ulpApart += 1 }
            }
        }
        #expect(exactTies > 0)
        #expect(ulpApart > 0)
    }

    @Test func singleQueriesGiveTheCanonicalAnswer() throws {
        let model = Self.nearTieModel(try Self.fitted("ties-single"))
        let index = SimilarityIndex(model: model)
        let n = model.documentCount
        let filters: [((Int) -> Bool)?] = [nil, { $0 % 3 != 0 }]
        for row in 0..<n {
            let query = model.documentVector(row)
            for k in [1, 2, 5, 7, n] {
                for allowed in filters {
                    let want = Reference.reference(model: model, query: query, own: row, expansion: nil, k: k,
                                                   allowed: { allowed?($0) ?? true })
                    let admits: (Int) -> Bool = { $0 != row && (allowed?($0) ?? true) }
                    var paths = [("nearest", index.nearest(to: query, k: k, allowed: admits))]
                    for width in [8, 32, 48] {
                        let leading = LeadingDimensions(model: model, width: width)
                        paths.append(("bounded \(width)", index.nearest(to: query, k: k, allowed: admits, leading: leading)))
                    }
                    for (path, got) in paths {
                        #expect(got.map(\.index) == want.map(\.index), "\(path), row \(row), k \(k)")
                        #expect(got.map(\.score) == want.map(\.score), "\(path), row \(row), k \(k)")
                    }
                }
            }
        }
    }

    @Test func allPairsTilesGiveTheCanonicalAnswer() throws {
        let model = Self.nearTieModel(try Self.fitted("ties-all-pairs"))
        let index = SimilarityIndex(model: model)
        let n = model.documentCount, d = model.dimensions
        // Other queries: every document's vector with its coordinates reversed.
        var reversed = [Float](repeating: 0, count: n * d)
        for row in 0..<n { for j in 0..<d { reversed[row * d + j] = model.documentVectors.buffer[row * d + d - 1 - j] } }
        for tile in [1, 3, 7, 16, 1024] {
            for k in [1, 3, 6, n] {
                let own = index.nearestForAll(queries: nil, k: k, tileSize: tile)
                let other = reversed.withUnsafeBufferPointer { index.nearestForAll(queries: $0, k: k, tileSize: tile) }
                for row in 0..<n {
                    let ownWant = Reference.reference(model: model, query: model.documentVector(row), own: row, expansion: nil, k: k)
                    let otherWant = Reference.reference(model: model, query: Array(reversed[(row * d)..<((row + 1) * d)]),
                                                        own: row, expansion: nil, k: k)
                    #expect(own[row].map(\.index) == ownWant.map(\.index), "own, tile \(tile), k \(k), row \(row)")
                    #expect(own[row].map(\.score) == ownWant.map(\.score), "own, tile \(tile), k \(k), row \(row)")
                    #expect(other[row].map(\.index) == otherWant.map(\.index), "other, tile \(tile), k \(k), row \(row)")
                }
            }
        }
    }

    /// Query expansion, single and all at once, with the model's kept lists and without.
    @Test func expandedRankingsGiveTheCanonicalAnswer() throws {
        let plain = Self.nearTieModel(try Self.fitted("ties-expansion"))
        for model in [plain, plain.withNeighbourLists()] {
            let index = SimilarityIndex(model: model)
            for expansion in [QueryExpansion.standard, QueryExpansion(neighbours: 4, weight: 0.5)] {
                let table = index.rankedForAll(k: 6, expansion: expansion)
                for row in 0..<model.documentCount {
                    let query = model.documentVector(row)
                    let want = Reference.reference(model: model, query: query, own: row, expansion: expansion, k: 6)
                    let single = index.ranked(to: query, k: 6, expansion: expansion, excluding: row, allowed: nil)
                    #expect(single.map(\.index) == want.map(\.index), "single, row \(row)")
                    #expect(table[row].map(\.index) == want.map(\.index), "table, row \(row)")
                    #expect(table[row].map(\.score) == single.map(\.score), "row \(row)")
                }
            }
        }
    }

    /// Kept neighbour lists: found at fit and extended when documents are appended.
    @Test func neighbourListsGiveTheCanonicalAnswer() throws {
        let fitted = try Self.fitted("ties-lists")
        let full = Self.nearTieModel(fitted).withNeighbourLists()
        let first = Self.nearTieModel(fitted, count: 31).withNeighbourLists()
        let kept = try #require(first.neighbourLists)
        // Extended tile by tile (old x new scores never as one matrix), across tile boundaries.
        var models = [("fitted", full)]
        for tile in [1, 3, 7, LSAModel.extensionTile] {
            models.append(("extended, tile \(tile)", full.with(nil).withNeighbourLists(extending: kept, tile: tile)))
        }
        for (label, model) in models {
            let lists = try #require(model.neighbourLists)
            for row in 0..<model.documentCount {
                let want = Reference.reference(model: model, query: model.documentVector(row), own: row, expansion: nil, k: lists.width)
                #expect(lists.neighbours(of: row, count: lists.width) == want.map(\.index), "\(label), row \(row)")
            }
        }
    }
}
