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
        let a = issue.articles
        try #require(a.count == 8)

        // Lead story: the teaser headlines above it are dropped, its own three-line headline kept.
        #expect(a[0].title == "建功支点 荆州争先 2025年一季度荆州市重大项目建设暨镇域经济工作拉练活动举行 持续掀起大抓项目热潮 全力打好镇域经济攻坚战")
        #expect(a[0].byline == "本报讯(记者李天然 夏雨彬 董浩 特约记者丁美华)")
        #expect(a[0].text.hasPrefix("3月7日至8日,荆州市举行2025年一季度重大项目建设暨镇域经济工作拉练活动并召开工作推进会。"))
        #expect(a[0].text.contains("会上,市委常委、常务副市长金鹏通报2024年镇域经济考核情况。"))
        #expect(!a[0].text.contains("奏响团结奋进的时代强音"))

        #expect(a[1].title == "技能等级自评 打破职业发展\"天花板\"")
        #expect(a[1].continuation == "下转第3版")
        #expect(a[1].text.hasSuffix("全力打通县外社会认定机构技能等级认定渠道。"))

        #expect(a[2].title == "以奋进之姿跑出项目\"加速度\"")
        #expect(a[2].text.hasPrefix("春潮澎湃起,奋斗正当时。迎着和煦的春风"))
        #expect(a[2].text.contains("新增长点持续涌现"))   // the headline-looking wrap is body
        #expect(a[2].text.hasSuffix("勇挑重担、再立新功。"))

        #expect(a[3].title == "让每一件\"政\"事能办好办 ·市数据局以机关党建品牌建设推动业务工作纪实")
        #expect(a[3].byline == "记者 王大玲 通讯员 高欣慰 张榕坤 周妮娜")
        #expect(a[4].title == "以廉洁为基——监督办,畅通企业群众 办事\"中梗阻\"")
        #expect(a[4].continuation == "下转第3版")

        #expect(a[6].title == "荆州九菱科技股份有限公司: 高精度零件生产线投产")
        #expect(a[6].byline == "记者 周蓉 陈丹 通讯员 陈思其")
        #expect(a[6].text.hasPrefix("近日,走进位于沙市经济开发区的荆州九菱科技股份有限公司"))
        #expect(a[6].text.hasSuffix("为荆州建功\"支点建设\"注入强劲动力。"))

        #expect(a[7].title == "荆州市2025年一季度重大项目建设 暨镇域经济工作拉练活动项目展示 市发改委: 实干争先 锻强\"战略钢腰\"")
        #expect(a[7].text.hasSuffix("谋深谋细任务举措?"))
        // Vertical headline debris (周安 / 伍 / 建设改革综述) is not a title.
        #expect(!a.contains { $0.title.contains("建设改革综述") || $0.title.hasPrefix("周安") })
    }

    @Test func markdownHeadingsAndVerticalDebris() throws {
        let issue = try seed("001_11da812821fa9147.txt")
        #expect(issue.paper == "荆州区新闻")
        #expect(issue.lunarDate == "乙巳年七月初四")
        #expect(issue.date == "2025-08-26")   // only the lunar date is printed, and converted
        #expect(issue.number == nil)
        let a = issue.articles
        try #require(a.count == 9)
        let titles = a.map(\.title)
        #expect(titles[0] == "2025年招商引资\"秋季攻势\"工作安排")
        #expect(titles[1] == "区委常委会(扩大)会议召开")
        #expect(titles[3] == "万玲玲调研李埠镇天鹅村软弱涣散党组织整顿工作 凝聚起基层发展和乡村振兴的核心力量")
        #expect(titles[4] == "张远重开展\"逢四说事\"接访活动 全力化解 确保让群众真正满意")
        #expect(titles[5] == "车享生活 惠聚荆楚")
        #expect(titles[7] == "西城街道做好\"科技+人力\"结合文章 筑牢太湖港流域生态屏障")
        #expect(titles[8] == "李埠镇与荆州理工职业学院携手 共筑镇校融合新高地")

        // An untitled 本报讯 story gets its first clause as title.
        #expect(a[2].byline == "本报讯(通讯员高艳璇)")
        #expect(titles[2].hasPrefix("近日,区委常委会召开会议"))
        #expect(a[2].text.hasSuffix("会议还研究了其他事项。"))

        #expect(a[1].byline == "本报讯(通讯员王思奇 王开)")
        #expect(a[1].text.hasPrefix("近日,区委常委会(扩大)会议召开,传达学习省委书记王忠林"))
        #expect(a[1].text.hasSuffix("主要负责人参加会议。"))
        #expect(a[3].text.hasPrefix("8月22日,区委书记万玲玲带队赴李埠镇天鹅村"))
        #expect(a[5].text.hasPrefix("8月23日,由市商务局指导、区商务局主办的"))

        // The one-character-per-line headline (万/玲/玲主持召开区委常/委会会议/营造/风/清…) is gone.
        for art in a {
            #expect(!art.text.contains("玲主持召开区委常"))
            #expect(!art.text.split(separator: "\n").contains { $0.count <= 2 })
            #expect(!art.title.contains("营造"))
        }
    }

    @Test func narrowColumnsWithHeadlinesAfterStories() throws {
        let issue = try seed("002_c344412e7caa2398.txt")
        #expect(issue.paper == nil && issue.date == nil && issue.number == nil)
        let a = issue.articles
        try #require(a.count == 8)
        #expect(a[0].title == "荆州开发区党工委副书记、管委会主任陈明宇： 抓牢项目建设“生命线” 筑牢产业发展“压舱石”")
        #expect(a[0].byline == "驻荆州开发区记者 刘娟")
        #expect(a[0].text.hasPrefix("担负全市工业振兴崛起主战场、城区向东“桥头堡”重任的荆州开发区"))
        // Hard line breaks joined, even across a blank line inside a paragraph.
        #expect(a[0].text.contains("刷新了项目服务的‘荆州速度’。”陈明宇说"))
        #expect(a[0].text.hasSuffix("为全市高质量发展提供强有力的产业支撑。"))

        #expect(a[1].title == "江陵县委书记全运宝： 打造县域经济“小巨人” 争当工业崛起“排头兵”")
        #expect(a[1].byline == "记者 叶力铭")
        #expect(a[1].text.hasPrefix("“江陵县将认真学习借鉴兄弟县市区先进经验"))

        #expect(a[2].title == "编者按 县市 抢抓机遇 扩大“朋友圈”")
        #expect(a[3].byline == "记者 刘娟 通讯员 徐海宏")
        #expect(a[3].text.contains("\n当好电力“先行官”。\n"))

        // The vertical headline printed one character per line is reassembled.
        #expect(a[4].title == "市政务服务和大数据管理局党组书记、局长施金方： 开展专项行动 提高审批效率 加快项目落地")
        #expect(a[4].byline == "通讯员 刘天华 记者 王大玲")
        #expect(a[4].text.hasSuffix("全力当好项目建设的金牌“店小二”。"))

        // One story, not split by its column-wide lines without punctuation.
        #expect(a[5].text.hasPrefix("“本次会议吹响了荆州加快建设鄂中省域区域性中心城市的号角"))
        #expect(a[5].text.contains("“市委、市政府已成立跨部门、跨区域的鄂中省域区域性中心城市建设总指挥部和六个专项指挥部，并建立"))
        #expect(a[5].byline == "记者 孙晓旭记者 刘娟 通讯员 杨元洪")
        #expect(a[6].byline == "记者 陈雪玲")
        #expect(a[7].title == "强化服务 当好“店小二”部门")
        #expect(a[7].text.hasSuffix("做到人人有任务、个个引项目。"))
        for art in a { #expect(!art.text.contains("施\n金\n方")) }
    }

    @Test func narrowColumnsWithDatelines() throws {
        let issue = try seed("003_40017197490e464d.txt")
        let a = issue.articles
        try #require(a.count == 8)
        #expect(a.map(\.title) == [
            "汪元程主持召开市委常委会会议 强化政治监督 坚决彻底抓好巡视反馈问题整改落实 聚焦主题主线 推动学习教育全程高质量全面高质量",
            "4月22日，全市“干部素质提升年”专项工作小组会议召开",
            "荆州新城产业创客中心预计6月底封顶",
            "荆州造“拳头”产品“圈粉”全球客商 12家企业广交会一期成交订单1228万美元",
            "退役电池“变废为宝”湖北睿勤开启节能降排新赛道",
            "“长江大保护十周年·百村蹲点调研行” 大型融媒报道启动",
            "以实效赢民心 用行动写答卷",
            "2025年失业保险稳岗惠民政策出台",
        ])
        #expect(a.map(\.byline) == [
            "本报讯（记者李天然 夏雨彬 特约记者丁美华）", "本报讯（记者李天然 夏雨彬 蒋斌 特约记者丁美华）",
            "本报讯（记者胡嫚嫚 胡威虎 通讯员 李宇飞 李坤）", "本报讯（记者万杨 通讯员向恩平）", "记者 王大玲 李理 李弢",
            "本报讯（记者杨萌）", "本报评论员 曹歌", "新华社北京4月22日电",
        ])
        // `4月 22日` loses its stray space; the byline prefix is not in the body.
        #expect(a[0].text.hasPrefix("4月22日，市委常委会召开会议，传达学习习近平总书记近期重要讲话精神"))
        #expect(a[0].text.hasSuffix("会议还研究了其他事项。"))
        #expect(a[1].text.hasSuffix("市领导夏光宏、郭小容、余雪飞、胡斌、韩旭参加会议。"))
        // The photo caption stays with the story it illustrates.
        #expect(a[2].text.hasSuffix("建设中的荆州新城产业孵化中心（东塔）和产业创客中心。"))
        #expect(a[4].text.hasPrefix("装满硫酸钴的货车缓缓驶出厂门"))
        #expect(a[6].text.contains("干部素质提升行动，最怕“一阵风”。"))   // `干 部 素 质 …` justified text
        #expect(a[7].text.hasPrefix("记者22日从人力资源社会保障部获悉"))
        #expect(a[7].text.hasSuffix("各级相关部门要推动政策尽快落地见效。"))
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
        // The teaser pointing to page 7 is not a headline of any story here.
        #expect(!a.contains { $0.title.contains("关键时期的关键抉择") })
        #expect(a[1].title.hasSuffix("荆州市科技大会举行 加快构建以\"用\"为导向的科技创新体系"))
        #expect(a[1].text.hasPrefix("12月10日上午,荆州市科技大会举行。"))
        #expect(a[2].title == "荆州探索\"社工+志愿者\"联动模式,推进新时代 社会工作和志愿服务高质量发展·")
        #expect(a[3].title == "建阵地 强队伍 夯实社会工作和志愿服务基础")
        #expect(a[3].continuation == "下转第2版")
        #expect(a[4].title == "以科技创新激活高质量发展澎湃动能")
        #expect(a[5].title == "市政府召开常务会议暨党组(扩大)会议 深入学习贯彻省委十二届八次全会精神 坚决完成洪湖流域综合治理年度目标任务")
        #expect(a[5].byline == "本报讯(记者万杨)")
        #expect(a[5].text.hasSuffix("会议还研究了其他事项。"))
        #expect(a[6].title == "77天! 引江济汉工程连续调水时长创新高")
        #expect(a[6].byline == "本报讯(记者卢艳 陈孝伍 通讯员 张立)")
        #expect(a[6].text.hasSuffix("为保障汉江中下游生态和供水安全作出了积极贡献。"))
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
}
