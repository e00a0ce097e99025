import Foundation
import Testing
@testable import Zhuti

/// Issue 15: the pieces a cluster runs per partition and on the driver give what the
/// single-machine build gives - the same vocabulary, an SVD that matches the exact one, the
/// same document vectors, and all-pairs lists that a split by rows does not change.
@Suite struct PartitionedBuildTests {
    typealias F = DecomposeFixtures
    typealias Corpus = IntegrationCorpus

    /// Rows `range` of a CSR matrix, as one partition's block.
    static func block(_ a: SparseMatrix, _ range: Range<Int>) -> SparseMatrix {
        let start = a.rowStarts[range.lowerBound], end = a.rowStarts[range.upperBound]
        return SparseMatrix(rows: range.count, columns: a.columns, rowStarts: a.rowStarts[range].map { $0 - start } + [end - start],
                            columnIndices: Array(a.columnIndices[start..<end]), values: Array(a.values[start..<end]))
    }

    /// The passes of `PartitionedSVD` over three row blocks, summed as a cluster sums them.
    static func partitionedFactors(_ a: SparseMatrix, rank: Int, seed: UInt64, blocks: [Range<Int>])
        throws -> (singularValues: [Float], termVectors: DenseMatrix) {
        let svd = try PartitionedSVD(RandomizedSVD(rank: rank, seed: seed), documents: a.rows, terms: a.columns)
        let l = svd.sampleWidth
        var q = try svd.start()
        for _ in 0..<svd.rangePasses {
            let qt = q.transposed().values
            var sum = [Float](repeating: 0, count: a.columns * l)
            for range in blocks {
                let share = qt.withUnsafeBufferPointer { PartitionedSVD.rangeShare(of: block(a, range), qRowMajor: $0, width: l) }
                for i in sum.indices { sum[i] += share[i] }
            }
            q = try svd.orthonormalize(rangeSum: sum)
        }
        let qt = q.transposed().values
        var gram = [Double](repeating: 0, count: l * l)
        for range in blocks {
            let share = qt.withUnsafeBufferPointer { PartitionedSVD.gramShare(of: block(a, range), qRowMajor: $0, width: l) }
            for i in gram.indices { gram[i] += share[i] }
        }
        return try svd.finish(gram: gram, q: q)
    }

    @Test(arguments: [(90, 30, 5, UInt64(7)), (120, 40, 4, UInt64(3))])
    func partitionedSVDMatchesTheExactOne(rows: Int, columns: Int, rank: Int, seed: UInt64) throws {
        let a = F.planted(rows: rows, columns: columns, topics: rank, seed: seed)
        let blocks = [0..<(rows / 3), (rows / 3)..<(rows / 2), (rows / 2)..<rows]
        let partitioned = try Self.partitionedFactors(a, rank: rank, seed: 42, blocks: blocks)
        let exact = try ExactSVD.fit(a, rank: rank)
        for (p, e) in zip(partitioned.singularValues, exact.singularValues) {
            #expect(abs(p - e) <= 1e-3 * e, "partitioned \(p) vs exact \(e)")
        }
        for c in try F.principalCosines(partitioned.termVectors, exact.v) { #expect(c > 1 - 1e-3) }
        // The same sign rule as every other path: the same vectors, entry by entry.
        #expect(F.maxAbsDifference(partitioned.termVectors, exact.v) < 1e-2)
        // And the single-machine randomized path, which takes these steps on the whole matrix
        // when documents outnumber terms, agrees to rounding.
        let whole = try RandomizedSVD(rank: rank, seed: 42).fit(a)
        for (p, w) in zip(partitioned.singularValues, whole.singularValues) { #expect(abs(p - w) <= 1e-5 * w) }
        #expect(F.maxAbsDifference(partitioned.termVectors, whole.v) < 1e-4)
    }

    @Test func shapesThatDoNotFitAreRefused() throws {
        let svd = try PartitionedSVD(RandomizedSVD(rank: 3, seed: 1), documents: 20, terms: 10)
        #expect(throws: ZhutiError.self) { try svd.orthonormalize(rangeSum: [1, 2, 3]) }
        #expect(throws: ZhutiError.self) { try svd.finish(gram: [Double](repeating: .nan, count: 13 * 13), q: try svd.start()) }
        #expect(throws: ZhutiError.self) { try PartitionedSVD(RandomizedSVD(rank: 30, seed: 1), documents: 20, terms: 10) }
    }

    /// Pruning on parts of the summed pairs, then on the union of what each part kept, keeps
    /// what one pruning of all the pairs keeps (so a cluster prunes where the sums are).
    @Test func pruningPartsThenTheirUnionEqualsPruningAll() throws {
        var g = SplitMix64(seed: 11)
        let keys = (0..<5000).map { _ in g.next() }.sorted()
        let frequencies = keys.map { _ in UInt32(1 + g.next() % 60) }
        let options = VectorizerOptions(minDF: 3, maxDF: 0.4, maxTerms: 700)
        let all = try TfidfVectorizer.keptTerms(keys: keys, frequencies: frequencies, options: options, documentCount: 100)
        #expect(all.keys.count == 700)
        var unionKeys: [UInt64] = [], unionFrequencies: [UInt32] = []
        for part in 0..<4 {
            let indices = keys.indices.filter { $0 % 4 == part }
            let kept = try TfidfVectorizer.keptTerms(keys: indices.map { keys[$0] }, frequencies: indices.map { frequencies[$0] },
                                                     options: options, documentCount: 100)
            unionKeys += kept.keys
            unionFrequencies += kept.frequencies
        }
        let again = try TfidfVectorizer.keptTerms(keys: unionKeys, frequencies: unionFrequencies, options: options, documentCount: 100)
        #expect(again.keys == all.keys && again.frequencies == all.frequencies)
        #expect(throws: ZhutiError.self) {
            try TfidfVectorizer.keptTerms(keys: [5, 5], frequencies: [3, 3], options: options, documentCount: 10)
        }
    }

    /// The whole cluster build on the integration corpus, in three partitions: the vocabulary
    /// is the one `fit` finds, and the model's singular values and document vectors are its.
    @Test func partitionedBuildGivesTheFittedModel() throws {
        let home = Corpus.Home("partitioned-build")
        defer { home.remove() }
        let library = try Corpus.library(in: home)
        let fitted = try Corpus.fit(library)
        let ids = try Corpus.ids(of: library)
        let normalized = try library.normalizedTexts()
        let texts = ids.map { normalized[$0]! }
        let parts = [0..<5, 5..<9, 9..<texts.count].map { Array(texts[$0]) }
        let parameters = fitted.info.parameters

        // Stage 2: counts per part, summed by key, pruned in two groups and then on the union.
        var sums: [UInt64: UInt32] = [:]
        for part in parts {
            let counted = try TfidfVectorizer.documentFrequencies(InMemoryDocuments(part), options: parameters.vectorizer)
            #expect(counted.documentCount == part.count)
            for (key, df) in zip(counted.keys, counted.frequencies) { sums[key, default: 0] += df }
        }
        let summed = sums.sorted { $0.key < $1.key }
        var candidates: [(key: UInt64, df: UInt32)] = []
        for group in 0..<2 {
            let mine = summed.enumerated().filter { $0.offset % 2 == group }.map(\.element)
            let kept = try TfidfVectorizer.keptTerms(keys: mine.map(\.key), frequencies: mine.map(\.value),
                                                     options: parameters.vectorizer, documentCount: texts.count)
            candidates += zip(kept.keys, kept.frequencies).map { ($0, $1) }
        }
        candidates.sort { $0.key < $1.key }
        let kept = try TfidfVectorizer.keptTerms(keys: candidates.map(\.key), frequencies: candidates.map(\.df),
                                                 options: parameters.vectorizer, documentCount: texts.count)
        var hashed: [UInt64: String] = [:]
        for part in parts {
            hashed.merge(try TfidfVectorizer.hashedTermTexts(InMemoryDocuments(part), options: parameters.vectorizer, keys: kept.keys)) { a, _ in a }
        }
        let vectorizer = try TfidfVectorizer.assemble(options: parameters.vectorizer, keys: kept.keys, frequencies: kept.frequencies,
                                                      documentCount: texts.count, hashedTexts: hashed)
        #expect(vectorizer.vocabulary == fitted.vectorizer.vocabulary)

        // Stage 3: the SVD over the parts' TF-IDF rows; stage 4: vectors per part; stage 7: the model.
        let basis = LSABasis(parameters: parameters, vectorizer: vectorizer)
        let matrix = vectorizer.transform(texts)
        let factors = try Self.partitionedFactors(matrix, rank: parameters.dimensions, seed: parameters.seed,
                                                  blocks: [0..<5, 5..<9, 9..<texts.count])
        let finished = try basis.withFactors(singularValues: factors.singularValues, v: factors.termVectors)
        var vectors: [Float] = [], nonZeros = 0
        for part in parts {
            let projected = try finished.project(part)
            vectors += projected.vectors
            nonZeros += projected.nonZeros.reduce(0) { $0 + Int($1) }
        }
        let model = try LSAModel.assembled(basis: finished, documentIDs: ids, documentVectors: vectors, nonZeros: nonZeros,
                                           corpusFingerprint: "test")
        #expect(model.info.nonZeros == fitted.info.nonZeros)
        for (p, f) in zip(model.singularValues, fitted.singularValues) { #expect(abs(p - f) <= 1e-3 * f, "\(p) vs \(f)") }
        for row in 0..<ids.count {
            let cosine = zip(model.documentVector(row), fitted.documentVector(row)).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            #expect(cosine > 0.999, "document \(ids[row]): cosine \(cosine) with the fitted vector")
        }
        #expect(model.neighbourLists != nil)

        // The basis file keeps what the partitions need.
        let path = home.home.path + "/model.basis"
        try finished.write(to: path)
        let loaded = try LSABasis.load(path: path)
        #expect(loaded.vectorizer.vocabulary == vectorizer.vocabulary && loaded.singularValues == finished.singularValues)
        #expect(try loaded.project(parts[0]).vectors == finished.project(parts[0]).vectors)
        // A model file is not a basis, and a basis is not a model.
        let modelPath = home.home.modelPath(named: "default")
        try fitted.write(to: modelPath)
        #expect(throws: ZhutiError.self) { try LSABasis.load(path: modelPath) }
        #expect(throws: ZhutiError.self) { try LSAModel.load(path: path) }
    }

    /// A range of rows searched against all documents gives those rows' lists of the whole
    /// all-pairs search, with and without query expansion, and the kept neighbour lists.
    @Test func rowRangesGiveTheWholeTablesLists() throws {
        let home = Corpus.Home("partitioned-rows")
        defer { home.remove() }
        let model = try Corpus.fit(try Corpus.library(in: home))
        let index = SimilarityIndex(model: model)
        let n = model.documentCount
        let ranges = [0..<4, 4..<5, 5..<11, 11..<n]
        for expansion in [QueryExpansion.standard, nil] {
            let whole = index.rankedForAll(k: 5, expansion: expansion)
            let pieces = ranges.flatMap { index.rankedForAll(k: 5, expansion: expansion, rows: $0) }
            #expect(pieces == whole)
        }
        let lists = try #require(model.neighbourLists)
        #expect(ranges.flatMap { model.neighbourListRows($0, width: lists.width) } == lists.indices)
    }

    @Test func npyArraysRoundTripAndRefuseWhatTheyAreNot() throws {
        let folder = NSTemporaryDirectory() + "zhuti-npy-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let floats = try NPYArray<Float>(shape: [2, 3], values: [1, 2, 3, 4, 5, -6.5])
        let bytes = floats.encoded()
        // NumPy's layout: the values start on a 64-byte boundary after a newline-ended header.
        #expect((bytes.count - 24) % 64 == 0 && bytes[bytes.count - 25] == 0x0A)
        try floats.write(to: folder + "/a.npy")
        let back = try NPYArray<Float>.read(path: folder + "/a.npy")
        #expect(back.shape == [2, 3] && back.values == floats.values)
        let keys = try NPYArray<UInt64>(shape: [3], values: [0, 1 << 63, 7])
        try keys.write(to: folder + "/k.npy")
        #expect(try NPYArray<UInt64>.read(path: folder + "/k.npy").values == keys.values)
        // The wrong element type, a cut file and a non-array are refused, naming the file.
        #expect(throws: ZhutiError.self) { try NPYArray<Double>.read(path: folder + "/a.npy") }
        FileManager.default.createFile(atPath: folder + "/cut.npy", contents: Data(bytes.dropLast(3)))
        #expect(throws: ZhutiError.self) { try NPYArray<Float>.read(path: folder + "/cut.npy") }
        FileManager.default.createFile(atPath: folder + "/text.npy", contents: Data("not numpy".utf8))
        #expect(throws: ZhutiError.self) { try NPYArray<Float>.read(path: folder + "/text.npy") }
        #expect(throws: ZhutiError.self) { try NPYArray<Float>(shape: [2, 2], values: [1]) }
    }
}

/// Issue 15, stage 6: themes clustered in partitions are the themes of one machine.
@Suite struct PartitionedThemesTests {
    typealias Corpus = IntegrationCorpus

    /// A model whose document vectors are `vectors` (unit rows, planted clusters), around
    /// the integration corpus's vocabulary (themes read only the vectors and σ).
    static func model(vectors: [Float], dims: Int, singularValues: [Float], base: LSAModel) -> LSAModel {
        let n = vectors.count / dims
        var parameters = base.info.parameters
        parameters.dimensions = dims
        let info = LSAModelInfo(formatVersion: LSAModelInfo.currentFormatVersion, parameters: parameters, documentCount: n,
                                termCount: base.info.termCount, dimensions: dims, nonZeros: 0, foldedInCount: 0, corpusFingerprint: "test")
        return LSAModel(info: info, vectorizer: base.vectorizer, singularValues: singularValues,
                        termVectors: FloatStorage([Float](repeating: 0, count: base.info.termCount * dims)),
                        documentIDs: (0..<n).map { String(format: "a%05d", $0) }, documentVectors: FloatStorage(vectors))
    }

    /// Unit rows around `topics` random centres plus a shared direction, with some strays.
    static func planted(n: Int, dims: Int, topics: Int, seed: UInt64) -> [Float] {
        var g = SplitMix64(seed: seed)
        func uniform() -> Float { Float(Double(g.next() >> 11) * 0x1p-53) * 2 - 1 }
        let centres = (0..<topics).map { _ in (0..<dims).map { _ in uniform() } }
        var out: [Float] = []
        for row in 0..<n {
            var v = (0..<dims).map { j in (row % 7 == 0 ? 0 : centres[row % topics][j]) + 0.35 * uniform() }
            v[0] += 2.5  // the direction every article shares
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            out += v.map { $0 / norm }
        }
        return out
    }

    /// The driver's loop over partitions `ranges`, as scripts/spark runs it.
    static func partitioned(_ model: LSAModel, options: ClusteringOptions, ranges: [Range<Int>]) throws -> (PartitionedThemes, Clustering) {
        var themes = try PartitionedThemes(documents: model.documentCount, modelDimensions: model.dimensions, options: options)
        var states = ranges.map { PartitionedThemes.RowState(rows: $0.count) }
        var steps = 0
        while themes.phase != .done {
            var shares: [PartitionedThemes.Share] = []
            for (index, range) in ranges.enumerated() { shares.append(try themes.share(of: model, rows: range, state: &states[index])) }
            // Shares travel as JSON between the partitions and the driver.
            let travelled = try shares.map { try JSONDecoder().decode(PartitionedThemes.Share.self, from: JSONEncoder().encode($0)) }
            try themes.advance(with: travelled)
            themes = try JSONDecoder().decode(PartitionedThemes.self, from: JSONEncoder().encode(themes))
            steps += 1
            #expect(steps < 200)
        }
        let packed = states.flatMap(\.packed)
        return (themes, try themes.clustering(rows: try PartitionedThemes.RowState(packed: packed)))
    }

    @Test(arguments: [(ThemeCount.fixed(5), UInt64(1)), (ThemeCount.auto, UInt64(2))])
    func partitionedThemesAreOneMachinesThemes(k: ThemeCount, seed: UInt64) throws {
        let home = Corpus.Home("partitioned-themes")
        defer { home.remove() }
        let base = try Corpus.fit(try Corpus.library(in: home))
        let dims = 24, n = 900
        let model = Self.model(vectors: Self.planted(n: n, dims: dims, topics: 5, seed: seed), dims: dims,
                               singularValues: [Float](repeating: 1, count: dims), base: base)
        let options = ClusteringOptions(k: k, minSize: 4, seed: 42)
        let single = try ThemeClusterer.cluster(vectors: model.documentVectors(singularValueExponent: 1), dims: dims, options: options)
        let (themes, clustering) = try Self.partitioned(model, options: options, ranges: [0..<250, 250..<251, 251..<700, 700..<n])
        let removed = single.commonComponentRemoved
        #expect(removed, "the planted shared direction is removed")
        #expect(themes.k == single.requestedK)
        #expect(clustering.k == single.clustering.k && clustering.k >= 3)
        #expect(clustering.assignments == single.clustering.assignments)
        #expect(clustering.nearest == single.clustering.nearest)
        for (a, b) in zip(clustering.scores, single.clustering.scores) { #expect(abs(a - b) < 1e-4) }
    }

    /// The report from partitions is the report `zhuti themes` makes of the same model.
    @Test func partitionedReportIsTheCLIReport() throws {
        let home = Corpus.Home("partitioned-report")
        defer { home.remove() }
        let library = try Corpus.library(in: home)
        let model = try Corpus.fit(library)
        let (cli, articles) = try ThemeReportBuilder.build(model: model, library: library, k: .fixed(3))
        let options = ClusteringOptions(k: .fixed(3), minSize: ClusteringOptions.defaultMinSize(articleCount: model.documentCount))
        let (themes, clustering) = try Self.partitioned(model, options: options, ranges: [0..<6, 6..<model.documentCount])
        let rows = PartitionedThemes.labelRows(of: clustering)
        let normalized = try library.normalizedTexts()
        let texts = Dictionary(uniqueKeysWithValues: rows.map { ($0, normalized[articles[$0].id]!) })
        let report = try themes.report(clustering, articles: articles, labelTexts: texts)
        #expect(report == cli)
        #expect(throws: ZhutiError.self) { try themes.report(clustering, articles: articles, labelTexts: [:]) }
    }
}
