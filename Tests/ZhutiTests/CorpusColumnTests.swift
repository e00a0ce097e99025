import Foundation
import Testing
@testable import Zhuti

/// Column widths read from where the extraction wrapped a fragment, and what they decide: which
/// story an interleaved fragment continues. Texts written for these tests.
@Suite struct CorpusColumnTests {
    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    /// A fragment as long-line exports print it: `lines` printed lines of a column `width` ems
    /// wide, stray spaces between them, the first set in by two ems when `setIn`.
    static func fragment(width: Int, lines: Int, setIn: Bool = false) -> [[Unicode.Scalar]] {
        let line = { (n: Int) in String(repeating: "中", count: n) }
        let printed = (0..<lines).map { k in line(k == 0 && setIn ? width - 2 : width) }
        return [scalars(printed.joined(separator: " "))]
    }

    static func measure(width: Int, lines: Int, setIn: Bool = false) -> ColumnMeasure {
        ColumnMeasure(lines: fragment(width: width, lines: lines, setIn: setIn), endsParagraph: false)!
    }

    @Test func linesWithFiguresDoNotSetTheWidth() throws {
        // Whether a page sets figures half an em (the seeds) or a full one (fullwidth figures a
        // normalising extraction made ASCII) is not known: lines without figures tell the width.
        let plain = String(repeating: "中", count: 17)
        let figures = "1998年2025年中中中中中中中中中"   // 15 ems at half an em a figure, 19 at one
        let m = try #require(ColumnMeasure(lines: [Self.scalars([plain, figures, figures].joined(separator: " "))],
                                           endsParagraph: false))
        #expect(m.width == 17)
        #expect(m.fullLines == 3)
        // A first line with figures may be set in or full: the measure does not guess.
        let opening = try #require(ColumnMeasure(lines: [Self.scalars([figures, plain, plain].joined(separator: " "))],
                                                 endsParagraph: false))
        #expect(opening.indented == nil)
        let setIn = try #require(ColumnMeasure(lines: [Self.scalars([String(plain.dropFirst(2)), plain, plain].joined(separator: " "))],
                                               endsParagraph: false))
        #expect(setIn.indented == true)
    }

    @Test func aLineWiderThanAColumnIsNotOfIt() {
        let m = Self.measure(width: 29, lines: 1)
        #expect(m.widest == 29)
        #expect(ColumnMeasure.tooWide(m.widest, for: 17))
        // Squeezed punctuation: a 16-em column prints lines of up to 18 ems.
        #expect(!ColumnMeasure.tooWide(18, for: 16))
    }

    static let texts = ["早稻陆续进入收割期，", "沙市长江大桥南主塔近日顺利封顶，", "钢箱梁吊装阶段开始，", "大桥建成后通行时间缩短，",
                        "种粮大户说收购价格也高，"].map(scalars)

    @Test func aFragmentTooWideForTheLayoutsChoiceGoesToAColumnThatHoldsIt() {
        var routing = FragmentRouting(texts: Self.texts)
        // Story 0 set 17 ems wide (three full lines show it), story 1 29 ems wide.
        #expect(routing.read(Self.texts[0], endsOpen: true, measure: Self.measure(width: 17, lines: 3, setIn: true), layout: 0) == 0)
        #expect(routing.read(Self.texts[1], endsOpen: true, measure: Self.measure(width: 29, lines: 2, setIn: true), layout: 1) == 1)
        #expect(routing.read(Self.texts[4], endsOpen: true, measure: Self.measure(width: 17, lines: 2), layout: 0) == 0)
        // One printed line 28 ems wide cannot be a line of the 17-em column the layout rules
        // chose: it goes to the story whose column holds it.
        #expect(routing.read(Self.texts[2], endsOpen: true, measure: Self.measure(width: 28, lines: 1), layout: 0, others: [1]) == 1)
    }

    @Test func oneFragmentReadIntoAStoryDoesNotChangeItsColumn() {
        var routing = FragmentRouting(texts: Self.texts)
        #expect(routing.read(Self.texts[0], endsOpen: false, measure: Self.measure(width: 17, lines: 6, setIn: true), layout: 0) == 0)
        #expect(routing.read(Self.texts[1], endsOpen: false, measure: Self.measure(width: 29, lines: 3, setIn: true), layout: 1) == 1)
        // The layout rules put a 29-em fragment into story 0 (nothing else to choose from) ...
        #expect(routing.read(Self.texts[3], endsOpen: false, measure: Self.measure(width: 29, lines: 3, setIn: true), layout: 0) == 0)
        // ... but story 0's column is still 17 ems (six lines against three): a 17-em fragment the
        // layout gives the 29-em story goes to story 0.
        #expect(routing.read(Self.texts[4], endsOpen: false, measure: Self.measure(width: 17, lines: 3, setIn: true), layout: 1, others: [0]) == 0)
    }

    @Test func anAuthorsNoteInBracketsEndsTheStoryAboveTheNextHeadline() throws {
        // `(作者为…)` ends a commentary without a full stop; a vertical headline printed after it
        // heads the next story, instead of running on as the note's wrapped sentence.
        let text = """
            # 某某区新闻

            ## 审计:实行监督的最好武器

            审计是保障社会主义市场经济健康发展的重要工具。审计也是加强和改善宏观调控的重要手段,我认为审计就是实行极严格监督的最好武器之一,应当认真加以利用。

            (作者为国家审计署办公厅主任)

            “

            巧

            妇

            ”

            也

            能

            为

            俗话说,“巧妇难为无米之炊”。然而,在改革和建设的实践中,“难”与“无”却是一种变量,“难为”不等于不能为。
            """
        let issue = try LayoutParser.parse(text, file: "commentary.txt")
        try #require(issue.articles.count == 2)
        #expect(issue.articles[0].text.hasSuffix("(作者为国家审计署办公厅主任)"))
        #expect(issue.articles[1].title == "“巧妇”也能为")
        #expect(issue.articles[1].text.hasPrefix("俗话说"))
    }

    @Test func anAuthorsNoteIsNeverAHeadline() throws {
        // `（作者为…）` under a commentary is its author's note, not a line of the next headline.
        let text = """
            第5版

            审计是实行监督的最好武器

            审计是保障社会主义市场经济健康发展的重要工具，审计也是加强和改善宏观调控的重要手段，我认为审计就是实行极严格监督的最好武器之一，应当认真加以利用。

            （作者为国家审计署办公厅主任）

            帮农民进入市场

            杨才寿

            以丰富的资源开发为基点，发展农村市场经济，帮助农民进入市场，是各级政府的重要任务，也是农民增收的根本出路，各地要把这件事情办好。
            """
        let issue = try LayoutParser.parse(text, file: "page5.txt")
        try #require(issue.articles.count == 2)
        #expect(issue.articles[0].text.hasSuffix("（作者为国家审计署办公厅主任）"))
        #expect(issue.articles[1].title.hasPrefix("帮农民进入市场"))
    }

    @Test func aMarkedExportKeepsAStorysBlocksUnderItsHeadline() throws {
        // In a markdown export each story's blocks are printed together under its marked
        // headline: paragraphs set in another column, about what an earlier story is about, stay
        // in the story they are printed under.
        let rice = "连日来荆州各地早稻陆续进入收割期，全市早 稻种植面积达到八十万亩，早稻平均亩产比去 年提高五十公斤，种粮大户说今年早稻收购价 格也比往年高，各地粮食部门敞开收购，农民卖 粮不出村，早稻收割进度已经过半，晚稻插秧也 在抓紧进行，农业部门组织农技人员下田指导， 确保早稻颗粒归仓，晚稻适时栽插，全年粮食生 产目标有望顺利实现。"
        let bridge = "沙市长江大桥南主塔近日顺利 封顶，大桥建设进入钢箱梁吊 装阶段，施工单位调集两千多 名建设者昼夜奋战，主塔高度 达到二百米，是全省最高的桥 塔，大桥全长四千多米，设计为 双向六车道，建成后江南江北 通行时间将缩短到十分钟，对 完善区域交通网络、促进沿江 城市发展具有重要意义，建设 者表示将确保大桥明年按期通 车。"
        let market = "各地早稻收购点的运粮车排起长队，荆 州早稻收购价格比往年高，种粮大户说 早稻亩产比去年提高了五十公斤，早稻 种植面积达到八十万亩，早稻收割进度 已经过半，粮食部门敞开收购，农民卖粮 不出村，农技人员下田指导晚稻插秧，确 保早稻颗粒归仓，全年粮食生产目标有 望顺利实现，种粮大户对明年的早稻生 产更有信心。"
        let text = """
            # 某某区新闻

            ## 早稻丰收

            \(rice)

            ## 长江大桥主塔封顶

            \(bridge)

            \(market)
            """
        let issue = try LayoutParser.parse(text, file: "export.txt")
        try #require(issue.articles.count == 2)
        #expect(issue.articles[1].title == "长江大桥主塔封顶")
        #expect(issue.articles[1].text.contains("运粮车"))
        #expect(!issue.articles[0].text.contains("运粮车"))
    }
}
