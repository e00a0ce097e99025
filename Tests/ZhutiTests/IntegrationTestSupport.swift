import Foundation
import Testing
@testable import Zhuti

/// A small hand-written archive with known structure, shared by the LSA, related-articles,
/// graph and CLI suites: three campaigns (招商引资, 生态治理, 巡视整改) of four articles each,
/// spread over four issues of two papers, plus a fifth issue that reprints one article word
/// for word and prints a digest (the first half) of a long one.
enum IntegrationCorpus {
    enum Topic: String, CaseIterable { case investment, ecology, inspection }

    struct Article {
        var topic: Topic
        var title: String
        var text: String
    }

    static let investment: [Article] = [
        Article(topic: .investment, title: "我市举行招商引资项目集中签约仪式", text: """
            荆州市举行招商引资项目集中签约仪式，共签约项目二十个，总投资额超过三百亿元。市委书记强调，要把招商引资作为经济工作的生命线，\
            优化营商环境，强化项目服务，推动签约项目早落地、早开工、早投产。各县市区要围绕主导产业开展精准招商，引进一批龙头企业和配套企业。
            """),
        Article(topic: .investment, title: "公安县产业链招商成效明显", text: """
            今年以来，公安县坚持把招商引资作为“一号工程”，组建专班赴长三角、珠三角开展产业链招商，新引进亿元以上项目十二个。\
            县里实行项目专班服务制度，为企业提供全程帮办代办，营商环境持续优化，签约项目开工率达到百分之八十。
            """),
        Article(topic: .investment, title: "江陵县招商引资取得新突破", text: """
            江陵县招商引资工作取得新突破，一批新能源和新材料项目签约落户。该县围绕主导产业精准招商，健全重大项目跟踪服务机制，\
            推动签约项目早落地、早投产。今年一季度，全县新签约项目总投资额同比增长百分之三十，营商环境满意度明显提升。
            """),
        Article(topic: .investment, title: "监利市招商引资工作推进会召开", text: """
            监利市召开招商引资工作推进会，总结去年招商引资工作，部署今年重点任务。会议指出，去年全市新签约亿元以上项目四十六个，\
            总投资额突破五百亿元，一批龙头企业落户监利。会议要求，要坚持招商引资“一号工程”不动摇，围绕主导产业开展产业链招商，\
            瞄准长三角、珠三角等重点区域精准发力。要强化项目服务，落实项目专班服务制度，推动签约项目早落地、早开工、早投产。\
            要持续优化营商环境，深化“放管服”改革，为企业提供全程帮办代办服务，让企业安心投资、放心发展。各镇区和市直部门\
            要压实招商责任，建立招商引资考核机制，每月通报签约项目进展，对工作不力的单位进行约谈，确保全年招商引资目标任务圆满完成。
            """),
    ]

    static let ecology: [Article] = [
        Article(topic: .ecology, title: "长江荆州段水质稳定向好", text: """
            荆州市持续推进长江生态治理，开展沿江化工企业关改搬转，完成岸线复绿二百多公顷。市生态环境局加强水质监测，\
            长江干流荆州段水质稳定保持二类标准。各地落实河湖长制，深入开展禁捕退捕和污水治理，生态环境质量持续改善。
            """),
        Article(topic: .ecology, title: "洪湖湿地候鸟翩飞", text: """
            洪湖湿地生态治理成效明显，候鸟种类和数量逐年增加。洪湖市全面落实河湖长制，拆除围网养殖，实施退垸还湖和污水治理工程，\
            湖区水质由劣五类提升到三类。当地群众说，湿地环境越来越好，生态旅游也带动了增收。
            """),
        Article(topic: .ecology, title: "松滋市守护一江清水", text: """
            松滋市加强生态治理，推进矿山修复和水土保持，今年完成造林绿化一万亩。市里建立生态环境监测网络，对重点河湖实行水质月报制度，\
            严格落实河湖长制，督促各地整治污水直排问题，守护一江清水，生态环境质量持续改善。
            """),
        Article(topic: .ecology, title: "石首市开展岸线生态治理专项行动", text: """
            石首市开展长江岸线生态治理专项行动，清理非法码头和砂石堆场，实施岸线复绿和湿地修复。天鹅洲保护区加强江豚保护，\
            落实禁捕退捕，开展水质监测，生态环境质量持续改善，湿地候鸟数量逐年增加。
            """),
    ]

    static let inspection: [Article] = [
        Article(topic: .inspection, title: "市委巡视整改工作推进会召开", text: """
            市委巡视整改工作推进会召开。会议要求，各被巡视党组织要扛牢巡视整改主体责任，对照巡视反馈问题清单逐条制定整改措施，\
            明确责任人和整改时限，做到问题不解决不松劲、整改不到位不收兵。市纪委监委要加强对巡视整改的日常监督。
            """),
        Article(topic: .inspection, title: "市委第二巡视组反馈巡视情况", text: """
            市委第二巡视组向市交通运输局党组反馈巡视情况。巡视组指出，该局在落实全面从严治党主体责任、作风建设等方面存在问题。\
            局党组表示，将照单全收、立行立改，建立巡视整改台账，逐条制定整改措施，确保巡视反馈问题整改到位。
            """),
        Article(topic: .inspection, title: "荆州区公布巡视整改进展", text: """
            荆州区公布巡视整改进展情况。区委成立巡视整改工作领导小组，针对巡视反馈的四个方面问题，制定整改措施六十条，\
            目前已完成整改五十二条。区纪委监委加强日常监督，对整改不力的严肃问责，推动全面从严治党向纵深发展。
            """),
        Article(topic: .inspection, title: "沙市区召开巡视整改专题民主生活会", text: """
            沙市区召开巡视整改专题民主生活会，区委常委班子对照巡视反馈问题深入查摆，开展批评和自我批评。会议强调，\
            要把巡视整改作为重大政治任务，压实主体责任，建立长效机制，以整改实效推动全面从严治党和作风建设。
            """),
    ]

    /// Issue ids, papers and dates: two issues of 荆州日报 in March, two of 荆州晚报 in April,
    /// and the reprint issue of 荆州晚报 in May.
    static let issueMeta: [(id: String, paper: String, date: String)] = [
        ("jzrb-2025-03-01", "荆州日报", "2025-03-01"),
        ("jzrb-2025-03-08", "荆州日报", "2025-03-08"),
        ("jzwb-2025-04-05", "荆州晚报", "2025-04-05"),
        ("jzwb-2025-04-12", "荆州晚报", "2025-04-12"),
    ]
    static let reprintIssue = (id: "jzwb-2025-05-03", paper: "荆州晚报", date: "2025-05-03")

    /// The long article whose first half the reprint issue prints as a digest.
    static var longArticle: Article { investment[3] }
    /// The article the reprint issue prints again word for word.
    static var reprintedArticle: Article { ecology[0] }
    static var digestText: String {
        let text = longArticle.text
        return String(text.prefix(text.count / 2))
    }

    /// Issue `i` (0..<4) carries article `i` of each campaign, in campaign order.
    static var issues: [ParsedIssue] {
        var result = issueMeta.enumerated().map { i, meta in
            ParsedIssue(id: meta.id, source: "/archive/\(meta.id).txt", paper: meta.paper, date: meta.date,
                        contentHash: "hash-\(meta.id)",
                        articles: [investment[i], ecology[i], inspection[i]].map { ParsedArticle(title: $0.title, text: $0.text, page: 1) })
        }
        result.append(ParsedIssue(
            id: reprintIssue.id, source: "/archive/\(reprintIssue.id).txt", paper: reprintIssue.paper, date: reprintIssue.date,
            contentHash: "hash-\(reprintIssue.id)",
            articles: [
                ParsedArticle(title: reprintedArticle.title, text: reprintedArticle.text, page: 2),
                ParsedArticle(title: "监利招商引资（摘要）", text: digestText, page: 3),
            ]))
        return result
    }

    /// Stored id of campaign `topic`'s article `i` (its issue is `issueMeta[i]`).
    static func id(_ topic: Topic, _ i: Int) -> String {
        let position = Topic.allCases.firstIndex(of: topic)! + 1
        return ArticleLibrary.articleID(issue: issueMeta[i].id, sequence: position)
    }

    static let reprintID = ArticleLibrary.articleID(issue: reprintIssue.id, sequence: 1)
    static let digestID = ArticleLibrary.articleID(issue: reprintIssue.id, sequence: 2)

    /// Which campaign each stored article belongs to (reprint and digest included).
    static var topicOf: [String: Topic] {
        var map: [String: Topic] = [:]
        for topic in Topic.allCases {
            for i in 0..<4 { map[id(topic, i)] = topic }
        }
        map[reprintID] = .ecology
        map[digestID] = .investment
        return map
    }

    static let articleCount = 14

    /// Small enough for 14 documents, large enough to separate three campaigns.
    static let parameters = LSAParameters(dimensions: 6, seed: 7)

    /// A temporary home; remove it with `remove()`.
    struct Home {
        let home: ZhutiHome
        init(_ name: String) {
            home = ZhutiHome(path: NSTemporaryDirectory() + "zhuti-it-\(name)-\(UUID().uuidString)")
        }
        func remove() { try? FileManager.default.removeItem(atPath: home.path) }
    }

    /// A library holding `issues` (default: the whole corpus).
    static func library(in home: Home, issues: [ParsedIssue] = issues) throws -> ArticleLibrary {
        let library = try ArticleLibrary(home: home.home, create: true)
        _ = try library.ingest(issues.map { issue in { [issue] } }, normalize: TextNormalizer.normalize)
        return library
    }

    /// The library's article ids in the order `zhuti build` fits them.
    static func ids(of library: ArticleLibrary) throws -> [String] {
        var ids: [String] = []
        try library.forEachBatch { ids.append(contentsOf: $0.map(\.id)) }
        return ids
    }

    static func fit(_ library: ArticleLibrary, parameters: LSAParameters = parameters) throws -> LSAModel {
        try LSAModel.fit(library: library) { _ in parameters }
    }
}
