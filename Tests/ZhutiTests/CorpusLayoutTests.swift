import Foundation
import Testing
@testable import Zhuti

/// Seed issues, checked by reading each file by hand: which stories it holds, where their
/// headlines and bylines are, and what must not leak into article text.
@Suite struct CorpusLayoutTests {
    static let seedNames = ["000_769fa827b3289f88.txt", "001_11da812821fa9147.txt", "002_c344412e7caa2398.txt",
                            "003_40017197490e464d.txt", "004_82ec4e8bc98e1a37.txt"]

    /// Masthead, imprint, editor-list, hotline and page-counter text printed in the seeds.
    static let nonArticleStrings = ["中共荆州市委机关报", "荆州日报社出版", "CN42-0044", "邮发代号", "37-113", "总第9332期",
                                    "总第9263期", "国内统一连续出版物号", "地址:", "沙市区太岳北路", "邮编", "434000", "jzrbbjb",
                                    "新闻热线", "0716-8225678", "值班总编", "朱永胜", "本周值班", "责任编辑", "美术编辑",
                                    "熊晓程", "今日4版", "今日8版", "JingZhouDistrict", "乙巳年", "详见第3版", "下转", "上接",
                                    "▶", "荆州田旅"]

    func seed(_ name: String) throws -> ParsedIssue {
        let issues = try IssueReader.read(path: seedURL(name).path)
        try #require(issues.count == 1)
        return issues[0]
    }

    @Test(arguments: seedNames)
    func everyArticleIsCleanAndComplete(_ name: String) throws {
        let issue = try seed(name)
        #expect(issue.id == String(name.dropLast(4)))
        #expect(issue.source.hasSuffix(name))
        #expect(issue.contentHash.count == 16)
        for a in issue.articles {
            #expect(!a.title.isEmpty)
            #expect(a.text.unicodeScalars.filter(ScalarClass.isHan).count >= 20, "short body: \(a.title)")
            #expect(!hasStraySpaceBetweenHan(a.text), "stray space in \(a.title)")
            #expect(a.id == nil)
            for junk in Self.nonArticleStrings {
                #expect(!a.text.contains(junk), "\(junk) leaked into body of \(a.title)")
                #expect(!a.title.contains(junk), "\(junk) leaked into title \(a.title)")
            }
            #expect(!a.text.hasPrefix("本报讯"), "byline left in body of \(a.title)")
            #expect(!a.text.contains("\n\n"))
        }
    }

    @Test func pdfLayoutWithStraySpaces() throws {
        let issue = try seed("000_769fa827b3289f88.txt")
        #expect(issue.paper == "荆州日报")
        #expect(issue.date == "2025-03-10")
        #expect(issue.lunarDate == "乙巳年二月十一")
        #expect(issue.number == 9332)
        try #require(issue.articles.count == 8)
        #expect(issue.articles.allSatisfy { $0.page == 1 }, "the serial imprint under the masthead makes it the front page")
        // The two teasers (导读) stacked over the lead story's headline are items of their own:
        // headline and subtitle, no story.
        let teasers = issue.articles.prefix(2)
        #expect(teasers.allSatisfy { $0.kind == "teaser" })
        #expect(teasers.first?.title == "奏响团结奋进的时代强音 全国政协十四届三次会议巡礼")
        #expect(teasers.last?.title == "为中国式现代化贡献法治力量")
        #expect(teasers.last?.subtitle == "从全国两会看法治中国建设新进展")
        #expect(teasers.last?.text == "为中国式现代化贡献法治力量\n从全国两会看法治中国建设新进展")
        let a = Array(issue.articles.dropFirst(2))

        // Lead story: the teaser headlines above it are not its headline; its own three lines are.
        #expect(a[0].title == "建功支点 荆州争先 2025年一季度荆州市重大项目建设暨镇域经济工作拉练活动举行 持续掀起大抓项目热潮 全力打好镇域经济攻坚战")
        #expect(a[0].byline == "本报讯(记者李天然 夏雨彬 董浩 特约记者丁美华)")
        #expect(a[0].text.hasPrefix("3月7日至8日,荆州市举行2025年一季度重大项目建设暨镇域经济工作拉练活动并召开工作推进会。"))
        #expect(a[0].text.contains("会上,市委常委、常务副市长金鹏通报2024年镇域经济考核情况。"))
        #expect(!a[0].text.contains("奏响团结奋进的时代强音"))
        // The 产改 feature, set in a wider column, does not run on from the lead story: its
        // cross-head (技能等级自评…) stays inside it, and its lead paragraph (功以才成…),
        // which the extraction printed near the end of the page, joins it by vocabulary.
        #expect(!a[0].text.contains("湖北菲利华石英玻璃股份有限公司的王巍"))
        #expect(a[1].text.hasPrefix("湖北菲利华石英玻璃股份有限公司的王巍不仅干了"))
        #expect(a[1].text.contains("\n技能等级自评\n打破职业发展\"天花板\"\n走进华鲁恒升"))
        #expect(a[1].text.contains("功以才成,业以技兴。"))
        #expect(a[1].text.hasSuffix("24名快递员参加考试。"))
        #expect(a[2].title == "以奋进之姿跑出项目\"加速度\"")
        #expect(a[2].kind == "commentary")
        #expect(!a[2].text.contains("功以才成"))
        // 以廉洁为基—— is a cross-head of the 数据局 story, which goes on under it.
        // The subtitle printed after its dot is kept apart from the headline.
        #expect(a[3].title == "让每一件\"政\"事能办好办")
        #expect(a[3].subtitle == "市数据局以机关党建品牌建设推动业务工作纪实")
        #expect(a[3].kicker == nil)
        #expect(a[3].text.contains("\n以廉洁为基——\n"))
        #expect(a[3].text.hasSuffix("压紧压实进驻部门、窗口单位责任。"))
        #expect(a[3].continuation == "下转第3版")
        // The section banner stacked above `市发改委:` is not the story's headline.
        // The kicker naming who speaks is kept apart.
        #expect(a[5].kicker == "市发改委:")
        #expect(a[5].title == "实干争先 锻强\"战略钢腰\"")
        #expect(a[5].subtitle == nil)
        // Three plain lines: nothing in the text says which is kicker, headline or subtitle.
        #expect(a[0].kicker == nil && a[0].subtitle == nil)
    }

    @Test func frontPageWithTeasersAndInterleavedColumns() throws {
        let issue = try seed("004_82ec4e8bc98e1a37.txt")
        #expect(issue.paper == "荆州日报")
        #expect(issue.date == "2024-12-11")
        #expect(issue.number == 9263)
        #expect(issue.lunarDate == nil)
        let a = issue.articles
        try #require(a.count == 7)
        // The byline's bracket closes in another column (`…特约记者` … `丁美华)12月10日`).
        #expect(a[0].byline == "本报讯(记者李天然 夏雨彬 董浩 特约记者丁美华)")
        #expect(a[0].text.contains("12月10日,2024年荆州市先进制造业发展和科技创新工作领导小组会议召开。"))
        #expect(!a[0].text.contains("丁美华)"))
        // Its column goes on after the 科技大会 story: the fragment whose first line is printed
        // full continues the sentence left open in the same 21-em column, and reads on right
        // after it; the byline's other half (`丁美华)`) opens the story's first paragraph.
        #expect(a[0].text.hasPrefix("12月10日,2024年荆州市先进制造业发展和科技创新工作领导小组会议召开。市委书记、市先进制造业发展和科技创新工作领导小组组长吴锦主持会议并讲话。\n市委副书记、代理市长"))
        #expect(a[0].text.contains("坚持把先进制造业发展和科技创新摆在全局工作的重要位置,持续推进工业兴市、科技强市"))
        #expect(a[0].text.hasSuffix("市经信局、市科技局作工作汇报。"))
        #expect(!a[0].text.contains("前进之路绝非坦途"))
        // The teaser pointing to page 7 keeps its summary, printed apart in a wider column.
        // One extracted line held headline and subtitle: they come apart at ` ·`.
        #expect(a[1].title == "关键时期的关键抉择")
        #expect(a[1].subtitle == "以习近平同志为核心的党中央驾驭中国经济航船破浪前行")
        #expect(a[1].page == 7)
        #expect(a[1].kind == "teaser")
        #expect(a[4].kind == "commentary", "no dateline, no reporter, speaks as 我们")
        #expect(a.filter { $0.kind == "article" }.count == 5)
        #expect(a[1].text.hasPrefix("前进之路绝非坦途。"))
        #expect(a[1].text.hasSuffix("新旧动能转换存在阵痛。"))
        #expect(a[2].title.hasSuffix("荆州市科技大会举行 加快构建以\"用\"为导向的科技创新体系"))
        #expect(a[2].text.hasPrefix("12月10日上午,荆州市科技大会举行。"))
        #expect(!a[2].text.contains("在全局工作的重要位置"))
        #expect(a[2].page == 1)
        #expect(a[3].title == "荆州探索\"社工+志愿者\"联动模式,推进新时代 社会工作和志愿服务高质量发展")
        #expect(a[3].text.contains("\n建阵地\n强队伍\n夯实社会工作和志愿服务基础\n建设阵地。"))
        #expect(a[3].continuation == "下转第2版")
        #expect(a[4].title == "以科技创新激活高质量发展澎湃动能")
        #expect(a[5].title == "市政府召开常务会议暨党组(扩大)会议 深入学习贯彻省委十二届八次全会精神 坚决完成洪湖流域综合治理年度目标任务")
        #expect(a[5].byline == "本报讯(记者万杨)")
        #expect(a[5].text.hasSuffix("会议还研究了其他事项。"))
        #expect(a[6].title == "77天! 引江济汉工程连续调水时长创新高")
        #expect(a[6].byline == "本报讯(记者卢艳 陈孝伍 通讯员 张立)")
        #expect(a[6].text.hasSuffix("为保障汉江中下游生态和供水安全作出了积极贡献。"))
    }

    @Test func narrowSeedKeepsItsKickers() throws {
        // Seed 002: each interview's headline after its body has the speaker as a kicker ending
        // in a colon; a kicker with a 、 as wide as a column line is still a kicker, not the
        // text of a column cut off before a headline. Checked against the file by hand.
        let a = try seed("002_c344412e7caa2398.txt").articles
        let kickers = a.compactMap(\.kicker)
        #expect(kickers == ["荆州开发区党工委副书记、管委会主任陈明宇：", "江陵县委书记全运宝：", "市政务服务和大数据管理局党组书记、局长施金方："])
        #expect(a.first?.title == "抓牢项目建设“生命线” 筑牢产业发展“压舱石”")
        #expect(!a.contains { $0.text.contains("主任陈明宇：") })
    }

    @Test func narrowColumnsWithHeadlinesAfterBodies() throws {
        // Seed 003: hard-wrapped narrow columns, each story's headline and byline printed after
        // its body, no masthead (so no date and no page). Checked against the file by hand.
        let issue = try seed("003_40017197490e464d.txt")
        #expect(issue.date == nil && issue.paper == nil)
        let a = issue.articles
        try #require(a.count == 8)
        let titles = ["汪元程主持召开市委常委会会议 强化政治监督", "4月22日，全市“干部素质提升年”专项工作小组会议召开",
                      "荆州新城产业创客中心预计6月底封顶", "荆州造“拳头”产品“圈粉”全球客商 12家企业广交会一期成交订单1228万美元",
                      "退役电池“变废为宝”湖北睿勤开启节能降排新赛道", "“长江大保护十周年·百村蹲点调研行” 大型融媒报道启动",
                      "以实效赢民心 用行动写答卷", "2025年失业保险稳岗惠民政策出台"]
        for (article, title) in zip(a, titles) { #expect(article.title.hasPrefix(title), "\(article.title)") }
        let openings = ["4月22日，市委常委会召开会", "4月22日，全市“干部素质提", "塔吊林立、车辆穿梭", "4月19日，第137届广交会",
                        "装满硫酸钴的货车缓缓驶出厂门", "4月17日，“长江大保护十周", "昨日，荆州召开专项会议", "记者22日从人力资源社会保障"]
        for (article, opening) in zip(a, openings) { #expect(article.text.hasPrefix(opening), "\(article.title)") }
        // (The third story still ends with the photo caption printed under its headline.)
        let endings = [0: "会议还研究了其他事项。", 1: "余雪飞、胡斌、韩旭参加会议。", 3: "的名片在国际舞台上愈发闪亮。",
                       4: "经开区新能源新材料产业发展。", 5: "力共绘更加壮美的长江新图景。", 6: "才是干部素质提升的最高勋章。",
                       7: "部门要推动政策尽快落地见效。"]
        for (index, ending) in endings { #expect(a[index].text.hasSuffix(ending), "\(a[index].title)") }
        #expect(a[6].byline == "本报评论员 曹歌")
        #expect(a[7].byline == "新华社北京4月22日电")
        #expect(a.map(\.kind) == ["article", "article", "article", "article", "article", "article", "commentary", "article"])
        #expect(a.allSatisfy { $0.page == nil })
    }

    @Test func photoCaptionsAreItemsOfTheirOwn() throws {
        let a = try seed("001_11da812821fa9147.txt").articles
        try #require(a.count == 10)
        // A titled caption, and one printed under the last story, which no longer ends it.
        #expect(a[5].title == "车享生活 惠聚荆楚")
        #expect(a[5].kind == "caption")
        #expect(a[9].kind == "caption")
        #expect(a[9].text.hasPrefix("近日,城南街道联合区人社局开展服务企业用工行动"))
        #expect(a[9].text.hasSuffix("(李婷婷摄)"))
        #expect(a[8].title == "李埠镇与荆州理工职业学院携手 共筑镇校融合新高地")
        #expect(a[8].text.hasSuffix("实现地方与高校互利共赢,为区域高质量发展贡献更大力量。") && !a[8].text.contains("李婷婷摄"))
        #expect(a[..<5].allSatisfy { $0.kind == "article" })
    }

    @Test func kindsFollowWhatThePagePrints() {
        let kind = { (title: String, byline: String?, text: String, dateline: Bool) in
            ArticleKind.of(title: title, byline: byline, text: text, opensWithDateline: dateline, isTeaser: false)
        }
        let long = String(repeating: "全市重大项目建设推进会举行，会议部署下一阶段工作。", count: 12)
        #expect(kind("项目建设", "本报讯(记者 王)", long, true) == .article)
        #expect(kind("项目建设", nil, "全市重大项目建设推进会举行。", true) == .brief)
        #expect(kind("抓项目", "本报评论员", long, false) == .commentary)
        #expect(kind("编者按", nil, long, false) == .commentary)
        #expect(kind("抓项目", nil, long + "让我们抢抓机遇。", false) == .commentary)
        // 我们 inside a quotation is somebody else's voice; a lost quotation mark ends with its paragraph.
        #expect(kind("抓项目", nil, long + "“我们要抢抓机遇。”他说。", false) == .article)
        #expect(kind("抓项目", nil, "他说:\"只有一个引号。\n" + long + "让我们抢抓机遇。", false) == .commentary)
        #expect(kind("车享生活", nil, "8月23日,活动现场热闹非凡。(雷希雨摄)", false) == .caption)
        #expect(ArticleKind.isCaption("图为工人在生产线上作业。"))
        #expect(!ArticleKind.isCaption(long + "(张三摄)"), "a whole story ending with a photo credit is no caption")
        #expect(ArticleKind.of(title: "关键时期", byline: nil, text: long, opensWithDateline: false, isTeaser: true) == .teaser)
    }

    @Test(arguments: [
        // Marked by the page: a dash or dot opens the subtitle, a colon ends the kicker.
        (["荆州市科技大会举行", "——加快构建科技创新体系"], nil, "荆州市科技大会举行", "加快构建科技创新体系"),
        (["为中国式现代化贡献法治力量", "-从全国两会看法治中国建设新进展"], nil, "为中国式现代化贡献法治力量", "从全国两会看法治中国建设新进展"),
        (["关键时期的关键抉择 ·以习近平同志为核心的党中央"], nil, "关键时期的关键抉择", "以习近平同志为核心的党中央"),
        (["江陵县委书记全运宝:", "打造县域经济\"小巨人\""], "江陵县委书记全运宝:", "打造县域经济\"小巨人\"", nil),
        // Run into one line by the extraction: the kicker still ends at its colon.
        (["市政务服务和大数据管理局局长施金方： 开展专项行动 提高审批效率"], "市政务服务和大数据管理局局长施金方：", "开展专项行动 提高审批效率", nil),
        // A section banner stacked above the kicker is not the story's.
        (["政务服务", "市发改委:", "实干争先 锻强战略钢腰", "——为工业崛起加油"], "市发改委:", "实干争先 锻强战略钢腰", "为工业崛起加油"),
        // Unmarked: two plain lines stay together; a dot inside a quotation is no subtitle.
        (["李埠镇与荆州理工职业学院携手", "共筑镇校融合新高地"], nil, "李埠镇与荆州理工职业学院携手 共筑镇校融合新高地", nil),
        (["“长江大保护十周年·百村蹲点调研行”大型融媒报道启动"], nil, "“长江大保护十周年·百村蹲点调研行”大型融媒报道启动", nil),
        // A dash inside the headline, with no space before it, is part of it.
        (["王巍不仅干了,还干得不错——跨界24年"], nil, "王巍不仅干了,还干得不错——跨界24年", nil),
    ] as [([String], String?, String, String?)])
    func headlineKeepsKickerAndSubtitleApart(lines: [String], kicker: String?, title: String, subtitle: String?) {
        let head = LayoutParser.headline(lines.map { Array($0.unicodeScalars) })
        #expect(head.kicker == kicker && head.title == title && head.subtitle == subtitle)
        // Only a line stacked above a kicker or above three lines is stacked above the headline.
        #expect(head.stackedAbove.map(\.title) == (lines.first == "政务服务" ? ["政务服务"] : []))
    }

    @Test func markdownNamesTheHeadlineProper() throws {
        // `##` is the headline: a `####` or plain line above it is the kicker, a line under it
        // the subtitle.
        let lines = ["着力推进全区干部队伍提能善为", "区委常委会(扩大)会议召开", "传达学习省委全会精神"].map { Array($0.unicodeScalars) }
        let head = LayoutParser.headline(lines, main: 1)
        #expect(head.kicker == "着力推进全区干部队伍提能善为")
        #expect(head.title == "区委常委会(扩大)会议召开")
        #expect(head.subtitle == "传达学习省委全会精神")
        #expect(LayoutParser.headline(lines).title == "着力推进全区干部队伍提能善为 区委常委会(扩大)会议召开 传达学习省委全会精神")
        // Seed 001 (markdown export): a plain kicker line above `## 凝聚起…`.
        let issue = try seed("001_11da812821fa9147.txt")
        let story = try #require(issue.articles.first { $0.title == "凝聚起基层发展和乡村振兴的核心力量" })
        #expect(story.kicker == "万玲玲调研李埠镇天鹅村软弱涣散党组织整顿工作")
        #expect(story.subtitle == nil)
    }

    @Test func headlineAfterACreditedStoryIsItsHeadline() throws {
        // Narrow columns, headlines after bodies; the story ends with its dateline in brackets
        // after the last sentence, which ends the sentence (the headline is not its tail).
        let lines = ["自去年年底以来，由泰国政府发起的“", "泰人助泰”运动得到了全国人民的热", "烈响应，大家共渡难关。",
                     "", "“泰人助泰”的主要活动就是民众捐钱", "给政府，帮助国家克服经济困难。(本报", "曼谷1月10日电)",
                     "", "泰人助泰共渡时艰", "",
                     "英国首相布莱尔称欧盟主席桑特为“雅", "克”，桑特则一口一个“托尼”，这是上", "周四英国政府官员与欧盟委员会成员在",
                     "伦敦举行联席会议时出现的场景。", "", "从对抗到融入", ""]
        let issue = try LayoutParser.parse(lines.joined(separator: "\n"), file: "narrow.txt")
        #expect(issue.articles.map(\.title) == ["泰人助泰共渡时艰", "从对抗到融入"])
        #expect(issue.articles[0].text.hasSuffix("(本报曼谷1月10日电)"))
        #expect(ScalarText.endsSentence(Array("离开了会场。（新华社记者摄）".unicodeScalars)))
        #expect(!ScalarText.endsSentence(Array("据(本报记者".unicodeScalars)))
        #expect(!ScalarText.endsSentence(Array("市政府(扩大)".unicodeScalars)))
    }

    @Test func aLoneOpeningLineIsNotAHeadline() throws {
        // Long lines, a 30-em column: the lone line is the (indented) first line of the
        // paragraph that goes on in the next fragment, not a headline of its own.
        let text = """
            宁夏穆斯林欢度开斋节

            新华社银川1月30日电 宁夏回族自治区的穆斯林群众今天和全国各地的穆斯林一道, 欢度一年一度的开斋节。首府银川市到处张灯结彩,各清真寺 举行了隆重的会礼,节日气氛十分浓厚,群众走亲访友互致问候。

            为使广大穆斯林过好传统的开斋节,自治区人民政府在7天的

            春节假日外,又给全区各民族干部群众增加一天假日,共同庆贺, 同庆节中节,各地商场供应充足,市场繁荣,物价平稳,群众满意。
            """
        let issue = try LayoutParser.parse(text, file: "opening.txt")
        try #require(issue.articles.count == 1)
        #expect(issue.articles[0].title == "宁夏穆斯林欢度开斋节")
        #expect(issue.articles[0].text.contains("自治区人民政府在7天的春节假日外,又给全区"))
    }

    @Test func stationedReportersAreBylines() {
        let line = { (s: String) in LayoutParser.isBylineLine(Array(s.unicodeScalars)) }
        #expect(line("本报驻瑞典记者章念生"))
        #expect(line("本报驻美国记者 张亮"))
        #expect(line("驻荆州开发区记者 刘娟"))
        #expect(!line("本报驻瑞典记者站今天举行开放日活动"), "a sentence about the bureau, not a name")
        #expect(!line("本报驻瑞典记者章念生报道。"))
        // Written solid after a qualified role; a headline may open with a bare 记者.
        #expect(line("本报记者龚雯"))
        #expect(line("本报记者王锦鹄毛磊"))
        #expect(!line("记者探访春运一线"))
        #expect(!line("本报记者节日坚守岗位见闻录"))
    }

    @Test func verticalHeadlineInOneColumnIsRead() throws {
        let body = String(repeating: "中华书局决定恢复出版受读者欢迎的文选，介绍中国古代优秀作品。", count: 3)
        let text = "# 某某区新闻\n\n" + "中华书局恢复出版".map { "\($0)\n\n" }.joined() + body + "\n\n## 话剧在京上演\n\n" + body + "\n"
        let issue = try LayoutParser.parse(text, file: "vertical.txt")
        #expect(issue.articles.map(\.title) == ["中华书局恢复出版", "话剧在京上演"])
        #expect(issue.articles[0].text == body)
    }

    @Test func latinSpacesSurviveAndCJKSpacesGo() throws {
        let text = "新华社北京1月1日电 记者 从 有关部门获悉, 2025 年 Apple Watch 销量 增 长。\n\n这是第二段文字内容，依然很长很长很长很长很长很长。"
        let issue = try #require(IssueReader.read(bytes: Array(text.utf8), name: "x/one.txt").first)
        #expect(issue.id == "one")
        #expect(issue.articles.count == 1)
        let a = try #require(issue.articles.first)
        #expect(a.byline == "新华社北京1月1日电")
        #expect(a.text == "记者从有关部门获悉,2025年Apple Watch销量增长。\n这是第二段文字内容，依然很长很长很长很长很长很长。")
        #expect(a.title == "记者从有关部门获悉,2025年Apple Watch销量增长")
    }

    @Test func pageLineAtTheTopIsTheArticlesPage() throws {
        let text = """
        第5版

        学校开学第一课

        本报讯（记者张三）九月一日，全市中小学迎来开学第一课，学生们走进课堂，聆听老师讲述新学期的计划和安排。

        老师们表示，新学期将继续认真备课，努力提高教学质量，让每个学生都能学有所成。（上接第1版）
        """
        let issue = try #require(IssueReader.read(bytes: Array(text.utf8), name: "p.txt").first)
        let a = try #require(issue.articles.first)
        #expect(issue.articles.count == 1)
        #expect(a.page == 5)
        #expect(a.title == "学校开学第一课")
        #expect(a.byline == "本报讯（记者张三）")
        #expect(a.continuation == "上接第1版")
        #expect(a.text.hasSuffix("让每个学生都能学有所成。"))
    }

    @Test func issueWithoutArticleTextIsAnError() {
        let text = "责任编辑：杨枫\n\n今日4版\n"
        let e = zhutiError { _ = try IssueReader.read(bytes: Array(text.utf8), name: "masthead.txt") }
        #expect(e?.kind == .badInput)
        #expect(e?.file == "masthead.txt")
    }
}

/// Lunar masthead dates to Gregorian (dates checked against published calendars).
@Suite struct LunarDateTests {
    @Test func lunarDatesBecomeGregorian() {
        let cases: [(String, Int?, String?)] = [
            ("乙巳年七月初四", 2025, "2025-08-26"),   // seed 001's masthead
            ("乙巳年七月初四", nil, "2025-08-26"),    // no printed year: the latest cycle not in the future
            ("乙巳年正月初一", nil, "2025-01-29"),    // Spring Festival 2025
            ("甲辰年正月初一", 2024, "2024-02-10"),
            ("丙午年正月初一", 2026, "2026-02-17"),
            ("乙巳年闰六月初一", 2025, "2025-07-25"),  // 2025 has a leap sixth month
            ("乙巳年闰五月初一", 2025, nil),           // and no leap fifth
            ("乙巳年七月三十", 2025, "2025-09-21"),    // the seventh month of 2025 has 30 days (Mid-Autumn, 八月十五, is 2025-10-06)
            ("乙巳年七月廿九", 2025, "2025-09-20"),
            ("乙巳年八月十五", 2025, "2025-10-06"),
            ("乙巳年闰六月三十", 2025, nil),           // the leap month has 29 days (2025-07-25 to 08-22)
            ("乙巳年十三月初一", 2025, nil),
            ("甲巳年七月初四", 2025, nil),             // no such stem-branch pair
        ]
        let now = ISO8601DateFormatter().date(from: "2026-12-02T00:00:00Z")!
        for (text, hint, want) in cases {
            #expect(DateText.gregorian(fromLunar: text, yearHint: hint, now: now) == want, "\(text)")
        }
        // The hint picks the 60-year cycle: 乙巳 was also 1965.
        #expect(DateText.gregorian(fromLunar: "乙巳年七月初四", yearHint: 1966, now: now)?.hasPrefix("1965-") == true)
    }

    @Test func seedOneIsDatedByItsLunarMasthead() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seeds/001_11da812821fa9147.txt")
        let issue = try LayoutParser.parse(try String(contentsOf: url, encoding: .utf8), file: url.path)
        #expect(issue.lunarDate == "乙巳年七月初四")
        #expect(issue.date == "2025-08-26")
    }

    @Test func teasersWithoutSummaryAreKeptAndTakeNoStorysText() throws {
        // Two teasers (导读) with their pages and no summary, then the page's stories: each
        // teaser is an item of its own, and a paragraph of the bridge story opening in a column
        // other than the story just read is the bridge story's, not a teaser's summary (a
        // teaser's summary comes before the next headline).
        let text = """
            中共某某市委机关报 某某日报社出版 2025.8.26

            法治建设新进展

            第6版

            全国政协会议巡礼

            第2版

            荆州早稻开镰

            连日来荆州各地早稻陆续进入收割 期全市早稻种植面积达到八十万亩今年 早稻平均亩产比去年提高了五十多公斤

            沙市长江大桥主塔封顶

            沙市长江大桥南主塔近日顺利封顶大桥建设 进入钢箱梁吊装阶段建成后江南江北的通行时间 缩短到十分钟。

            种粮大户说今年早稻收购价格也比往年 高各地早稻收购点敞开收购农民售粮方 便快捷。

            大桥建设者春节期间坚守岗位确保工程按期 完工沙市区交通部门同时规划了大桥两岸的公交 线路。
            """
        let issue = try LayoutParser.parse(text, file: "front.txt")
        let teasers = issue.articles.filter { $0.kind == "teaser" }
        #expect(teasers.map(\.title) == ["法治建设新进展", "全国政协会议巡礼"])
        #expect(teasers.map(\.page) == [6, 2])
        #expect(teasers.map(\.text) == ["法治建设新进展", "全国政协会议巡礼"])
        let bridge = try #require(issue.articles.first { $0.title == "沙市长江大桥主塔封顶" })
        #expect(bridge.text.hasSuffix("规划了大桥两岸的公交线路。"))
        #expect(issue.articles.first { $0.title == "荆州早稻开镰" }?.text.hasSuffix("农民售粮方便快捷。") == true)
    }
}
