import Foundation
import Testing
@testable import Zhuti

/// Pages where the extraction interleaved stories set in columns of one width, and the lines of
/// PDF-extracted People's Daily pages that used to be misread. Texts written for these tests.
@Suite struct CorpusInterleavingTests {
    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    static let rice = "连日来荆州各地早稻陆续进入收割期，早稻种植面积达到八十万亩，早稻平均亩产比去年提高五十公斤，种粮大户说早稻收购价格也比往年高，"
    static let bridge = "沙市长江大桥南主塔近日顺利封顶，大桥建设进入钢箱梁吊装阶段，长江大桥建成后江南江北通行时间缩短到十分钟。"
    static let riceGoesOn = "荆州各地早稻收割进度过半，种粮大户说早稻亩产比去年提高，各地早稻收购点敞开收购，早稻收购价格也比往年高。"

    @Test func aFragmentGoesToTheStoryWhoseWordsItShares() {
        var routing = FragmentRouting(texts: [Self.rice, Self.bridge, Self.riceGoesOn].map(Self.scalars))
        let setIn = ColumnMeasure(width: 17, firstLine: 15)   // a paragraph opens here
        let full = ColumnMeasure(width: 17, firstLine: 17)    // a sentence goes on here
        #expect(routing.read(Self.scalars(Self.rice), endsOpen: true, measure: setIn, layout: 0) == 0)
        #expect(routing.read(Self.scalars(Self.bridge), endsOpen: false, measure: setIn, layout: 1) == 1)
        // The layout rules give the next fragment, printed full from its first line, to the
        // story just read; it goes on the rice story's open sentence, in the rice story's words.
        #expect(routing.read(Self.scalars(Self.riceGoesOn), endsOpen: false, measure: full, layout: 1, others: [0]) == 0)
    }

    @Test func withoutClearEvidenceTheLayoutDecides() {
        // The same fragment, with the layout's choice already the rice story, stays there; a
        // fragment sharing no words with either story stays where the layout put it.
        var routing = FragmentRouting(texts: [Self.rice, Self.bridge, Self.riceGoesOn, "他说今年的情况总体平稳。"].map(Self.scalars))
        let setIn = ColumnMeasure(width: 17, firstLine: 15)
        #expect(routing.read(Self.scalars(Self.rice), endsOpen: true, measure: setIn, layout: 0) == 0)
        #expect(routing.read(Self.scalars(Self.bridge), endsOpen: false, measure: setIn, layout: 1) == 1)
        #expect(routing.read(Self.scalars("他说今年的情况总体平稳。"), endsOpen: false, measure: setIn, layout: 1, others: [0]) == 1)
        #expect(routing.read(Self.scalars(Self.riceGoesOn), endsOpen: false, measure: nil, layout: 0, others: [1]) == 0)
    }

    @Test func aSentenceNamingAPublisherIsNotAMasthead() throws {
        // `…出版社出版的《…》` in running text once reset the page as if a masthead began there,
        // dropping the headline above it and naming the paper after the publisher.
        let text = """
            第5版

            一部研究社会矛盾的新著

            李德顺

            经济科学出版社出版的《社会转型期的矛盾》一书，是由中央社会主义学院教研室集体完成的。作者坚持理论联系实际，提出了不少新的学术见解。
            """
        let issue = try LayoutParser.parse(text, file: "review.txt")
        #expect(issue.paper == nil)
        try #require(issue.articles.count == 1)
        #expect(issue.articles[0].title.hasPrefix("一部研究社会矛盾的新著"))
        #expect(issue.articles[0].text.hasPrefix("经济科学出版社出版的《社会转型期的矛盾》一书"))
    }

    @Test func aHeadlineGroupBetweenTwoHalvesOfASentenceIsAHeadline() throws {
        // Another story's headline, subtitle and byline printed between two fragments of an
        // open sentence (columns interleaved): a subtitle's dash says it is a headline group,
        // not the sentence's wrapped end (`…新增长点` / `持续涌现` / `跑出项目…` is).
        let text = """
            鲁迅的年终书账

            鲁迅先生的日记，每到一年终了，总有一篇书账，记他当年所买的书籍和花费，作家们少不了的话题， 便是一年过去得太快，作品写得太少，而读

            故乡竹桥情

            ——罗理诚

            随着时间的推移，许多童年的趣事都成为遥远的过去，只有走过竹桥的情景，并没有因时光的流逝而淡忘。每当我走过现代建筑的大桥，总是想起故乡的竹桥。
            """
        let issue = try LayoutParser.parse(text, file: "essays.txt")
        #expect(issue.articles.map(\.title) == ["鲁迅的年终书账", "故乡竹桥情"])
        #expect(issue.articles.last?.subtitle == "罗理诚")
        #expect(!(issue.articles.first?.text.contains("故乡竹桥情") ?? true))
    }

    @Test func aLoneFullLineOfAnOpenColumnIsItsText() throws {
        // One printed line of the rice story (17 ems, the full width of its column, which it left
        // mid-sentence) read between two fragments of the bridge story (21 ems): it goes on the
        // rice story's sentence, not a headline of a story of its own.
        let text = """
            荆州早稻开镰

            连日来荆州各地早稻陆续进入收割 期全市早稻种植面积达到八十万亩今年 早稻平均亩产比去年提高了五十多公斤

            沙市长江大桥主塔封顶

            沙市长江大桥南主塔近日顺利封顶大桥建设 进入钢箱梁吊装阶段建成后江南江北的通行时间 缩短到十分钟。

            种粮大户说今年早稻收购价格也比往年

            大桥建设者春节期间坚守岗位确保工程按期 完工沙市区交通部门同时规划了大桥两岸的公交 线路。

            高各地早稻收购点敞开收购农民售粮方 便快捷荆州市粮食局说全市今年收购早 稻可望超过二十万吨。
            """
        let issue = try LayoutParser.parse(text, file: "rice.txt")
        #expect(issue.articles.map(\.title) == ["荆州早稻开镰", "沙市长江大桥主塔封顶"])
        #expect(issue.articles.first?.text.contains("五十多公斤种粮大户说今年早稻收购价格也比往年高各地早稻收购点") == true)
        #expect(issue.articles.first?.text.hasSuffix("可望超过二十万吨。") == true)
        #expect(issue.articles.last?.text.hasSuffix("规划了大桥两岸的公交线路。") == true)
    }

    static let school = "城南小学新校舍今年秋季投入使用，学校新建教学楼两栋、塑胶操场一块，可容纳两千名学生就读，附近居民的孩子上学不再跑远路，"

    /// Three stories begun in turn in 17-em columns, one fragment each, the second and third left
    /// mid-sentence and the first as `firstLeftOpen` says; then `goesOn`, printed full from its
    /// first line, which the layout gives to the story just read. Returns where it goes.
    static func routeRotation(firstLeftOpen: Bool, goesOn: String) -> Int {
        let texts = [Self.rice, Self.bridge, Self.school, goesOn].map(Self.scalars)
        var routing = FragmentRouting(texts: texts)
        let setIn = ColumnMeasure(width: 17, firstLine: 15)
        let full = ColumnMeasure(width: 17, firstLine: 17)
        _ = routing.read(texts[0], endsOpen: firstLeftOpen, measure: setIn, layout: 0)
        _ = routing.read(texts[1], endsOpen: true, measure: setIn, layout: 1)
        _ = routing.read(texts[2], endsOpen: true, measure: setIn, layout: 2)
        return routing.read(texts[3], endsOpen: false, measure: full, layout: 2, others: [1, 0])
    }

    @Test func storiesBegunInTurnAreReadInRotation() {
        // The extraction began three stories one fragment each, leaving each mid-sentence: it
        // reads across their columns. A fragment with the rice story's words goes there even
        // though the layout would keep it in the school story just read.
        let goesOn = "收购价格也比往年高，农民卖粮更方便。"
        #expect(Self.routeRotation(firstLeftOpen: true, goesOn: goesOn) == 0)
        // Where the rice story had finished its sentence before the next began, nothing shows a
        // rotation: the layout's choice keeps its margin against the same words.
        #expect(Self.routeRotation(firstLeftOpen: false, goesOn: goesOn) == 2)
    }

    @Test func aStoryIsKnownByItsHeadlinesWordsFromItsStart() {
        // The bridge story's first fragment names no bridge; a later fragment about the bridge,
        // which the layout gives to the rice story, goes to the story whose headline names it.
        let crew = "施工单位调集两千多名建设者昼夜奋战，克服高温多雨天气，"
        let riceGoesOn = "种粮大户说今年早稻收购价格也比往年高，"
        let bridgeGoesOn = "大桥主塔封顶后，长江大桥将在明年通车。"
        let texts = [Self.rice, crew, riceGoesOn, bridgeGoesOn].map(Self.scalars)
        var routing = FragmentRouting(texts: texts)
        let setIn = ColumnMeasure(width: 17, firstLine: 15)
        let full = ColumnMeasure(width: 17, firstLine: 17)
        routing.begin(story: 0, title: Self.scalars("荆州早稻开镰"))
        #expect(routing.read(texts[0], endsOpen: true, measure: setIn, layout: 0) == 0)
        routing.begin(story: 1, title: Self.scalars("沙市长江大桥主塔封顶"))
        #expect(routing.read(texts[1], endsOpen: true, measure: setIn, layout: 1) == 1)
        #expect(routing.read(texts[2], endsOpen: true, measure: full, layout: 0, others: [1]) == 0)
        #expect(routing.read(texts[3], endsOpen: false, measure: full, layout: 0, others: [1]) == 1)
    }
}
