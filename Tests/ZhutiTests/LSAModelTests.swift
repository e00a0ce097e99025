import Foundation
import Testing
@testable import Zhuti

/// Issue 3: the LSA model fitted on a real library, its file, and folding in.
@Suite struct LSAModelTests {
    typealias Corpus = IntegrationCorpus

    @Test func fitIsDeterministicToTheByte() throws {
        let home = Corpus.Home("lsa-determinism")
        defer { home.remove() }
        let library = try Corpus.library(in: home)
        let first = try Corpus.fit(library), second = try Corpus.fit(library)
        let a = home.home.modelPath(named: "a"), b = home.home.modelPath(named: "b")
        try first.write(to: a)
        try second.write(to: b)
        let bytesA = try #require(FileManager.default.contents(atPath: a))
        let bytesB = try #require(FileManager.default.contents(atPath: b))
        #expect(bytesA.count > 1000)
        #expect(bytesA == bytesB)
        // A different seed is a different model file (the seed is stored, so at least META differs).
        var other = Corpus.parameters
        other.seed = 8
        let c = home.home.modelPath(named: "c")
        try Corpus.fit(library, parameters: other).write(to: c)
        #expect(FileManager.default.contents(atPath: c) != bytesA)
    }

    @Test func modelFileRoundTrips() throws {
        let home = Corpus.Home("lsa-roundtrip")
        defer { home.remove() }
        let library = try Corpus.library(in: home)
        let model = try Corpus.fit(library)
        let path = home.home.modelPath(named: "default")
        try model.write(to: path)
        let loaded = try LSAModel.load(path: path)

        #expect(loaded.info == model.info)
        #expect(loaded.info.documentCount == Corpus.articleCount)
        #expect(loaded.info.dimensions == 6)
        #expect(loaded.info.corpusFingerprint == (try library.fingerprint()))
        #expect(loaded.documentIDs == model.documentIDs)
        #expect(loaded.documentIDs == (try Corpus.ids(of: library)))
        #expect(loaded.singularValues == model.singularValues)
        #expect(Array(loaded.documentVectors.buffer) == Array(model.documentVectors.buffer))
        #expect(Array(loaded.termVectors.buffer) == Array(model.termVectors.buffer))
        let vocabulary = loaded.vectorizer.vocabulary, original = model.vectorizer.vocabulary
        #expect(vocabulary.terms == original.terms)
        #expect(vocabulary.keys == original.keys)
        #expect(vocabulary.idf == original.idf)
        #expect(vocabulary.documentFrequency == original.documentFrequency)
        #expect(vocabulary.terms.contains("招商引"))
        #expect(vocabulary.terms.contains("巡视"))
        // The loaded model folds text in exactly as the fitted one.
        let text = TextNormalizer.normalize("推进长江生态治理，落实河湖长制")
        #expect(loaded.foldIn(normalizedText: text) == model.foldIn(normalizedText: text))
    }

    @Test func foldingInACorpusDocumentReproducesItsStoredVector() throws {
        let home = Corpus.Home("lsa-foldin")
        defer { home.remove() }
        let library = try Corpus.library(in: home)
        let model = try Corpus.fit(library)
        for article in try library.articles() {
            let position = try #require(model.index(of: article.id))
            let stored = model.documentVector(position)
            let folded = try #require(model.foldIn(normalizedText: article.normalized))
            let gap = zip(stored, folded).map { abs($0 - $1) }.max() ?? 1
            #expect(gap < 1e-5, "fold-in of \(article.id) differs from its stored vector by \(gap)")
        }
    }

    @Test func documentVectorsHaveUnitLength() throws {
        let home = Corpus.Home("lsa-unit")
        defer { home.remove() }
        let model = try Corpus.fit(try Corpus.library(in: home))
        #expect(model.documentVectors.buffer.count == Corpus.articleCount * model.dimensions)
        for row in 0..<model.documentCount {
            let norm = model.documentVector(row).reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-5, "row \(row) has norm \(norm)")
        }
        // Singular values come sorted, largest first, and positive.
        #expect(model.singularValues.count == 6)
        #expect(zip(model.singularValues, model.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(model.singularValues.allSatisfy { $0 > 0 })
    }

    @Test func commonDimensionIsLeftOutAndVectorsReweightToTheClassicProjection() throws {
        let home = Corpus.Home("lsa-weighting")
        defer { home.remove() }
        let library = try Corpus.library(in: home)
        var search = Corpus.parameters, classic = Corpus.parameters, kept = Corpus.parameters
        search.singularValueExponent = 1.5
        search.dropsCommonComponent = true
        classic.singularValueExponent = 1
        classic.dropsCommonComponent = true
        kept.singularValueExponent = 1
        kept.dropsCommonComponent = false
        let a = try Corpus.fit(library, parameters: search)
        let b = try Corpus.fit(library, parameters: classic)
        let c = try Corpus.fit(library, parameters: kept)
        // Left out: the first coordinate is zero in every stored and folded-in vector.
        for row in 0..<a.documentCount { #expect(a.documentVector(row)[0] == 0) }
        let article = try #require(try library.articles().first)
        #expect(try #require(a.foldIn(normalizedText: article.normalized))[0] == 0)
        #expect((0..<c.documentCount).contains { c.documentVector($0)[0] != 0 })
        // Re-weighting the Σ^1.5 vectors to Σ^1 gives the Σ^1 model's vectors (what themes cluster).
        let reweighted = a.documentVectors(singularValueExponent: 1)
        let gap = zip(reweighted, Array(b.documentVectors.buffer)).map { abs($0 - $1) }.max() ?? 1
        #expect(gap < 1e-4, "re-weighted vectors differ by \(gap)")
        #expect(a.documentVectors(singularValueExponent: 1.5) == Array(a.documentVectors.buffer))
        // Out of range is refused in one line.
        let absurd = #expect(throws: ZhutiError.self) { try LSAParameters(singularValueExponent: 5).validated() }
        #expect(absurd?.kind == .badOption)
        #expect(absurd?.message == "the singular value exponent must be between 0 and 3")
    }

    @Test func randomizedSingularValuesMatchExactSVD() throws {
        let home = Corpus.Home("lsa-exact")
        defer { home.remove() }
        let library = try Corpus.library(in: home)
        let model = try Corpus.fit(library)
        let (_, matrix) = try library.snapshot { try TfidfVectorizer.fit($0, options: Corpus.parameters.vectorizer) }
        #expect(matrix.rows == Corpus.articleCount)
        #expect(matrix.columns == model.info.termCount)
        let exact = try ExactSVD.fit(matrix, rank: 6)
        #expect(exact.singularValues.count == model.singularValues.count)
        for (approximate, reference) in zip(model.singularValues, exact.singularValues) {
            #expect(abs(approximate - reference) <= 1e-3 * reference, "σ \(approximate) vs exact \(reference)")
        }
    }

    @Test func corruptOrTruncatedModelIsRefused() throws {
        let home = Corpus.Home("lsa-corrupt")
        defer { home.remove() }
        let model = try Corpus.fit(try Corpus.library(in: home))
        let path = home.home.modelPath(named: "default")
        try model.write(to: path)
        let good = try #require(FileManager.default.contents(atPath: path))

        func expectCorrupt(_ bytes: Data, _ what: String) throws {
            let broken = home.home.path + "/broken.zhuti"
            try bytes.write(to: URL(fileURLWithPath: broken))
            let error = #expect(throws: ZhutiError.self, "\(what) should be refused") { try LSAModel.load(path: broken) }
            #expect(error?.kind == .corruptModel, "\(what): \(String(describing: error))")
            #expect(error?.file == broken)
            #expect(error?.description.contains("\n") == false)
        }
        try expectCorrupt(good.prefix(good.count / 2), "a model cut in half")
        try expectCorrupt(good.prefix(good.count - 1), "a model missing its last byte")
        try expectCorrupt(good.prefix(10), "a ten-byte stub")
        try expectCorrupt(Data(), "an empty file")
        try expectCorrupt(Data("this is not a model, just text that happens to be long enough".utf8), "a text file")
        var flipped = good
        flipped[good.count - 20] ^= 0xFF // inside the document vectors
        try expectCorrupt(flipped, "a flipped byte in the document vectors")
        var header = good
        header[3] ^= 0x01
        try expectCorrupt(header, "bad magic bytes")

        let missing = #expect(throws: ZhutiError.self) { try LSAModel.load(path: home.home.path + "/nope.zhuti") }
        #expect(missing?.kind == .notFound)
    }

    @Test func absurdOptionsAreBadOptionsWithClearMessages() throws {
        let home = Corpus.Home("lsa-options")
        defer { home.remove() }
        let library = try Corpus.library(in: home)
        let ids = try Corpus.ids(of: library)

        func fitError(_ parameters: LSAParameters) -> ZhutiError? {
            #expect(throws: ZhutiError.self) {
                try LSAModel.fit(library: library) { _ in parameters }
            }
        }
        let zero = fitError(LSAParameters(dimensions: 0))
        #expect(zero?.kind == .badOption)
        #expect(zero?.description == "dims must be at least 1 (got 0)")

        let tooMany = fitError(LSAParameters(dimensions: 100))
        #expect(tooMany?.kind == .badOption)
        #expect(tooMany?.description.contains("dims 100 is more than the 14 documents") == true, "\(String(describing: tooMany))")
        #expect(tooMany?.description.contains("use dims 13 or fewer") == true)
        #expect(tooMany?.description(naming: { "--" + $0.rawValue }).contains("use --dims 13 or fewer") == true)

        let absurd = fitError(LSAParameters(dimensions: 100_000))
        #expect(absurd?.kind == .badOption)
        #expect(absurd?.description.contains("dims 100000") == true)

        let reversed = #expect(throws: ZhutiError.self) { try VectorizerOptions(minN: 3, maxN: 1).validated() }
        #expect(reversed?.kind == .badOption)
        #expect(reversed?.description == "ngrams 3-1: the lower bound exceeds the upper")
        let viaFit = fitError(LSAParameters(vectorizer: VectorizerOptions(minN: 3, maxN: 1), dimensions: 4))
        #expect(viaFit?.kind == .badOption)
        #expect(viaFit?.description.contains("ngrams 3-1") == true)

        for error in [zero, tooMany, absurd, reversed, viaFit] {
            #expect(error?.description.contains("\n") == false)
        }
        // Nothing to fit is bad input, not a crash.
        let empty = #expect(throws: ZhutiError.self) {
            try LSAModel.fit(documents: InMemoryDocuments([]), ids: [], parameters: LSAParameters(dimensions: 2), corpusFingerprint: "")
        }
        #expect(empty?.kind == .badInput)
    }

    @Test func appendingFoldsInArticlesAddedAfterTheBuild() throws {
        let home = Corpus.Home("lsa-append")
        defer { home.remove() }
        let library = try Corpus.library(in: home)
        let model = try Corpus.fit(library)
        let newText = TextNormalizer.normalize("""
            荆州经开区招商引资再传捷报，三个新材料项目集中签约，总投资额八十亿元。开发区将强化项目服务，优化营商环境，推动签约项目早开工。
            """)
        let replacementText = TextNormalizer.normalize("市纪委监委督促各地抓好巡视整改，对照巡视反馈问题逐条整改。")
        let replacedID = model.documentIDs[0]
        let appended = try model.appending(ids: ["late-001", replacedID], normalizedTexts: [newText, replacementText])

        #expect(appended.documentCount == Corpus.articleCount + 1)
        #expect(appended.info.foldedInCount == 1)
        #expect(appended.documentIDs.last == "late-001")
        #expect(Array(appended.documentIDs.prefix(Corpus.articleCount)) == model.documentIDs)
        let position = try #require(appended.index(of: "late-001"))
        #expect(appended.documentVector(position) == model.foldIn(normalizedText: newText))
        #expect(appended.documentVector(0) == model.foldIn(normalizedText: replacementText))
        // Untouched documents keep their vectors.
        for row in 1..<Corpus.articleCount {
            #expect(appended.documentVector(row) == model.documentVector(row))
        }
        // The new article sits with its campaign.
        let nearest = SimilarityIndex(model: appended).nearest(to: appended.documentVector(position), k: 3, allowed: { $0 != position })
        let topics = Corpus.topicOf
        for entry in nearest {
            #expect(topics[appended.documentIDs[entry.index]] == .investment, "neighbour \(appended.documentIDs[entry.index])")
        }
        // The grown model survives its file, keeping the fitted vocabulary's document count.
        let path = home.home.modelPath(named: "grown")
        try appended.write(to: path)
        let loaded = try LSAModel.load(path: path)
        #expect(loaded.documentIDs == appended.documentIDs)
        #expect(loaded.info.foldedInCount == 1)
        #expect(loaded.vectorizer.vocabulary.idf == model.vectorizer.vocabulary.idf)
        #expect(loaded.foldIn(normalizedText: newText) == model.foldIn(normalizedText: newText))
    }
}

/// `zhuti topics`: each end of a latent dimension lists distinct words, not fragments of one.
@Suite struct LatentTopicsTests {
    @Test func fragmentsFoldIntoTheLongerNGramThatContainsThem() {
        // 华社 ranks first, 新华社 (containing it and 新华) later: it takes 华社's place.
        let ranked = ["华社", "选举", "新华", "新华社", "冷空", "冷空气", "空气", "政协", "主席"]
        #expect(LatentTopics.distinct(ranked, count: 4) == ["新华社", "选举", "冷空气", "政协"])
        #expect(LatentTopics.distinct(ranked, count: 2) == ["新华社", "选举"])
        #expect(LatentTopics.distinct(["经济", "发展"], count: 5) == ["经济", "发展"])
        #expect(LatentTopics.distinct([], count: 3).isEmpty)
        // Overlaps of two characters join, in either order and in chains; one character does not.
        let seeds = ["会议", "平总书", "近平总", "总书记", "志愿服", "习近平", "愿服务", "项目建", "议事", "目建设"]
        #expect(LatentTopics.distinct(seeds, count: 4) == ["会议", "习近平总书记", "志愿服务", "项目建设"])
        #expect(LatentTopics.distinct(["近平总书", "习近平", "平总"], count: 3) == ["习近平总书"])
        // A join can make another listed entry overlap the grown one: it is absorbed, not repeated.
        #expect(LatentTopics.distinct(["志愿服", "服务工", "愿服务", "政协"], count: 3) == ["志愿服务工", "政协"])
    }

    @Test func topicsOfARealModelListNoTermInsideAnother() throws {
        let home = IntegrationCorpus.Home("topics")
        defer { home.remove() }
        let model = try IntegrationCorpus.fit(try IntegrationCorpus.library(in: home))
        let topics = LatentTopics.describe(model, terms: 8)
        #expect(topics.count == model.dimensions)
        for topic in topics {
            for end in [topic.positive, topic.negative] {
                #expect(end.count <= 8)
                for (i, a) in end.enumerated() {
                    for (j, b) in end.enumerated() where i != j { #expect(!a.contains(b), "\(a) contains \(b)") }
                }
            }
            #expect(topic.positive.count + topic.negative.count > 0)
        }
    }
}
