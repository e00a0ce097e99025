import Testing
@testable import Zhuti

@Suite struct PhrasesTests {
    @Test func overlappingNgramsMergeIntoTheVerbatimPhrase() {
        let ngrams: [(ngram: String, weight: Float)] = [
            ("招商", 1), ("商引", 0.5), ("引资", 1), ("招商引", 0.75), ("生态", 0.25),
        ]
        let phrases = PhraseMerger.phrases(from: ngrams, occurringIn: ["今年招商引资成效显著，生态良好。"], limit: 5)
        #expect(phrases.map(\.phrase) == ["招商引资", "生态"])
        // Sum of the distinct n-grams inside: 1 + 0.5 + 1 + 0.75.
        #expect(phrases.first?.weight == 3.25)
        #expect(phrases.last?.weight == 0.25)
    }

    @Test func adjacentNgramsThatDoNotOverlapStaySeparate() {
        // 招商 and 引资 touch but do not overlap: they stay two phrases.
        let ngrams: [(ngram: String, weight: Float)] = [("招商", 2), ("引资", 1), ("资，", 5)]
        let phrases = PhraseMerger.phrases(from: ngrams, occurringIn: ["招商引资，好"], limit: 5)
        #expect(phrases.map(\.phrase) == ["引资，", "招商"])
    }

    @Test func supportKeepsTheSharedCoreAndDropsFragments() {
        let ngrams: [(ngram: String, weight: Float)] = [
            ("推进", 1), ("进招", 1), ("招商", 1), ("商引", 1), ("引资", 1), ("资工", 1), ("工作", 1), ("招商引资", 1),
        ]
        let texts = ["推进招商引资", "招商引资工作"]
        // Anywhere: the longest run wins and its fragments are dropped.
        let any = PhraseMerger.phrases(from: ngrams, occurringIn: texts, limit: 3)
        #expect(any.map(\.phrase) == ["招商引资工作", "推进招商引资"]) // equal weight and length: code-point order
        // In both texts: only the shared core qualifies.
        let both = PhraseMerger.phrases(from: ngrams, occurringIn: texts, limit: 3, minSupport: 2)
        #expect(both.map(\.phrase) == ["招商引资"])
        #expect(both.first?.weight == 4)
    }

    @Test func limitsAndEmptyInputs() {
        #expect(PhraseMerger.phrases(from: [("招商", 1)], occurringIn: [], limit: 3).isEmpty)
        #expect(PhraseMerger.phrases(from: [], occurringIn: ["招商"], limit: 3).isEmpty)
        #expect(PhraseMerger.phrases(from: [("招商", 1)], occurringIn: ["招商"], limit: 0).isEmpty)
        #expect(PhraseMerger.phrases(from: [("不在", 1)], occurringIn: ["招商"], limit: 3).isEmpty)
        let two = PhraseMerger.phrases(from: [("甲乙", 3), ("丙丁", 2), ("戊己", 1)], occurringIn: ["甲乙 丙丁 戊己"], limit: 2)
        #expect(two.map(\.phrase) == ["甲乙", "丙丁"])
    }
}

@Suite struct PhrasesTrimmingTests {
    @Test func functionCharactersAreTrimmedFromPhraseEnds() {
        let ngrams: [(ngram: String, weight: Float)] = [("的下", 1), ("下岗", 2), ("岗职", 2), ("职工", 2), ("为下", 1)]
        let texts = ["帮助困难的下岗职工", "为下岗职工办实事"]
        let plain = PhraseMerger.phrases(from: ngrams, occurringIn: texts, limit: 3)
        #expect(plain.map(\.phrase) == ["为下岗职工", "的下岗职工"])
        let trimmed = PhraseMerger.phrases(from: ngrams, occurringIn: texts, limit: 3, minSupport: 2,
                                           trimming: PhraseMerger.functionCharacters)
        #expect(trimmed.map(\.phrase) == ["下岗职工"])
        #expect(trimmed.first?.weight == 6)
    }
}
