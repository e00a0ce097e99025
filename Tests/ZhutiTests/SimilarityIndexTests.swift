import Testing
@testable import Zhuti

/// The bounded single-query search (leading dimensions + Cauchy-Schwarz) must give the
/// brute-force answer: same documents, same order, same scores up to float rounding.
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
                        for (a, b) in zip(bounded, exact) { #expect(abs(a.score - b.score) < 1e-5) }
                    }
                }
            }
        }
    }
}
