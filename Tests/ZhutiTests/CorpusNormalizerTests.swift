import Testing
@testable import Zhuti

@Suite struct CorpusNormalizerTests {
    @Test func foldsWidthCaseQuotesAndDashes() {
        #expect(TextNormalizer.normalize("ＡＰＰ与App，１９９８年") == "app与app,1998年")
        #expect(TextNormalizer.normalize("“双优化”与‘三命’「引号」") == "\"双优化\"与'三命'\"引号\"")
        #expect(TextNormalizer.normalize("新世纪——讲话－要点") == "新世纪-讲话-要点")
        #expect(TextNormalizer.normalize("第一行\r\n第二行\r第三行\u{3000}空格") == "第一行\n第二行\n第三行 空格")
        #expect(TextNormalizer.normalize("ÉCOLE Straße") == "école straße")
    }

    @Test func keepsCJKPunctuationAndNewlines() {
        let text = "会议指出：要《坚持》、推进。\n第二段！"
        #expect(TextNormalizer.normalize(text) == "会议指出:要《坚持》、推进。\n第二段!")
        #expect(TextNormalizer.normalize("a--b") == "a--b")   // ASCII hyphens are written text
    }

    @Test func dateForms() {
        #expect(DateText.iso("1998-01-01") == "1998-01-01")
        #expect(DateText.iso("1998/1/2") == "1998-01-02")
        #expect(DateText.iso("2025.3.10") == "2025-03-10")
        #expect(DateText.iso("1998年1月3日") == "1998-01-03")
        #expect(DateText.iso("19980104") == "1998-01-04")
        #expect(DateText.iso("1998-01-05T08:00:00") == "1998-01-05")
        #expect(DateText.iso("1998-02-30") == nil)
        #expect(DateText.iso("yesterday") == nil)
        let line = Array("中共荆州市委机关报 荆州日报社出版 2025.3.10 乙巳年二月十一".unicodeScalars)
        #expect(DateText.firstDate(in: line) == "2025-03-10")
        #expect(DateText.lunarDate(in: line)?.text == "乙巳年二月十一")
    }
}
