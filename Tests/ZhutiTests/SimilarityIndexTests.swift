import Testing
@testable import Zhuti

/// The bounded single-query search (leading dimensions + Cauchy-Schwarz) must give the
/// brute-force answer: same documents, same order, same scores.
@Suite struct SimilarityIndexTests {
    typealias Corpus = IntegrationCorpus

    @Test func boundedSearchGivesTheBruteForceAnswer() throws {
        let home = Corpus.Home("index-bounded")
        defer { home.remove() }
        let model = try Corpus.fit(try Corpus.library(in: home))
        let index = SimilarityIndex(model: model)
        let filters: [((Int) -> Bool)?] = [nil, { $0 % 2 == 0 }, { $0 == 3 }, { _ in false }]
        for width in [1, 2, 4] {
            let leading = LeadingDimensions(model: model, width: width)
            for row in 0..<model.documentCount {
                let query = model.documentVector(row)
                for k in [1, 3, model.documentCount + 2] {
                    for allowed in filters {
                        let exact = index.nearest(to: query, k: k, allowed: allowed)  // brute force: a small model
                        let bounded = index.nearest(to: query, k: k, allowed: allowed, leading: leading)
                        #expect(bounded.map(\.index) == exact.map(\.index), "row \(row), width \(width), k \(k)")
                        #expect(bounded.map(\.score) == exact.map(\.score))
                    }
                }
            }
        }
    }
}

/// Query expansion: ranking by the cosine with normalize(q + w · mean of q's nearest
/// documents), single queries and the all-pairs table alike, checked against the formula
/// computed here by brute force.
@Suite struct QueryExpansionTests {
    typealias Corpus = IntegrationCorpus

    static func dot(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    /// The ranking score, as README states it: Σ a[j]·b[j] in Double, in coordinate order,
    /// rounded to Float.
    static func score(_ a: [Float], _ b: [Float]) -> Float {
        Float(zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) })
    }

    /// Brute force, written plainly: every document's score, the best `k` other than `own`,
    /// ranked by (score, then id).
    static func reference(model: LSAModel, query: [Float], own: Int?, expansion: QueryExpansion?, k: Int,
                          allowed: (Int) -> Bool = { _ in true }) -> [(index: Int, score: Float)] {
        let ids = model.documentIDs
        func best(_ q: [Float], _ count: Int, _ admits: (Int) -> Bool) -> [(index: Int, score: Float)] {
            (0..<model.documentCount).filter { $0 != own && admits($0) }
                .map { (index: $0, score: score(q, model.documentVector($0))) }
                .sorted { $0.score != $1.score ? $0.score > $1.score : ids[$0.index] < ids[$1.index] }
                .prefix(count).map { $0 }
        }
        guard let expansion else { return best(query, k, allowed) }
        let neighbours = best(query, expansion.neighbours, { _ in true })
        var expanded = query
        for n in neighbours {
            let v = model.documentVector(n.index)
            for j in expanded.indices { expanded[j] += expansion.weight / Float(neighbours.count) * v[j] }
        }
        // Unit length as the engine scales: by the reciprocal of the Float norm.
        let scale = 1 / dot(expanded, expanded).squareRoot()
        return best(expanded.map { $0 * scale }, k, allowed)
    }

    @Test func expandIsTheNormalizedWeightedSum() {
        let documents: [Float] = [1, 0, 0,  0, 1, 0,  0, 0, 1]
        let query: [Float] = [0.6, 0.8, 0]
        var out = [Float](repeating: 0, count: 3)
        documents.withUnsafeBufferPointer { docs in
            query.withUnsafeBufferPointer { q in
                out.withUnsafeMutableBufferPointer { o in
                    QueryExpansion(neighbours: 2, weight: 2).expand(q, rows: [0, 2], documents: docs, into: o)
                }
            }
        }
        // (0.6, 0.8, 0) + 2 · ((1, 0, 0) + (0, 0, 1)) / 2 = (1.6, 0.8, 1), |·| = √(2.56 + 0.64 + 1) = √4.2
        let norm = Float(4.2).squareRoot()
        for (got, want) in zip(out, [1.6 / norm, 0.8 / norm, 1 / norm]) { #expect(abs(got - want) < 1e-6) }
    }

    @Test func singleAndAllPairsRankingMatchTheFormula() throws {
        let home = Corpus.Home("index-expansion")
        defer { home.remove() }
        let fitted = try Corpus.fit(try Corpus.library(in: home))
        #expect(fitted.neighbourLists != nil)
        // With the kept neighbour lists and without them (models from before they existed).
        for model in [fitted, fitted.with(nil)] {
        let index = SimilarityIndex(model: model)
        let n = model.documentCount
        let expansions: [QueryExpansion?] = [nil, .standard, QueryExpansion(neighbours: 1, weight: 0.5), QueryExpansion(neighbours: 5, weight: 3)]
        for expansion in expansions {
            for k in [1, 4, n + 3] {
                let table = index.rankedForAll(k: k, expansion: expansion)
                let odd = index.rankedForAll(k: k, expansion: expansion, allowed: { _, candidate in candidate % 2 == 1 })
                #expect(table.count == n)
                for row in 0..<n {
                    let query = model.documentVector(row)
                    let want = Self.reference(model: model, query: query, own: row, expansion: expansion, k: k)
                    let single = index.ranked(to: query, k: k, expansion: expansion, excluding: row, allowed: nil)
                    for got in [single, table[row]] {
                        #expect(got.map(\.index) == want.map(\.index), "row \(row), k \(k), \(String(describing: expansion))")
                        #expect(got.map(\.score) == want.map(\.score))
                    }
                    // Filters restrict the results, not the neighbours the query is expanded with.
                    let wantOdd = Self.reference(model: model, query: query, own: row, expansion: expansion, k: k,
                                                 allowed: { $0 % 2 == 1 })
                    #expect(odd[row].map(\.index) == wantOdd.map(\.index), "odd, row \(row), k \(k)")
                }
            }
        }
        }
    }

    /// The lists a model keeps are each document's nearest others, after the fit, after
    /// articles are folded in (lists extended, not searched again) and through the file.
    @Test func keptNeighbourListsAreTheNearestDocuments() throws {
        let home = Corpus.Home("index-neighbour-lists")
        defer { home.remove() }
        let library = try Corpus.library(in: home)
        let model = try Corpus.fit(library)
        func check(_ model: LSAModel, _ label: String) throws {
            let lists = try #require(model.neighbourLists, "\(label): no lists")
            #expect(lists.width == LSAModel.keptNeighbours)
            #expect(lists.indices.count == model.documentCount * lists.width)
            for row in 0..<model.documentCount {
                let want = QueryExpansionTests.reference(model: model, query: model.documentVector(row), own: row,
                                                         expansion: nil, k: lists.width)
                #expect(lists.neighbours(of: row, count: lists.width) == want.map(\.index), "\(label), row \(row)")
            }
        }
        try check(model, "fitted")
        // Two new articles: one close to an ecology article (it enters old lists), one unlike any.
        let ecology = try #require(try library.article(id: Corpus.id(.ecology, 1))).normalized
        let appended = try model.appending(ids: ["late-001", "late-002"],
                                           normalizedTexts: [ecology + "河湖长制", "招商引资项目签约，巡视整改"])
        try check(appended, "appended")
        #expect(appended.neighbourLists!.neighbours(of: model.index(of: Corpus.id(.ecology, 1))!, count: 1)
                == [appended.index(of: "late-001")!])
        // Replacing a stored article's vector: lists found again from scratch.
        let replaced = try appended.appending(ids: [Corpus.id(.ecology, 1)], normalizedTexts: ["招商引资"])
        try check(replaced, "replaced")
        let path = home.home.modelPath(named: "lists")
        try appended.write(to: path)
        #expect(try LSAModel.load(path: path).neighbourLists == appended.neighbourLists)
    }

    @Test func expansionMovesTheRankingTowardsTheNeighbourhood() throws {
        let home = Corpus.Home("index-expansion-moves")
        defer { home.remove() }
        let model = try Corpus.fit(try Corpus.library(in: home))
        let index = SimilarityIndex(model: model)
        // Some query's ranking must change, or the expansion would be doing nothing.
        var changed = 0
        for row in 0..<model.documentCount {
            let query = model.documentVector(row)
            let plain = index.ranked(to: query, k: 5, expansion: nil, excluding: row, allowed: nil)
            let expanded = index.ranked(to: query, k: 5, expansion: .standard, excluding: row, allowed: nil)
            if plain.map(\.index) != expanded.map(\.index) { changed += 1 }
            // The expanded query leans towards its neighbours: they score higher than before.
            let neighbours = index.nearest(to: query, k: 3, allowed: { $0 != row })
            let moved = index.expanded(query, expansion: .standard, excluding: row)
            let before = neighbours.map { index.cosine(query, $0.index) }.reduce(0, +)
            let after = neighbours.map { index.cosine(moved, $0.index) }.reduce(0, +)
            #expect(after > before, "row \(row)")
            #expect(abs(Self.dot(moved, moved) - 1) < 1e-5)
        }
        #expect(changed > 0)
    }
}

/// The tiled all-pairs search, across tile boundaries (tiles of 1 to 5 documents on the
/// 14-document corpus), for the symmetric table of the documents' own vectors and for a
/// table of other query vectors, against brute force.
@Suite struct AllPairsTilingTests {
    typealias Corpus = IntegrationCorpus

    @Test func tiledTablesMatchBruteForce() throws {
        let home = Corpus.Home("index-tiles")
        defer { home.remove() }
        let model = try Corpus.fit(try Corpus.library(in: home))
        let index = SimilarityIndex(model: model)
        let n = model.documentCount, d = model.dimensions
        // Queries unlike any document: each document's vector with its coordinates rotated.
        var rotated = [Float](repeating: 0, count: n * d)
        for row in 0..<n {
            let v = model.documentVector(row)
            for j in 0..<d { rotated[row * d + j] = v[(j + 1) % d] }
        }
        let filters: [(@Sendable (Int, Int) -> Bool)?] = [nil, { query, candidate in (query + candidate) % 3 != 0 }]
        for tile in [1, 2, 3, 5, 64] {
            for k in [1, 4, n] {
                for allowed in filters {
                    let own = index.nearestForAll(queries: nil, k: k, allowed: allowed, tileSize: tile)
                    let other = rotated.withUnsafeBufferPointer {
                        index.nearestForAll(queries: $0, k: k, allowed: allowed, tileSize: tile)
                    }
                    for row in 0..<n {
                        let ownWant = QueryExpansionTests.reference(model: model, query: model.documentVector(row), own: row,
                                                                    expansion: nil, k: k, allowed: { allowed?(row, $0) ?? true })
                        let query = Array(rotated[(row * d)..<((row + 1) * d)])
                        let otherWant = QueryExpansionTests.reference(model: model, query: query, own: row,
                                                                      expansion: nil, k: k, allowed: { allowed?(row, $0) ?? true })
                        #expect(own[row].map(\.index) == ownWant.map(\.index), "own, tile \(tile), k \(k), row \(row)")
                        #expect(other[row].map(\.index) == otherWant.map(\.index), "other, tile \(tile), k \(k), row \(row)")
                        #expect(own[row].map(\.score) == ownWant.map(\.score))
                        #expect(other[row].map(\.score) == otherWant.map(\.score))
                    }
                }
            }
        }
    }
}
