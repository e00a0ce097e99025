import Testing
@testable import Zhuti

@Suite struct ThemesClusteringTests {
    @Test func recoversThreeSeparatedGroupsExactly() throws {
        let data = themesSyntheticGroups(groups: 3, perGroup: 12, dims: 10, noise: 0.08, seed: 1)
        let clustering = try SphericalKMeans(k: 3, restarts: 4, seed: 9).fit(vectors: data.vectors, dims: 10)
        #expect(ClusterMetrics.normalizedMutualInformation(clustering.assignments, data.labels) == 1)
        #expect(ClusterMetrics.adjustedRandIndex(clustering.assignments, data.labels) == 1)
        // Centroids are unit length and each sits on its group's axis.
        for c in 0..<3 {
            let row = clustering.centroids[(c * 10)..<(c * 10 + 10)]
            let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
            #expect(row.max()! > 0.95)
        }
        #expect(clustering.scores.allSatisfy { $0 > 0.8 })
    }

    @Test func sameSeedSameResultDifferentSeedStillCorrect() throws {
        let data = themesSyntheticGroups(groups: 4, perGroup: 10, dims: 12, noise: 0.15, seed: 2)
        let a = try SphericalKMeans(k: 4, restarts: 5, seed: 3).fit(vectors: data.vectors, dims: 12)
        let b = try SphericalKMeans(k: 4, restarts: 5, seed: 3).fit(vectors: data.vectors, dims: 12)
        #expect(a == b)
        let c = try SphericalKMeans(k: 4, restarts: 5, seed: 99).fit(vectors: data.vectors, dims: 12)
        #expect(ClusterMetrics.normalizedMutualInformation(c.assignments, data.labels) == 1)
    }

    @Test func restartsOnASampleThenRefineOnAllRows() throws {
        var kmeans = SphericalKMeans(k: 3, restarts: 3, seed: 5)
        kmeans.restartSampleLimit = 20
        let data = themesSyntheticGroups(groups: 3, perGroup: 15, dims: 10, noise: 0.1, seed: 4)
        let clustering = try kmeans.fit(vectors: data.vectors, dims: 10)
        #expect(ClusterMetrics.normalizedMutualInformation(clustering.assignments, data.labels) == 1)
    }

    @Test func autoCountFindsThreeGroups() {
        let data = themesSyntheticGroups(groups: 3, perGroup: 12, dims: 10, noise: 0.08, seed: 1)
        let choice = AutoThemeCount.choose(vectors: data.vectors, dims: 10, seed: 42)
        #expect(choice.k == 3)
        // Candidates run from 2 to min(30, n/3) = 12.
        #expect(choice.silhouettes.map(\.k) == Array(2...12))
    }

    @Test func autoCountOnFortyPointsWithFourLooseGroups() throws {
        let data = themesSyntheticGroups(groups: 4, perGroup: 10, dims: 20, noise: 0.2, seed: 11)
        let result = try ThemeClusterer.cluster(vectors: data.vectors, dims: 20,
                                                options: ClusteringOptions(k: .auto, minSize: 2, seed: 42))
        #expect(result.requestedK == 4)
        #expect(ClusterMetrics.adjustedRandIndex(result.clustering.assignments, data.labels) == 1)
    }

    @Test func orthogonalOutlierIsUnassignedWithNearestTheme() throws {
        var data = themesSyntheticGroups(groups: 3, perGroup: 10, dims: 10, noise: 0.05, seed: 6)
        // Mostly on axis 9, which no group uses, with a small lean towards group 1.
        data.vectors += themesUnit([0, 0.1, 0, 0, 0, 0, 0, 0, 0, 1])
        let options = ClusteringOptions(k: .fixed(3), minSize: 2, seed: 1)
        let result = try ThemeClusterer.cluster(vectors: data.vectors, dims: 10, options: options)
        let clustering = result.clustering
        #expect(clustering.k == 3)
        #expect(clustering.assignments[30] == -1)
        // Its nearest theme is group 1's theme, at a low cosine (about 0.1).
        #expect(clustering.nearest[30] == clustering.assignments[10])
        #expect(clustering.scores[30] > 0.05 && clustering.scores[30] < 0.15)
        #expect(ClusterMetrics.normalizedMutualInformation(Array(clustering.assignments[0..<30]), data.labels) == 1)
    }

    @Test func clustersBelowMinSizeAreDissolved() throws {
        // Two groups of 10 and a pair of their own that still leans towards group 0 (cosine
        // about 0.33, above minScore): with minSize 3 the pair's cluster is dissolved.
        var data = themesSyntheticGroups(groups: 2, perGroup: 10, dims: 6, noise: 0.05, seed: 8)
        data.vectors += themesUnit([0.35, 0, 0, 0, 0, 1]) + themesUnit([0.35, 0, 0, 0, 0.05, 1])
        let options = ClusteringOptions(k: .fixed(3), minSize: 3, seed: 1)
        let clustering = try ThemeClusterer.cluster(vectors: data.vectors, dims: 6, options: options).clustering
        #expect(clustering.k == 2)
        #expect(clustering.assignments[20] == -1 && clustering.assignments[21] == -1)
        #expect(clustering.nearest[20] == clustering.assignments[0])
        #expect(clustering.scores[20] > 0.25)
        #expect(clustering.assignments[0..<20].allSatisfy { $0 >= 0 })
        // Renumbered 0, 1 with ties in size broken by first member.
        #expect(clustering.assignments[0] == 0 && clustering.assignments[10] == 1)
    }

    @Test func badOptionsAndEmptyInput() {
        let data = themesSyntheticGroups(groups: 2, perGroup: 3, dims: 4, noise: 0.1, seed: 1)
        #expect(throws: ZhutiError(.badOption, "\(ZhutiError.Parameter.k) must be at least 1")) {
            try ThemeClusterer.cluster(vectors: data.vectors, dims: 4, options: ClusteringOptions(k: .fixed(0)))
        }
        #expect(throws: ZhutiError(.badOption, "\(ZhutiError.Parameter.k) 7 is larger than the number of articles (6)")) {
            try ThemeClusterer.cluster(vectors: data.vectors, dims: 4, options: ClusteringOptions(k: .fixed(7)))
        }
        #expect(throws: ZhutiError(.badOption, "\(ZhutiError.Parameter.minSize) must be at least 1")) {
            try ThemeClusterer.cluster(vectors: data.vectors, dims: 4, options: ClusteringOptions(k: .fixed(2), minSize: 0))
        }
        #expect(throws: ZhutiError(.badInput, "the library has no articles; run `zhuti ingest` first")) {
            try ThemeReportBuilder.build(vectors: [], dims: 4, articles: [], options: ClusteringOptions())
        }
        #expect(throws: ZhutiError(.badInput, "the library has no articles; run `zhuti ingest` first")) {
            try ThemeClusterer.cluster(vectors: [], dims: 4, options: ClusteringOptions())
        }
    }

    @Test func tinyArchiveFallsBackToOneTheme() throws {
        let vectors = themesUnit([1, 0.1]) + themesUnit([1, 0.2]) + themesUnit([0.9, 0.1])
        let result = try ThemeClusterer.cluster(vectors: vectors, dims: 2, options: ClusteringOptions(k: .auto, minSize: 1))
        #expect(result.requestedK == 1)
        #expect(result.clustering.assignments == [0, 0, 0])
    }
}

@Suite struct ThemesCommonComponentTests {
    @Test func orthogonalGroupsHaveNoCommonComponent() throws {
        let data = themesSyntheticGroups(groups: 3, perGroup: 12, dims: 10, noise: 0.08, seed: 1)
        #expect(try CommonComponent.removed(from: data.vectors, dims: 10) == nil)
    }

    @Test func sharedDirectionIsRemovedAndGroupsSurvive() throws {
        // Groups on axes 1, 2, 3 that all lean heavily on axis 0 (cosine ~0.8 between groups).
        var rng = SplitMix64(seed: 5)
        var vectors: [Float] = []
        var labels: [Int] = []
        for g in 0..<3 {
            for _ in 0..<10 {
                var row = [Double](repeating: 0, count: 8)
                row[0] = 2
                row[g + 1] = 1
                for j in 0..<8 { row[j] += 0.05 * themesGaussian(&rng) }
                vectors += themesUnit(row)
                labels.append(g)
            }
        }
        let projected = try #require(try CommonComponent.removed(from: vectors, dims: 8))
        for row in 0..<30 {
            let slice = projected[(row * 8)..<(row * 8 + 8)]
            #expect(abs(slice.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
            // Axis 0 is (almost) gone.
            #expect(abs(slice.first!) < 0.15)
        }
        let result = try ThemeClusterer.cluster(vectors: vectors, dims: 8,
                                                options: ClusteringOptions(k: .fixed(3), minSize: 2, seed: 3))
        #expect(result.commonComponentRemoved)
        #expect(ClusterMetrics.normalizedMutualInformation(result.clustering.assignments, labels) == 1)
        #expect(result.clustering.assignments.allSatisfy { $0 >= 0 })
    }
}
