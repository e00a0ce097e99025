import Testing
@testable import Zhuti

@Suite struct ThemesMetricsTests {
    @Test func identicalPartitionsScoreOneWhateverTheLabelNames() {
        let a = [0, 0, 1, 1, 2, 2, 2]
        let b = [5, 5, 9, 9, -1, -1, -1]
        #expect(ClusterMetrics.normalizedMutualInformation(a, b) == 1)
        #expect(ClusterMetrics.adjustedRandIndex(a, b) == 1)
    }

    @Test func handComputedSmallExamples() {
        // a = [0,0,1,1], b = [0,0,0,1]: H(a) = ln 2, H(b) = 0.5623, MI = 0.5 ln(4/3) +
        // 0.25 ln(2/3) + 0.25 ln 2 = 0.21576, NMI = MI / mean(H) = 0.34371.
        #expect(abs(ClusterMetrics.normalizedMutualInformation([0, 0, 1, 1], [0, 0, 0, 1]) - 0.343711) < 1e-5)
        // Pair counts: cells 1, rows 2, columns 3, all pairs 6: expected 1, max 2.5 -> ARI 0.
        #expect(abs(ClusterMetrics.adjustedRandIndex([0, 0, 1, 1], [0, 0, 0, 1])) < 1e-12)
        // cells 2, rows 6, columns 3, pairs 15: (2 - 1.2) / (4.5 - 1.2) = 0.242424.
        #expect(abs(ClusterMetrics.adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) - 0.8 / 3.3) < 1e-12)
        #expect(ClusterMetrics.normalizedMutualInformation([0, 0, 0, 0], [0, 1, 0, 1]) == 0)
    }

    @Test func precisionAtK() {
        let neighbors = [[1, 2], [0, 2], [0, 1]]
        let labels = [0, 0, 1]
        // 1/2, 1/2 and 0/2.
        #expect(abs(ClusterMetrics.precisionAtK(neighbors: neighbors, labels: labels, k: 2) - 1.0 / 3) < 1e-12)
        // k = 1: the first neighbour only: 1, 1, 0.
        #expect(abs(ClusterMetrics.precisionAtK(neighbors: neighbors, labels: labels, k: 1) - 2.0 / 3) < 1e-12)
    }
}
