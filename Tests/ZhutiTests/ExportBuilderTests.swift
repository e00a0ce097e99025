import Testing
@testable import Zhuti

/// Edge-set semantics of SimilarityGraphBuilder on hand-made neighbour lists.
@Suite struct ExportBuilderTests {
    /// Four articles; cosines are symmetric, lists sorted best first.
    /// Pairs: 0-1 .9, 1-2 .8, 0-2 .5, 2-3 .3, 1-3 .2, 0-3 .1.
    let lists: [[(index: Int, score: Float)]] = [
        [(1, 0.9), (2, 0.5), (3, 0.1)],
        [(0, 0.9), (2, 0.8), (3, 0.2)],
        [(1, 0.8), (0, 0.5), (3, 0.3)],
        [(2, 0.3), (1, 0.2), (0, 0.1)],
    ]

    private func pairs(_ edges: [GraphEdge]) -> [[Int]] { edges.map { [$0.source, $0.target] } }
    private func build(_ mode: GraphEdgeMode, mutual: Bool = false) -> [GraphEdge] {
        SimilarityGraphBuilder.edges(neighbors: lists, mode: mode, mutual: mutual) { _, _, _ in false }
    }

    @Test func knnKeepsEachArticlesTopKAsUndirectedUnion() {
        // 0->1, 1->0, 2->1, 3->2: 0-1 twice becomes one edge.
        #expect(pairs(build(.knn(1))) == [[0, 1], [1, 2], [2, 3]])
        #expect(build(.knn(1)).map(\.weight) == [0.9, 0.8, 0.3])
        // 0->{1,2} 1->{0,2} 2->{1,0} 3->{2,1}
        #expect(pairs(build(.knn(2))) == [[0, 1], [0, 2], [1, 2], [1, 3], [2, 3]])
        // k beyond the list length just takes the whole list: all six pairs.
        #expect(build(.knn(10)).count == 6)
    }

    @Test func mutualKeepsOnlyPairsInBothLists() {
        #expect(pairs(build(.knn(1), mutual: true)) == [[0, 1]])
        #expect(pairs(build(.knn(2), mutual: true)) == [[0, 1], [0, 2], [1, 2]])
    }

    @Test func thresholdKeepsPairsAtOrAboveTheCosine() {
        #expect(pairs(build(.threshold(0.5))) == [[0, 1], [0, 2], [1, 2]])
        #expect(pairs(build(.threshold(0.5), mutual: true)) == [[0, 1], [0, 2], [1, 2]])
        #expect(pairs(build(.threshold(0.95))) == [])
        // The whole list is scanned, so an unsorted list loses nothing; the bound is inclusive.
        let unsorted: [[(index: Int, score: Float)]] = [[(2, 0.1), (1, 0.7)], [], [(0, 0.6)]]
        let edges = SimilarityGraphBuilder.edges(neighbors: unsorted, mode: .threshold(0.6), mutual: false) { _, _, _ in false }
        #expect(pairs(edges) == [[0, 1], [0, 2]])
        #expect(edges.map(\.weight) == [0.7, 0.6])
    }

    @Test func duplicatePairsMergeKeepingTheLargerWeight() {
        let asymmetric: [[(index: Int, score: Float)]] = [[(1, 0.7)], [(0, 0.75)]]
        let edges = SimilarityGraphBuilder.edges(neighbors: asymmetric, mode: .knn(1), mutual: false) { _, _, _ in false }
        #expect(edges == [GraphEdge(source: 0, target: 1, weight: 0.75, duplicate: false)])
        // Mutual keeps it too (each listed the other) and also takes the larger weight.
        let mutual = SimilarityGraphBuilder.edges(neighbors: asymmetric, mode: .knn(1), mutual: true) { _, _, _ in false }
        #expect(mutual.map(\.weight) == [0.75])
    }

    @Test func selfLoopsBadIndicesAndNaNAreSkippedWithoutUsingAKSlot() {
        let messy: [[(index: Int, score: Float)]] = [
            [(0, 1.0), (7, 0.99), (-1, 0.98), (2, .nan), (1, 0.4)],
            [(1, 1.0)],
            [],
        ]
        let edges = SimilarityGraphBuilder.edges(neighbors: messy, mode: .knn(1), mutual: false) { _, _, _ in false }
        #expect(edges == [GraphEdge(source: 0, target: 1, weight: 0.4, duplicate: false)])
        #expect(SimilarityGraphBuilder.edges(neighbors: [], mode: .knn(3), mutual: false) { _, _, _ in true }.isEmpty)
    }

    @Test func edgesAreSortedAndFlaggedByThePredicate() {
        // Lists whose proposals arrive in reverse order still come back sorted by (source, target).
        let reversed: [[(index: Int, score: Float)]] = [[], [], [], [(2, 0.9), (1, 0.8), (0, 0.97)]]
        var calls: [[Int]] = []
        let edges = SimilarityGraphBuilder.edges(neighbors: reversed, mode: .knn(3), mutual: false) { s, t, w in
            calls.append([s, t])
            return w > 0.95
        }
        #expect(pairs(edges) == [[0, 3], [1, 3], [2, 3]])
        #expect(edges.map(\.duplicate) == [true, false, false])
        #expect(calls == [[0, 3], [1, 3], [2, 3]])
        #expect(edges.allSatisfy { $0.source < $0.target })
    }

    @Test func modeValidation() throws {
        #expect(throws: ZhutiError(.badOption, "\(ZhutiError.Parameter.knn) must be at least 1 (got 0)")) { try GraphEdgeMode.knn(0).validate() }
        #expect(throws: ZhutiError(.badOption, "\(ZhutiError.Parameter.knn) must be at least 1 (got -3)")) { try GraphEdgeMode.knn(-3).validate() }
        #expect(throws: ZhutiError(.badOption, "\(ZhutiError.Parameter.threshold) must be a cosine in (-1, 1] (got 1.5)")) {
            try GraphEdgeMode.threshold(1.5).validate()
        }
        #expect(throws: ZhutiError.self) { try GraphEdgeMode.threshold(-1).validate() }
        #expect(throws: ZhutiError.self) { try GraphEdgeMode.threshold(.nan).validate() }
        try GraphEdgeMode.knn(1).validate()
        try GraphEdgeMode.threshold(1).validate()
        try GraphEdgeMode.threshold(-0.99).validate()
    }
}
