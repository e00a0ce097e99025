import Foundation
import Testing
@testable import Zhuti

@Suite struct VectorizeTfidfTests {
    /// d0 = 中国中国, d1 = 中国人, d2 = 人民. With 1-2 grams:
    /// d0: 中×2 国×2 中国×2 国中×1;  d1: 中 国 人 中国 国人;  d2: 人 民 人民.
    /// df: 中 2, 国 2, 人 2, 中国 2, 民 1, 国中 1, 国人 1, 人民 1.
    static let corpus = ["中国中国", "中国人", "人民"]
    static let everything = VectorizerOptions(minN: 1, maxN: 2, minDF: 1, maxDF: 1, maxTerms: nil)

    static func row(_ matrix: SparseMatrix, _ r: Int) -> (indices: [Int32], values: [Float]) {
        let range = matrix.rowStarts[r]..<matrix.rowStarts[r + 1]
        return (Array(matrix.columnIndices[range]), Array(matrix.values[range]))
    }

    static func fit(_ texts: [String], _ options: VectorizerOptions, batchSize: Int = 2048, chunkBytes: Int = 1 << 20)
        throws -> (TfidfVectorizer, SparseMatrix)
    {
        try TfidfVectorizer.fit(
            InMemoryDocuments(texts, batchSize: batchSize), options: options, progress: nil, chunkBytes: chunkBytes)
    }

    @Test func weightsMatchHandComputedValues() throws {
        let (vectorizer, matrix) = try Self.fit(Self.corpus, Self.everything)
        let vocabulary = vectorizer.vocabulary
        // Ascending key: single characters by code point (中 4E2D, 人 4EBA, 国 56FD, 民 6C11),
        // then bigrams by first then second character.
        #expect(vocabulary.terms == ["中", "人", "国", "民", "中国", "人民", "国中", "国人"])
        #expect(vocabulary.documentFrequency == [2, 2, 2, 1, 2, 1, 1, 1])
        #expect(vocabulary.documentCount == 3)

        let idf1 = log(4.0 / 2.0) + 1  // ln((1 + n) / (1 + df)) + 1 with n = 3, df = 1
        let idf2 = log(4.0 / 3.0) + 1  // df = 2
        let expectedIDF = [idf2, idf2, idf2, idf1, idf2, idf1, idf1, idf1]
        for (got, want) in zip(vocabulary.idf, expectedIDF) { #expect(abs(Double(got) - want) < 1e-6) }

        let tf2 = 1 + log(2.0)  // sublinear tf for a count of 2
        // d0: 中(0) tf 2, 国(2) tf 2, 中国(4) tf 2, 国中(6) tf 1.
        let d0 = [tf2 * idf2, tf2 * idf2, tf2 * idf2, 1 * idf1]
        // d1: 中(0) 人(1) 国(2) 中国(4) 国人(7), each tf 1.
        let d1 = [idf2, idf2, idf2, idf2, idf1]
        // d2: 人(1) 民(3) 人民(5).
        let d2 = [idf2, idf1, idf1]
        let expected: [([Int32], [Double])] = [([0, 2, 4, 6], d0), ([0, 1, 2, 4, 7], d1), ([1, 3, 5], d2)]

        #expect(matrix.rows == 3)
        #expect(matrix.columns == 8)
        for (r, (indices, raw)) in expected.enumerated() {
            let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let row = Self.row(matrix, r)
            #expect(row.indices == indices)
            #expect(row.values.count == raw.count)
            for (got, want) in zip(row.values, raw.map { $0 / norm }) { #expect(abs(Double(got) - want) < 1e-6) }
        }
    }

    @Test func minDFPrunes() throws {
        var options = Self.everything
        options.minDF = 2
        let (vectorizer, matrix) = try Self.fit(Self.corpus, options)
        #expect(vectorizer.vocabulary.terms == ["中", "人", "国", "中国"])
        // d2 keeps only 人, so its normalised weight is exactly 1.
        #expect(Self.row(matrix, 2).indices == [1])
        #expect(Self.row(matrix, 2).values == [1])
    }

    @Test func maxDFPrunesByFractionOfDocuments() throws {
        var options = Self.everything
        options.maxDF = 0.5  // df <= 1.5 of 3 documents
        let (vectorizer, _) = try Self.fit(Self.corpus, options)
        #expect(vectorizer.vocabulary.terms == ["民", "人民", "国中", "国人"])
        options.maxDF = 2.0 / 3.0  // df <= 2: everything
        #expect(try Self.fit(Self.corpus, options).0.vocabulary.count == 8)
    }

    @Test func maxTermsKeepsHighestDFThenSmallestKey() throws {
        var options = Self.everything
        options.maxTerms = 5
        // The four df-2 terms, then of the df-1 terms the smallest key: 民 (single characters first).
        #expect(try Self.fit(Self.corpus, options).0.vocabulary.terms == ["中", "人", "国", "民", "中国"])
        options.maxTerms = 2
        #expect(try Self.fit(Self.corpus, options).0.vocabulary.terms == ["中", "人"])
    }

    @Test func pruningEverythingIsAnError() {
        var options = Self.everything
        options.minDF = 4
        #expect {
            _ = try Self.fit(Self.corpus, options)
        } throws: { error in
            (error as? ZhutiError)?.kind == .badOption
                && (error as? ZhutiError)?.description.contains("min-df 4") == true
        }
    }

    @Test func emptyCorpusIsAnError() {
        #expect {
            _ = try Self.fit([], Self.everything)
        } throws: { error in
            (error as? ZhutiError) == ZhutiError(.badInput, "no documents to vectorize")
        }
    }

    @Test func documentWithoutKnownNGramsIsAnEmptyRow() throws {
        let (vectorizer, matrix) = try Self.fit(["中国", "，。", "国"], Self.everything)
        #expect(Self.row(matrix, 1).indices.isEmpty)
        #expect(vectorizer.transform("民主").indices.isEmpty)
        #expect(vectorizer.transform("").values.isEmpty)
    }

    @Test func hashedTermsGetTheirText() throws {
        let texts = ["gdp增长2025年", "gdp下降，2025年", "中国gdp"]
        let (vectorizer, _) = try Self.fit(texts, VectorizerOptions(minN: 1, maxN: 3, minDF: 2, maxDF: 1, maxTerms: nil))
        let terms = vectorizer.vocabulary.terms
        #expect(Set(terms) == ["gdp", "2025", "年", "2025年"])
        // Packed terms (年) come before hashed ones.
        #expect(terms.first == "年")
        for (i, term) in terms.enumerated() { #expect(vectorizer.vocabulary.index(of: term) == i) }
        #expect(vectorizer.vocabulary.index(of: "增长") == nil)
        #expect(vectorizer.vocabulary.index(of: "g dp") == nil)
    }

    /// A corpus big enough to grow every table and, with small chunks, to use every worker.
    static func syntheticCorpus(documents: Int, length: Int) -> [String] {
        var state: UInt64 = 42
        func next() -> UInt64 {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let pieces = ["，", "。", "\n", "gdp", "2025", "年", "a", "x1"]
        return (0..<documents).map { _ in
            var text = ""
            for _ in 0..<length {
                let roll = next() % 100
                if roll < 6 {
                    text += pieces[Int(next() % UInt64(pieces.count))]
                } else {
                    // Zipf-like: small offsets much more often, so many n-grams repeat.
                    let offset = (next() % 40) * (next() % 40) / 4
                    text.unicodeScalars.append(Unicode.Scalar(UInt32(0x4E00 + offset))!)
                }
            }
            return text
        }
    }

    /// 1,000 columns sort rows in one radix pass, an unlimited vocabulary in two.
    @Test(arguments: [1_000, nil] as [Int?])
    func rowsAreUnitLengthWithAscendingColumns(maxTerms: Int?) throws {
        let texts = Self.syntheticCorpus(documents: 40, length: 1200)
        let (_, matrix) = try Self.fit(texts, VectorizerOptions(minDF: 2, maxDF: 0.9, maxTerms: maxTerms))
        #expect(matrix.rows == 40)
        #expect(matrix.columns == maxTerms ?? matrix.columns)
        #expect(matrix.columns > 2048 || maxTerms != nil)
        for r in 0..<matrix.rows {
            let row = Self.row(matrix, r)
            #expect(row.indices.count > 64)  // long enough to take the radix sort
            #expect(zip(row.indices, row.indices.dropFirst()).allSatisfy { $0 < $1 })
            #expect(row.indices.allSatisfy { $0 >= 0 && Int($0) < matrix.columns })
            let norm = row.values.reduce(0.0) { $0 + Double($1) * Double($1) }
            #expect(abs(norm - 1) < 1e-5)
        }
    }

    @Test func fittingIsDeterministicAcrossBatchesAndChunks() throws {
        let texts = Self.syntheticCorpus(documents: 40, length: 1200)
        let options = VectorizerOptions(minN: 1, maxN: 4, minDF: 2, maxDF: 0.8, maxTerms: 10_000)
        let (a, matrixA) = try Self.fit(texts, options)
        let (b, matrixB) = try Self.fit(texts, options, batchSize: 7, chunkBytes: 5000)
        #expect(a.vocabulary.count == 10_000)
        #expect(a.vocabulary == b.vocabulary)
        #expect(matrixA == matrixB)
    }

    @Test func transformReproducesFittedRows() throws {
        let texts = Self.syntheticCorpus(documents: 30, length: 1500) + Self.corpus
        let (vectorizer, matrix) = try Self.fit(texts, VectorizerOptions(minDF: 2, maxDF: 0.9), chunkBytes: 3000)
        for (r, text) in texts.enumerated() {
            let row = vectorizer.transform(text)
            let stored = Self.row(matrix, r)
            #expect(row.indices == stored.indices)
            #expect(row.values == stored.values)
        }
        #expect(vectorizer.transform(texts) == matrix)
    }

    @Test func rebuiltVectorizerWeighsTheSame() throws {
        let texts = Self.syntheticCorpus(documents: 20, length: 1000)
        let (vectorizer, matrix) = try Self.fit(texts, VectorizerOptions(minDF: 2, maxDF: 1))
        let stored = vectorizer.vocabulary
        #expect(stored.index(of: "gdp") != nil)  // hashed terms are rebuilt from their text too
        let vocabulary = try Vocabulary(
            terms: stored.terms, documentFrequency: stored.documentFrequency, idf: stored.idf,
            documentCount: stored.documentCount)
        #expect(vocabulary == stored)
        let fromKeys = try Vocabulary(
            terms: stored.terms, termKeys: stored.termKeys, documentFrequency: stored.documentFrequency,
            idf: stored.idf, documentCount: stored.documentCount)
        #expect(fromKeys == stored)
        #expect(fromKeys.termKeys == vocabulary.termKeys)
        #expect(fromKeys.index(of: "gdp") == stored.index(of: "gdp"))
        let rebuilt = TfidfVectorizer(options: vectorizer.options, vocabulary: vocabulary)
        #expect(rebuilt.transform(texts) == matrix)
    }

    @Test func inconsistentStoredVocabularyIsRefused() {
        func kind(_ terms: [String], _ df: [Int32], _ idf: [Float]) -> ZhutiError.Kind? {
            do {
                _ = try Vocabulary(terms: terms, documentFrequency: df, idf: idf, documentCount: 3)
                return nil
            } catch {
                return (error as? ZhutiError)?.kind
            }
        }
        #expect(kind(["中", "国"], [1, 1], [1, 1]) == nil)
        #expect(kind(["中", "国"], [1], [1, 1]) == .corruptModel)
        #expect(kind(["中", "中"], [1, 1], [1, 1]) == .corruptModel)
        #expect(kind(["中 国"], [1], [1]) == .corruptModel)
        #expect(kind([""], [1], [1]) == .corruptModel)
        #expect(throws: ZhutiError.self) {
            _ = try Vocabulary(terms: ["中"], termKeys: [], documentFrequency: [1], idf: [1], documentCount: 3)
        }
    }

    /// A stream that hands out different documents the second time it is read.
    struct ShiftingStream: DocumentStream {
        final class Reads: @unchecked Sendable { var count = 0 }
        let reads = Reads()
        let first: [String]
        let second: [String]
        func forEachBatch(_ body: ([String]) throws -> Void) throws {
            reads.count += 1
            try body(reads.count == 1 ? first : second)
        }
    }

    @Test func streamChangingBetweenPassesIsAnError() {
        // Fewer documents the second time.
        #expect {
            _ = try TfidfVectorizer.fit(ShiftingStream(first: ["中国", "中国人"], second: ["中国"]), options: Self.everything)
        } throws: { error in
            (error as? ZhutiError)?.kind == .badInput && (error as? ZhutiError)?.message.contains("2 documents, then 1") == true
        }
        // As many documents, but a kept hashed n-gram ("gdp") never reappears to give its text.
        #expect {
            _ = try TfidfVectorizer.fit(
                ShiftingStream(first: ["gdp1", "gdp2"], second: ["中国", "中国"]),
                options: VectorizerOptions(minN: 1, maxN: 1, minDF: 2, maxDF: 1, maxTerms: nil))
        } throws: { error in
            (error as? ZhutiError)?.kind == .badInput && (error as? ZhutiError)?.message.contains("n-gram is gone") == true
        }
    }

    struct FailingStream: DocumentStream {
        func forEachBatch(_ body: ([String]) throws -> Void) throws {
            try body(["中国"])
            throw ZhutiError(.io, "database went away")
        }
    }

    @Test func streamErrorsPropagate() {
        #expect(throws: ZhutiError(.io, "database went away")) {
            _ = try TfidfVectorizer.fit(FailingStream(), options: Self.everything)
        }
    }
}
