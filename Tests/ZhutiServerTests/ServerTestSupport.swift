import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Testing
import Zhuti
import ZhutiServer

/// A hand-written archive: three campaigns (招商引资, 生态环境, 教育) of four articles, one of
/// each per issue, over four issues of two papers.
enum ServerCorpus {
    enum Topic: String, CaseIterable { case investment, ecology, education }

    static let articles: [Topic: [(title: String, text: String)]] = [
        .investment: [
            ("开发区举行招商引资签约仪式", "开发区举行招商引资项目集中签约仪式，十二个项目签约落户，总投资额一百五十亿元。管委会表示，要优化营商环境，推动签约项目早落地、早开工、早投产。"),
            ("县里赴沿海开展产业链招商", "县委县政府组织招商小分队赴沿海地区开展产业链招商，围绕主导产业精准招商引资，新签约亿元以上项目八个，营商环境持续优化。"),
            ("招商引资推进会部署全年任务", "全市招商引资工作推进会召开，会议要求坚持招商引资一号工程，强化项目服务专班制度，推动签约项目早落地，确保全年招商引资目标完成。"),
            ("新能源项目签约落户高新区", "一批新能源和新材料项目签约落户高新区，总投资额超过八十亿元。高新区围绕主导产业精准招商引资，为企业提供全程帮办代办服务，优化营商环境。"),
        ],
        .ecology: [
            ("长江干流水质保持稳定", "市生态环境局加强长江干流水质监测，水质稳定保持二类标准。各地落实河湖长制，开展污水治理和岸线复绿，生态环境质量持续改善。"),
            ("湿地候鸟数量逐年增加", "湖区湿地生态修复成效明显，候鸟种类和数量逐年增加。当地拆除围网养殖，实施退垸还湖和污水治理，湖区水质明显好转，生态环境持续改善。"),
            ("矿山修复守护绿水青山", "市里推进废弃矿山生态修复和水土保持，完成造林绿化一万亩，建立生态环境监测网络，落实河湖长制，整治污水直排，生态环境质量持续改善。"),
            ("岸线整治专项行动启动", "长江岸线生态环境整治专项行动启动，清理非法码头和砂石堆场，实施岸线复绿和湿地修复，加强水质监测，推动生态环境质量持续改善。"),
        ],
        .education: [
            ("新建学校秋季开学", "城区三所新建中小学秋季开学，新增学位四千个。教育局推进义务教育优质均衡发展，加强教师队伍建设，缓解城区学校大班额问题。"),
            ("乡村教师培训计划实施", "教育局实施乡村教师能力提升培训计划，组织三百名乡村教师参加集中培训，推进城乡教育均衡发展，提升义务教育教学质量。"),
            ("课后服务覆盖全部中小学", "全市中小学课后服务实现全覆盖，学校开设体育、艺术、科技等课程，减轻学生作业负担，推进义务教育优质均衡发展，家长满意度提升。"),
            ("职业教育产教融合见成效", "职业院校深化产教融合和校企合作，开设新能源汽车等专业，培养技能人才。教育局表示，要推进职业教育与义务教育协调发展，提升教育质量。"),
        ],
    ]

    static let issueMeta: [(id: String, paper: String, date: String)] = [
        ("rb-2025-03-01", "日报", "2025-03-01"),
        ("rb-2025-03-08", "日报", "2025-03-08"),
        ("wb-2025-04-05", "晚报", "2025-04-05"),
        ("wb-2025-04-12", "晚报", "2025-04-12"),
    ]

    static var issues: [ParsedIssue] {
        issueMeta.enumerated().map { i, meta in
            ParsedIssue(id: meta.id, source: "/archive/\(meta.id).txt", paper: meta.paper, date: meta.date, contentHash: "hash-\(meta.id)",
                        articles: Topic.allCases.map { topic in
                            let article = articles[topic]![i]
                            return ParsedArticle(title: article.title, text: article.text, page: 1)
                        })
        }
    }

    /// Stored id of `topic`'s article in issue `i`.
    static func id(_ topic: Topic, _ i: Int) -> String {
        ArticleLibrary.articleID(issue: issueMeta[i].id, sequence: Topic.allCases.firstIndex(of: topic)! + 1)
    }

    static var topicOf: [String: Topic] {
        var map: [String: Topic] = [:]
        for topic in Topic.allCases { for i in 0..<4 { map[id(topic, i)] = topic } }
        return map
    }

    static let articleCount = 12

    static func parameters(seed: UInt64 = 7, dimensions: Int = 6) -> LSAParameters {
        LSAParameters(dimensions: dimensions, seed: seed)
    }
}

/// A temporary home with the corpus ingested and a model built.
struct ServerFixture {
    let home: ZhutiHome
    let library: ArticleLibrary

    init(_ name: String) throws {
        home = ZhutiHome(path: NSTemporaryDirectory() + "zhuti-serve-\(name)-\(UUID().uuidString)")
        library = try ArticleLibrary(home: home, create: true)
        _ = try library.ingest(ServerCorpus.issues.map { issue in { [issue] } }, normalize: TextNormalizer.normalize)
        try writeModel(seed: 7, dimensions: 6)
    }

    func fitModel(seed: UInt64, dimensions: Int) throws -> LSAModel {
        try LSAModel.fit(library: library) { _ in ServerCorpus.parameters(seed: seed, dimensions: dimensions) }
    }

    /// Fits and writes the default model the way `zhuti build` does (atomic replace).
    func writeModel(seed: UInt64, dimensions: Int) throws {
        try fitModel(seed: seed, dimensions: dimensions).write(to: home.modelPath(named: "default"))
    }

    func options(token: String? = nil) -> ServerOptions {
        ServerOptions(home: home, port: 0, token: token, pollInterval: .milliseconds(100))
    }

    func start(token: String? = nil, configure: (inout ServerOptions) -> Void = { _ in }) async throws -> RunningServer {
        var logger = Logger(label: "zhuti.serve.test")
        logger.logLevel = .warning
        var options = options(token: token)
        configure(&options)
        return try await RunningServer.start(options: options, logger: logger)
    }

    func remove() { try? FileManager.default.removeItem(atPath: home.path) }
}

/// One HTTP exchange as the tests see it.
struct HTTPResult: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: body)
        return try #require(object as? [String: Any], "expected a JSON object, got \(text.prefix(200))")
    }

    /// The error body every failure carries: `{"error": ..., "kind": ...}`.
    func errorKind() throws -> String {
        let object = try json()
        #expect((object["error"] as? String)?.isEmpty == false, "error message missing in \(text)")
        return try #require(object["kind"] as? String, "kind missing in \(text)")
    }
}

struct HTTPClient: Sendable {
    let port: Int

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        configuration.httpMaximumConnectionsPerHost = 8
        return URLSession(configuration: configuration)
    }()

    func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }

    /// `path` may carry a query string; non-ASCII must already be percent-encoded (see `q`).
    func request(_ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]) async throws -> HTTPResult {
        var request = URLRequest(url: url(path))
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if body != nil, headers["Content-Type"] == nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await Self.session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields[String(describing: name).lowercased()] = String(describing: value) }
        return HTTPResult(status: http.statusCode, headers: fields, body: data)
    }

    func get(_ path: String) async throws -> HTTPResult { try await request("GET", path) }

    func post(_ path: String, json: [String: Any], headers: [String: String] = [:]) async throws -> HTTPResult {
        try await request("POST", path, body: try JSONSerialization.data(withJSONObject: json), headers: headers)
    }

    func post(_ path: String, raw: String, headers: [String: String] = [:]) async throws -> HTTPResult {
        try await request("POST", path, body: Data(raw.utf8), headers: headers)
    }
}

/// Percent-encodes a query value or path segment (everything but ASCII letters, digits and `-._~`).
func q(_ text: String) -> String {
    let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
}

/// Ids of a related-articles response's results, best first.
func resultIDs(_ object: [String: Any]) -> [String] {
    ((object["results"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
}
