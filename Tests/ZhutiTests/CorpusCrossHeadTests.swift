import Foundation
import Testing
@testable import Zhuti

/// Cross-heads (小标题) inside a story, which the page prints like headlines, and stories the
/// extraction left long ago. Texts written for these tests.
@Suite struct CorpusCrossHeadTests {
    @Test func aMarkdownExportsUnmarkedLineIsAParagraph() throws {
        // The export marks every headline (`##`); a plain short line between paragraphs is a
        // cross-head of the story and stays in its text, while the plain line just above a
        // marked headline is that headline's kicker.
        let text = """
            # 某某区新闻

            ## 好妈妈教出好儿女

            一个边远山村，自恢复高考以来，先后有五十多人考取大学，去年一次就考取九个。这里有一批教子有方的好妈妈。

            罗泽秀：能吃苦的孩子知努力

            三间低矮的土木结构住房，墙上裂缝满目。就是从这栋不起眼的土房子里，走出了两个大学生。

            卢军：用爱心送子进大学

            卢军是村里的民办教师，她说爱孩子，一定要注意培养孩子的上进心，孩子才有出息。

            西城街道做好科技加人力结合文章

            ## 筑牢太湖港流域生态屏障

            无人机巡航，精准锁定隐蔽排污口；岸边，环保网格员循着群众举报信息标记污染点位，街道推行三单管理机制。
            """
        let issue = try LayoutParser.parse(text, file: "mothers.md")
        try #require(issue.articles.count == 2)
        let mothers = issue.articles[0]
        #expect(mothers.title == "好妈妈教出好儿女")
        #expect(mothers.text.contains("\n罗泽秀：能吃苦的孩子知努力\n三间低矮的土木结构住房"))
        #expect(mothers.text.hasSuffix("孩子才有出息。"))
        #expect(issue.articles[1].kicker == "西城街道做好科技加人力结合文章")
        #expect(issue.articles[1].title == "筑牢太湖港流域生态屏障")
    }

    /// A narrow-column story about the ticket system in two sections, the cross-head between them
    /// left to each test.
    static let ticketSystem = """
            铁道部决定，今年全路客票发
            售和预订系统要加快建设速度，
            三十个地区售票中心要确保建
            成，客票发售和预订系统在京
            广、京沪干线联网售票，旅客
            可以提前买到异地车票，超前
            合理安排行程，节省购票时间。
            过去售票员每天售票一万张，
            如今铁路客票发售和预订系统
            联网售票，售票员却减少了，
            客票发售的效率明显提高。
            """
    static let ticketSale = """
            铁道部还决定，积极推行客票
            销售代理，让旅客感到买火车
            票像买飞机票一样方便，客票
            销售代理先在一个铁路局试点，
            客票发售和预订系统联网售票
            的车站与愿意代销火车票的单
            位签订客票发售代理的协议，
            客票销售代理费用按客票收入
            提取，代销者要承诺规范收费，
            保证旅客买票不再难。
            """

    @Test func aCrossHeadInANarrowColumnIsNotAHeadlineAfterItsStory() throws {
        // Narrow columns print each headline after its story. A one-line headline with no byline
        // between two stretches about the same things is the story's cross-head; a headline
        // between stories about different things ends the story above it.
        let text = """
            \(Self.ticketSystem)

            让您买票不再难

            \(Self.ticketSale)

            今年铁路营销战略

            本报记者 王大玲

            沙市长江大桥南主塔近日顺利
            封顶，大桥建设进入钢箱梁吊
            装阶段，大桥建成后江南江北
            通行时间缩短到十分钟，市民
            出行更加便捷。施工单位介绍，
            主塔高一百八十米，浇筑混凝
            土三万立方米，建设者克服高
            温多雨天气，比计划提前二十
            天完成主塔施工，下月开始挂
            设斜拉索，明年底全桥通车。

            长江大桥主塔封顶
            """
        let issue = try LayoutParser.parse(text, file: "narrow.txt")
        try #require(issue.articles.count == 2)
        #expect(issue.articles[0].title == "今年铁路营销战略")
        #expect(issue.articles[0].text.contains("让您买票不再难"))
        #expect(issue.articles[0].text.hasPrefix("铁道部决定"))
        #expect(issue.articles[0].text.hasSuffix("保证旅客买票不再难。"))
        #expect(issue.articles[1].title == "长江大桥主塔封顶")
        #expect(issue.articles[1].text.hasPrefix("沙市长江大桥"))
    }

    @Test func aCrossHeadWrappedByANarrowColumnIsACrossHead() throws {
        // The narrow column wraps a cross-head too long for it over two lines, the first printed
        // full; it names the section below it, so the story goes on under it.
        let text = """
            \(Self.ticketSystem)

            “让旅客买火车票像买飞机票一样
            方便”

            \(Self.ticketSale)

            今年铁路营销战略

            本报记者 王大玲
            """
        let issue = try LayoutParser.parse(text, file: "narrow.txt")
        try #require(issue.articles.count == 1)
        #expect(issue.articles[0].title == "今年铁路营销战略")
        #expect(issue.articles[0].text.contains("明显提高。\n“让旅客买火车票像买飞机票一样方便”\n铁道部还决定"))
        #expect(issue.articles[0].text.hasSuffix("保证旅客买票不再难。"))
    }

    @Test func aTwoPartHeadlineAfterItsStoryHeadsIt() throws {
        // A narrow column ends every paragraph with its sentence: a short line with a comma and
        // no sentence end after the story is its headline, in two parts (`塞纳河，女人河`); the
        // letter-spaced full line (`通 知 加 强 …`) opening a paragraph is text.
        let text = """
            旅居巴黎的这些日子，最让我眷恋
            的就是塞纳河。我时常驻足她的身
            旁，想读懂她的昨天、今天和明天。

            塞纳河是一条母亲河。人们说，巴黎
            是从塞纳河的浪花上浮现的。两千
            年前，她只是河中那不足半平方公
            里的小岛，形同小舟，又似摇篮。

            塞纳河，女人河

            初来毛里求斯工作时，我发现在林
            林总总的旅游商店中，都辟有一席
            之地出售邮票，邮政博物馆里陈列

            着色彩纷呈的各种邮票。

            通 知 加 强 重 点 支 持 ，在 每 人 每

            年可享受一次补贴的基础上，对取
            得急需紧缺职业证书的，还可增加
            两次补贴次数。

            便士邮票
            """
        let issue = try LayoutParser.parse(text, file: "narrow.txt")
        #expect(issue.articles.map(\.title) == ["塞纳河，女人河", "便士邮票"])
        #expect(issue.articles.first?.text.hasSuffix("又似摇篮。") == true)
        #expect(issue.articles.last?.text.contains("通知加强重点支持，在每人每年可享受一次补贴") == true)
    }

    @Test func aSectionCloserToTheStoryBeforeItThanToTheRestOfThePageGoesOnUnderIt() throws {
        // A feature's section about other people (the soldiers after the cadres) shares less
        // with the story than one story's parts usually do, but far more than with the page's
        // other story: its headline is a cross-head. With a story about the soldiers on the page
        // too, the section is as likely that story's kind: it stays a story of its own.
        let relief = "张家口坝上地区一月十日发生强烈地震，震中附近的张北县和尚义县房屋倒塌，灾区群众连夜转移到安全地带。地震发生后，河北省委省政府立即组织救灾，各级干部赶赴灾区，连夜搭建帐篷，安置受灾群众，调运棉被大衣和粮食，确保灾区群众有饭吃、有衣穿、有干净水喝、有临时住处。灾区各县党员干部冒着严寒走村入户，逐户排查危房，帮助群众转移财产。"
        let soldiers = "最先冲上抗震一线的是人民子弟兵。某集团军的官兵在拉练途中接到命令，来不及返回营地，连夜徒步赶到大河乡，帮助群众从倒塌的房屋里扒出粮食和衣物，把自己的棉帐篷让给受灾老乡，自己住在简易窝棚里。官兵们冒着零下三十度的严寒，一连三天三夜没有合眼，哪里有倒塌的房屋，哪里就有子弟兵的身影，灾区群众说亲人解放军又回来了。"
        let dig = "夏商周断代工程开展一年多来取得一系列阶段性成果，多学科多领域交叉研究的深入，为最终解开中华古代文明中的这一历史谜团展现了良好前景。专家们陆续展开了九个课题三十六个专题的研究，在文献的搜集和研究、考古学文化分期和测年、古天文学研究等方面都有突破，偃师商城被认定为灭夏后最早建立的商城之一。"
        let troops = "驻地部队官兵连夜赶到尚义县灾区，帮助群众从倒塌的房屋里抢运粮食和衣物，把部队的棉帐篷和棉被让给受灾群众。官兵们冒着严寒三天三夜没有合眼，在废墟上搭起简易窝棚，为受灾群众送去热饭热水，哪里有倒塌的房屋哪里就有官兵的身影，灾区群众把子弟兵当成了自己的亲人，纷纷送来鸡蛋和热水。"
        func story(_ title: String, _ text: String, readAfter: Int? = nil) -> LayoutParser.Draft {
            var d = LayoutParser.Draft(title: [Array(title.unicodeScalars)], paras: [Array(text.unicodeScalars)])
            d.readAfter = readAfter
            return d
        }
        let shared = try #require(LexicalCohesion.cosine(Array(relief.unicodeScalars), Array(soldiers.unicodeScalars)))
        try #require(shared >= LayoutParser.relatedCohesion && shared < LayoutParser.unrelatedCohesion)

        let page = [story("壮歌撼塞北", relief), story("“请把急难险重的任务交给我们”", soldiers, readAfter: 0), story("夏商周断代工程曙光初现", dig)]
        let joined = LayoutParser.joinCrossHeads(page)
        #expect(joined.count == 2)
        #expect(joined.first?.paras.contains(Array(soldiers.unicodeScalars)) == true)

        var other = story("子弟兵鏖战尚义灾区", troops)
        other.byline = "本报记者 张立"
        let alike = LayoutParser.joinCrossHeads(page.dropLast() + [other])
        #expect(alike.count == 3)
        #expect(alike.first?.paras.contains(Array(soldiers.unicodeScalars)) == false)
    }

    @Test func aSpeechHeadlineWithItsDateIsNotACrossHead() throws {
        // A speech printed after a report on the same things: the date it was given, in brackets
        // under its headline, says it is a document of its own, not a section of the report.
        let text = """
            第2版

            全国精神文明建设工作会议召开

            本报记者 王大玲

            全国精神文明建设工作会议今天在北京召开，会议强调，精神文明建设要牢牢把握十五大的主题，高举邓小平理论伟大旗帜，紧紧围绕全党全国工作大局，解放思想，实事求是，开拓进取，务求实效，把干部群众的积极性引导到建设有中国特色社会主义的伟大事业上来，各级党委要加强对精神文明建设工作的领导，形成齐抓共管的工作格局。

            在座谈会上的讲话

            (一九九八年一月十五日)

            同志们:

            今天我们在这里召开座谈会，纪念这位伟大的革命家，学习他的崇高品质。精神文明建设是建设有中国特色社会主义的重要内容，各级党委要高举邓小平理论伟大旗帜，牢牢把握十五大的主题，解放思想，实事求是，开拓进取，加强精神文明建设工作的领导，把干部群众的积极性引导到建设有中国特色社会主义的伟大事业上来。
            """
        let issue = try LayoutParser.parse(text, file: "page2.txt")
        try #require(issue.articles.count == 2)
        #expect(issue.articles[0].text.hasSuffix("形成齐抓共管的工作格局。"))
        #expect(issue.articles[1].title.hasPrefix("在座谈会上的讲话 (一九九八年一月十五日)"))
        #expect(issue.articles[1].text.hasPrefix("今天我们在这里召开座谈会"))
        #expect(DateText.isBracketedDate(Array("——（1998年1月15日）".unicodeScalars)))
        #expect(!DateText.isBracketedDate(Array("（新华社记者摄）".unicodeScalars)))
    }

    /// A narrow-column story about ticket agencies and its headline, printed after it.
    static let ticketAgency = """
            铁道部还决定，积极推行客票销
            售代理，让旅客感到买火车票像
            买飞机票一样方便，客票发售和
            预订系统的车站与愿意代销火车
            票的单位签订客票代理协议，客
            票发售收入按比例提取代理费用
            ，代销者要承诺规范收费，代理
            点设在旅客集中的地方，旅客节
            省购票时间，售票员的工作也减
            轻了，今年全路客票代理网点要
            增加到五百个。

            推行客票销售代理
            """

    @Test func aHeadlineNamingTheStoryAboveItEndsThatStory() throws {
        // Two stories of one topic printed one after the other in narrow columns, headlines
        // after their stories: `客票联网售票` between them shares vocabulary with both, but its
        // words are those of the text above it (联网售票), not of the text below: it is the
        // headline of the story above, not a cross-head of one story.
        let text = """
            铁道部决定，今年全路客票发售
            和预订系统要加快建设速度，三
            十个地区售票中心要确保建成，
            客票发售和预订系统在京广、京
            沪干线联网售票，旅客可以提前
            买到异地车票，联网售票以后旅
            客合理安排行程，节省购票时间
            。过去售票员每天售票一万张，
            如今铁路客票联网售票，售票员
            减少了，客票发售的效率明显提
            高，联网售票方便了旅客。

            客票联网售票

            """ + "\n" + Self.ticketAgency
        let issue = try LayoutParser.parse(text, file: "narrow.txt")
        try #require(issue.articles.count == 2)
        #expect(issue.articles[0].title == "客票联网售票")
        #expect(issue.articles[0].text.hasSuffix("联网售票方便了旅客。"))
        #expect(issue.articles[1].title == "推行客票销售代理")
        #expect(issue.articles[1].text.hasPrefix("铁道部还决定"))
    }

    @Test func aDateOpeningASentenceIsNotTheIssueDate() throws {
        // `1995年10月16日,` wrapped at its comma opens a narrow column's first story: text, not
        // a masthead date (which would also hide that headlines follow their stories here).
        let text = "1995年10月16日,\n" + Self.ticketAgency
        let issue = try LayoutParser.parse(text, file: "narrow.txt")
        #expect(issue.date == nil)
        try #require(issue.articles.count == 1)
        #expect(issue.articles[0].title == "推行客票销售代理")
        #expect(issue.articles[0].text.hasPrefix("1995年10月16日,铁道部还决定"))
    }

    @Test func aNumberedSectionHeadingIsACrossHead() throws {
        // `二、…` numbers a section of the story it is printed in, however long the line and
        // however little (or, as here, too little text to tell) the two sections share: where
        // headlines follow their stories it is not the headline of the text above it.
        let text = """
            改革开放以来，本市全面展开了以放
            开经营、放开价格为主要内容的流通
            体制改革，国有商业企业转换经营机
            制，集体商业和个体私营商业迅速发
            展，城乡市场日趋活跃。

            二、完善商品市场

            今年要建设一批区域性批发市场，完
            善农贸市场和专业市场的布局，引导
            企业走集约经营的路子，提高流通效
            益，降低流通费用，让消费者得到实
            惠。

            加快商品流通体系建设
            """
        let issue = try LayoutParser.parse(text, file: "narrow.txt")
        try #require(issue.articles.count == 1)
        #expect(issue.articles[0].title == "加快商品流通体系建设")
        #expect(issue.articles[0].text.hasPrefix("改革开放以来"))
        #expect(issue.articles[0].text.contains("二、完善商品市场"))
        #expect(LayoutParser.isSectionNumber(Array("（十二）加强领导".unicodeScalars)))
        #expect(!LayoutParser.isSectionNumber(Array("一个都不能少".unicodeScalars)))
    }

    /// A paragraph as the extraction gives a column's printed lines: each 17 ems wide, the first
    /// set in by two, joined by stray spaces.
    static func printed(_ paragraph: String, measure: Int = 17) -> String {
        printedLines(paragraph, measure: measure).joined(separator: " ")
    }

    static func printedLines(_ paragraph: String, measure: Int = 17) -> [String] {
        var lines: [String] = [], line = "", room = measure - 2
        for c in paragraph {
            if line.count == room { lines.append(line); line = ""; room = measure }
            line.append(c)
        }
        return lines + [line]
    }

    @Test func aStoryLeftBehindSeveralStoriesAgoIsNotContinued() throws {
        // A story, then four more: the next untitled paragraph shares the first story's words,
        // but no page resumes a story after that many others (the seeds: three at most), so it
        // goes on the story being read.
        let party = "全国政协今天举行新年茶话会，江泽民在茶话会上讲话，向各民主党派、全国工商联和无党派爱国人士致以新年的祝贺，茶话会气氛热烈，各界人士欢聚一堂共迎新年。"
        let stories = [
            ("全国政协举行新年茶话会", party),
            ("沙市长江大桥主塔封顶", "沙市长江大桥南主塔近日顺利封顶，大桥建设进入钢箱梁吊装阶段，长江大桥建成后江南江北通行时间缩短到十分钟，市民出行更加便捷。"),
            ("早稻收割进度过半", "连日来荆州各地早稻陆续进入收割期，早稻种植面积达到八十万亩，种粮大户说早稻收购价格也比往年高，各地收购点敞开收购。"),
            ("新建学校秋季开学", "城区三所新建学校秋季如期开学，新增学位四千个，教师队伍通过公开招聘补充到位，学校食堂和校车同步投入使用。"),
            ("在新年茶话会上的讲话", "同志们、朋友们：辞旧迎新之际，我们回顾过去一年走过的路程，展望未来，信心倍增，前进的道路上还会遇到困难。"),
        ]
        var text = "第3版\n\n"
        for (title, paragraph) in stories { text += "\(title)\n\n\(Self.printed(paragraph))\n\n" }
        text += Self.printed("全国政协今天举行新年茶话会，各民主党派、全国工商联和无党派爱国人士在茶话会上欢聚一堂，共迎新年。") + "\n"
        let issue = try LayoutParser.parse(text, file: "page3.txt")
        try #require(issue.articles.count == 5)
        #expect(issue.articles[0].text == party)
        #expect(issue.articles[4].title == "在新年茶话会上的讲话")
        #expect(issue.articles[4].text.hasSuffix("在茶话会上欢聚一堂，共迎新年。"))
    }

    @Test func aHeadlineWithItsAuthorIsNotACrossHead() throws {
        // Two commentaries about the same things, one after the other: the second headline has
        // its author's name under it, which no cross-head has.
        let theory = "学习邓小平理论，要把理论与实际相结合，理论只有同具体实践活动相结合，才能发挥指导作用，各地都在邓小平理论指引下工作。"
        let text = "第5版\n\n“结合”的文章靠自己做\n\n田力夫\n\n" + Self.printed(theory + theory + theory)
            + "\n\n理论与实际相结合的学问\n\n吴野渡\n\n" + Self.printed(theory + theory + "理论与实际相结合，是我们党的基本经验。") + "\n"
        let issue = try LayoutParser.parse(text, file: "page5.txt")
        try #require(issue.articles.count == 2)
        #expect(issue.articles[1].title.hasPrefix("理论与实际相结合的学问"))
    }

    @Test func aLineCutOffByAnInterleavedColumnIsNotAHeadline() throws {
        // A paragraph's first line alone, with a comma, as wide as the column just read less
        // its indent (15 ideographs and a squeezed comma in a 17-em column), then another
        // story's headline: text of the first story, not a headline.
        let first = "全国政协今天举行新年茶话会，江泽民在茶话会上讲话，向各民主党派、全国工商联和无党派爱国人士致以新年的祝贺，各界人士欢聚一堂。"
        let text = "第3版\n\n全国政协举行新年茶话会\n\n" + Self.printed(first) + "\n\n" + "理论与实际相结合,是我们党取得成"
            + "\n\n沙市长江大桥主塔封顶\n\n本报记者 王大玲\n\n"
            + Self.printed("沙市长江大桥南主塔近日顺利封顶，大桥建设进入钢箱梁吊装阶段，长江大桥建成后江南江北通行时间缩短到十分钟。") + "\n"
        let issue = try LayoutParser.parse(text, file: "page3.txt")
        try #require(issue.articles.count == 2)
        #expect(issue.articles[0].text.contains("理论与实际相结合,是我们党取得成"))
        #expect(issue.articles[1].title == "沙市长江大桥主塔封顶")
    }

    @Test func aCrossHeadGoesWithTheStoryReadJustBeforeIt() throws {
        // Two stories in columns of 17 and 21 ems, interleaved: the rice story, the bridge story,
        // the rice story's next fragment, then a cross-head and the rice story's next section.
        // The story begun just before the cross-head is the bridge story; the one read just
        // before it is the rice story, whose section it heads.
        let rice = "连日来荆州各地早稻陆续进入收割期，全市早稻种植面积达到八十万亩，早稻平均亩产比去年提高五十公斤，"
            + "种粮大户说今年早稻收购价格也比往年高，各地早稻收购点敞开收购，早稻收割进度已经过半，农机手忙着抢收早稻，"
            + "农业部门组织农机跨区作业，确保早稻颗粒归仓。今年全市早稻种植面积比去年扩大，早稻品种优质率提高，"
            + "种粮大户的早稻订单收购价格也比往年高，各地早稻收购点延长收购时间。"
        let lines = Self.printedLines(rice)
        let text = "第3版\n\n早稻收割进度过半\n\n" + lines.prefix(3).joined(separator: " ")
            + "\n\n沙市长江大桥主塔封顶\n\n"
            + Self.printed("沙市长江大桥南主塔近日顺利封顶，大桥建设进入钢箱梁吊装阶段，长江大桥建成后江南江北通行时间缩短到十分钟，市民出行更加便捷。", measure: 21)
            + "\n\n" + lines.dropFirst(3).joined(separator: " ") + "\n\n早稻收购价格看涨\n\n"
            + Self.printed("今年早稻收购价格看涨，各地早稻收购点敞开收购，种粮大户说早稻亩产比去年提高，早稻收割进度过半，"
                + "农业部门组织早稻收购资金，确保种粮大户卖粮不难，早稻收购价格比往年高，农机手忙着抢收早稻，早稻颗粒归仓。"
                + "各地早稻收购点延长收购时间，早稻订单收购价格比往年高，种粮大户说今年早稻品种优质率提高。") + "\n"
        let issue = try LayoutParser.parse(text, file: "page3.txt")
        try #require(issue.articles.count == 2)
        #expect(issue.articles[0].title == "早稻收割进度过半")
        #expect(issue.articles[0].text.contains("\n早稻收购价格看涨\n今年早稻收购价格看涨"))
        #expect(issue.articles[1].title == "沙市长江大桥主塔封顶")
        #expect(!issue.articles[1].text.contains("早稻"))
    }
}
