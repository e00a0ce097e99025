import Testing
@testable import Zhuti

@Suite struct VectorizeTokenizerTests {
    @Test func cjkCharactersAreUnits() {
        #expect(NGramTokenizer(minN: 1, maxN: 3).ngrams(in: "中国人") == ["中", "国", "人", "中国", "国人", "中国人"])
        #expect(NGramTokenizer(minN: 2, maxN: 2).ngrams(in: "中国人") == ["中国", "国人"])
    }

    @Test func latinRunIsOneUnitNextToCJK() {
        #expect(NGramTokenizer(minN: 1, maxN: 3).ngrams(in: "gdp增长")
            == ["gdp", "增", "长", "gdp增", "增长", "gdp增长"])
    }

    @Test func digitRunIsOneUnit() {
        #expect(NGramTokenizer(minN: 1, maxN: 2).ngrams(in: "2025年") == ["2025", "年", "2025年"])
        // Letters and digits are different runs, so "a1b" is three units.
        #expect(NGramTokenizer(minN: 1, maxN: 3).ngrams(in: "a1b") == ["a", "1", "b", "a1", "1b", "a1b"])
        // A decimal point separates.
        #expect(NGramTokenizer(minN: 1, maxN: 3).ngrams(in: "3.5%") == ["3", "5"])
    }

    @Test func punctuationWhitespaceAndLineBreaksSeparate() {
        let grams = NGramTokenizer(minN: 1, maxN: 3).ngrams(in: "中国，人民\n日报 好。")
        #expect(grams == ["中", "国", "人", "民", "日", "报", "好", "中国", "人民", "日报"])
        for separator in ["，", "\n", " ", "。"] {
            #expect(!grams.contains { $0.contains(separator) })
        }
        #expect(NGramTokenizer(minN: 1, maxN: 3).ngrams(in: "，。 \n").isEmpty)
        #expect(NGramTokenizer(minN: 1, maxN: 3).ngrams(in: "").isEmpty)
    }

    @Test func streamingOrderIsByLastUnit() {
        var keys: [NGramKey] = []
        NGramTokenizer(minN: 1, maxN: 2).forEachNGram(in: "中国人") { keys.append($0) }
        #expect(keys.map { $0.decodedString } == ["中", "国", "中国", "人", "国人"])
    }

    @Test func packedKeysHoldTheirCharacters() throws {
        let key = try #require(NGramKey("中国"))
        #expect(key.rawValue == (0x4E2D << 21) | 0x56FD)
        #expect(key.isPacked)
        #expect(key.decodedString == "中国")
        #expect(NGramKey("中")?.rawValue == 0x4E2D)
        #expect(NGramKey("中国人")?.rawValue == (0x4E2D << 42) | (0x56FD << 21) | 0x4EBA)
        // Single characters sort before bigrams, bigrams before trigrams.
        #expect(try #require(NGramKey("龥")) < key)
        #expect(key < (try #require(NGramKey("一一一"))))
    }

    @Test func runsAndLongNGramsAreHashed() throws {
        let gdp = try #require(NGramKey("gdp"))
        #expect(!gdp.isPacked)
        #expect(gdp.decodedString == nil)
        let four = try #require(NGramKey("中国人民"))
        #expect(!four.isPacked)
        #expect(NGramKey("gdp") == gdp)  // fixed constants, not a per-process seed
        #expect(NGramKey("gdq") != gdp)
        #expect(NGramKey("gdp增") != NGramKey("gdp"))
        // A one-letter Latin run is one scalar, so it packs like any character.
        #expect(NGramKey("x")?.rawValue == 0x78)
    }

    @Test func nonNGramsHaveNoKey() {
        #expect(NGramKey("") == nil)
        #expect(NGramKey("中 国") == nil)
        #expect(NGramKey("，") == nil)
        #expect(NGramKey("一二三四五六") == nil)  // six units, more than any n-gram
    }

    /// Every emitted key equals the key of the emitted string, and packed keys decode to it.
    @Test func keysRoundTripThroughStrings() throws {
        let text = "2025年gdp增长6.5%，中国人民银行\n宣布:a1b日本語のテキスト é tudes"
        for (minN, maxN) in [(1, 3), (1, 5), (4, 5)] {
            let tokenizer = NGramTokenizer(minN: minN, maxN: maxN)
            var streamed: [UInt64] = []
            tokenizer.forEachNGram(in: text) { streamed.append($0.rawValue) }
            let strings = tokenizer.ngrams(in: text)
            #expect(strings.count == streamed.count)
            var fromStrings: [UInt64] = []
            for string in strings {
                let key = try #require(NGramKey(string))
                fromStrings.append(key.rawValue)
                if key.isPacked { #expect(key.decodedString == string) }
            }
            #expect(fromStrings.sorted() == streamed.sorted())
        }
    }

    @Test func boundsAreClamped() {
        let tokenizer = NGramTokenizer(minN: 0, maxN: 99)
        #expect(tokenizer.minN == 1)
        #expect(tokenizer.maxN == VectorizerOptions.longestSupportedN)
        #expect(NGramTokenizer(minN: 3, maxN: 1).maxN == 3)
    }
}
