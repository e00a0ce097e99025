import Foundation
import Hummingbird
import Zhuti

/// The HTTP API over one `QueryStateStore`. Every handler takes one snapshot of the state
/// and answers from it, so a model swap in the middle of a request cannot mix two models.
struct Routes: Sendable {
    let store: QueryStateStore
    let metrics: ServerMetrics
    var options: ServerOptions { store.options }

    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    /// Every route: method, path and handler. The one list the router is built from and the
    /// 405 check reads (`RouteTable`).
    var table: [(method: HTTPRequest.Method, path: String, handler: Handler)] {
        [
            (.get, "/", { _, _ in Responses.body(WebPage.html, contentType: "text/html; charset=utf-8") }),
            (.get, "/openapi.yaml", { _, _ in Responses.body(OpenAPISpec.yaml, contentType: "application/yaml; charset=utf-8") }),
            (.get, "/health", { _, _ in try health() }),
            (.get, "/metrics", { _, _ in
                Responses.body(metrics.render(generation: store.current.generation), contentType: "text/plain; version=0.0.4; charset=utf-8")
            }),
            (.get, "/articles/:id", { _, context in try article(context) }),
            (.get, "/articles/:id/related", { request, context in try await related(request, context) }),
            (.get, "/articles/:id/neighbourhood", { request, context in try await neighbourhood(request, context) }),
            (.post, "/articles", { request, _ in try await postArticle(request) }),
            (.post, "/related", { request, _ in try await relatedToText(request) }),
            (.get, "/themes", { request, _ in Responses.json(try await themeBundle(request).json) }),
            (.get, "/themes.svg", { request, _ in
                Responses.body(try await themeBundle(request).svg, contentType: "image/svg+xml; charset=utf-8")
            }),
            (.get, "/themes/:id", { request, context in try await theme(request, context) }),
            (.get, "/track", { request, _ in try await track(request) }),
            (.get, "/graph", { request, _ in try await graph(request) }),
        ]
    }

    func register(on router: Router<BasicRequestContext>) {
        for route in table { router.on(RouterPath(route.path), method: route.method, use: route.handler) }
    }

    var routeTable: RouteTable { RouteTable(table.map { ($0.method, $0.path) }) }

    /// Routes the router serves that the OpenAPI document lacks, or the reverse; nil when the
    /// two agree (the document is the list `serve --help` and the README show).
    var mismatchWithDocument: String? {
        let routed = Set(table.map { "\($0.method.rawValue) \($0.path)" })
        let documented = Set(OpenAPISpec.routes.map { "\($0.method.uppercased()) \($0.routerPath)" })
        guard routed != documented else { return nil }
        return "routed only: \(routed.subtracting(documented).sorted()); documented only: \(documented.subtracting(routed).sorted())"
    }

    // MARK: Reads

    struct Health: Encodable {
        var status = "ok"
        var version = ZhutiVersion.string
        var model: String
        var articles: Int
        var foldedIn: Int
        var dimensions: Int
        var terms: Int
        var generation: Int
        var writable: Bool
    }

    func health() throws -> Response {
        let state = store.current
        return try Responses.json(encoding: Health(
            model: options.modelName, articles: state.model.documentCount, foldedIn: state.model.info.foldedInCount,
            dimensions: state.model.dimensions, terms: state.model.info.termCount, generation: state.generation,
            writable: options.token?.isEmpty == false))
    }

    func article(_ context: BasicRequestContext) throws -> Response {
        let id = try RequestInput.parameter(context, "id")
        guard let article = try store.current.library.article(id: id) else {
            throw APIError(.notFound, "no article '\(id)' in the library", kind: "notFound")
        }
        return try Responses.json(encoding: ArticleRecord(article))
    }

    /// Answers are cached per model state and served from the event loop; a first answer
    /// (search, texts, explanations: about a millisecond of CPU) is computed off it, so the
    /// connections sharing that loop are not held up behind it.
    func related(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = try RequestInput.parameter(context, "id")
        let k = try RequestInput.integer(request, "k", default: 10)
        let filter = try RequestInput.filter(request)
        let expansion = try RequestInput.expansion(request)
        let state = store.current
        let key = [id, String(k), filter.since ?? "", filter.until ?? "", filter.paper ?? "", filter.excludeSameIssue ? "1" : "0",
                   expansion == nil ? "plain" : "expanded"]
            .joined(separator: "\u{1F}")
        let body: ByteBuffer
        let cached = state.relatedResponses.value(for: key)
        metrics.cache(hit: cached != nil)
        if let cached {
            body = cached
        } else {
            body = ByteBuffer(string: try await offload { try state.finder.related(toArticle: id, k: k, filter: filter, expansion: expansion).json } + "\n")
            state.relatedResponses.store(body, for: key)
        }
        return Responses.json(buffer: body)
    }

    struct TextQuery: Decodable {
        var text: String
        var k: Int?
        var since: String?
        var until: String?
        var paper: String?
        var exclude_same_issue: Bool?
        var expand: Bool?
    }

    func relatedToText(_ request: Request) async throws -> Response {
        let query = try await RequestInput.json(TextQuery.self, from: request, limit: options.maxBodyBytes)
        let k = query.k ?? 10
        let range = RequestInput.kRange
        guard range.contains(k) else { throw APIError.badRequest("'k' must be between \(range.lowerBound) and \(range.upperBound) (got \(k))") }
        let length = query.text.unicodeScalars.count  // code points, as the document's maxLength counts
        guard length <= RequestInput.maxTextCharacters else {
            throw APIError(.badRequest, "'text' has \(length) characters; the limit is \(RequestInput.maxTextCharacters)", kind: "tooLarge")
        }
        func empty(_ value: String?) -> String? { value?.isEmpty == true ? nil : value }
        let filter = try RelatedFilter(since: empty(query.since), until: empty(query.until), paper: empty(query.paper),
                                       excludeSameIssue: query.exclude_same_issue ?? false).validated()
        let state = store.current
        return Responses.json(try await offload(.long) { try state.finder.related(toText: query.text, k: k, filter: filter,
                                                                               expansion: query.expand == false ? nil : .standard) }.json)
    }

    /// `k` themes, at most one per article: a small archive asked for more gets as many as
    /// it has articles (as `k` above the article count does for related articles).
    func themeCount(_ request: Request) throws -> ThemeCount {
        guard let text = RequestInput.query(request, "k"), text != "auto" else { return .auto }
        let k = try RequestInput.integer(request, "k", default: 0, range: RequestInput.themeRange)
        return .fixed(max(1, min(k, store.current.model.documentCount)))
    }

    func themeBundle(_ request: Request) async throws -> ThemeBundle {
        try await store.current.themeBundle(try themeCount(request))
    }

    func theme(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let text = try RequestInput.parameter(context, "id")
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw APIError.badRequest("theme id must be an integer (got '\(text)')")
        }
        // An id too large for an Int is a theme that does not exist, like any other.
        let id = Int(text) ?? Int.max
        let bundle = try await themeBundle(request)
        guard let theme = bundle.report.themes.first(where: { $0.id == id }) else {
            throw APIError(.notFound, "no theme \(id); there are \(bundle.report.themes.count)", kind: "notFound")
        }
        return try Responses.json(encoding: theme)
    }

    func track(_ request: Request) async throws -> Response {
        guard let query = RequestInput.query(request, "q"), query.unicodeScalars.contains(where: { !ArticlePost.ecmaWhitespace.contains($0) }) else {
            throw APIError.badRequest("give the phrase to track as ?q=...")
        }
        let thresholdText = RequestInput.query(request, "threshold") ?? "0.3"
        guard let threshold = Float(thresholdText), (-1...1).contains(threshold) else {
            throw APIError.badRequest("'threshold' must be a number between -1 and 1 (got '\(thresholdText)')")
        }
        let top = try RequestInput.integer(request, "top", default: 3, range: 1...20)
        let state = store.current
        let articles = try await state.articlesForTracking()
        let report = try await offload(.long) { () throws -> ThemeTracker.Report in
            // A phrase the model has no n-gram of matches nothing: every issue scores zero.
            let scores = state.model.foldIn(normalizedText: TextNormalizer.normalize(query))
                .map { SimilarityIndex(model: state.model).scores(to: $0) } ?? [Float](repeating: 0, count: state.model.documentCount)
            return try ThemeTracker.track(query: query, scores: scores, articles: articles, threshold: threshold, top: top)
        }
        return try Responses.json(encoding: report)
    }

    /// Formats a single HTTP response can carry (CSV is two files).
    static let graphFormats: [String: (format: GraphFormat, contentType: String)] = [
        "graphml": (.graphml, "application/graphml+xml; charset=utf-8"),
        "gexf": (.gexf, "application/gexf+xml; charset=utf-8"),
        "json": (.json, "application/json; charset=utf-8"),
        "dot": (.dot, "text/vnd.graphviz; charset=utf-8"),
    ]

    func graph(_ request: Request) async throws -> Response {
        let name = RequestInput.query(request, "format") ?? "graphml"
        guard let (format, contentType) = Self.graphFormats[name] else {
            throw APIError.badRequest("'format' must be graphml, gexf, json or dot (got '\(name)')")
        }
        let knn = try RequestInput.integer(request, "knn", default: 10, range: RequestInput.knnRange)
        let graph = try await store.current.archiveGraph(knn: knn)
        // The writer's temporary file is read back and deleted before the answer is sent, so
        // a client that goes away leaves nothing behind (the graph is bounded by knn).
        let scratch = options.scratchDirectory
        let bytes = try await offload(.long) { () throws -> Data in
            let path = (scratch as NSString)
                .appendingPathComponent("zhuti-graph-\(UUID().uuidString).\(format.fileExtension)")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try GraphWriter.write(nodes: graph.nodes, edges: graph.edges, format: format, to: path, graphName: "zhuti")
            return try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return Responses.download(bytes, contentType: contentType, downloadName: "zhuti.\(format.fileExtension)")
    }

    func neighbourhood(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let id = try RequestInput.parameter(context, "id")
        let k = try RequestInput.integer(request, "k", default: 8, range: 1...50)
        let state = store.current
        let graph = try await offload { try Neighbourhood.build(around: id, k: k, state: state) }
        return try Responses.json(encoding: graph)
    }

    // MARK: Writes

    /// 403 when writing is off, 401 without the right bearer token.
    func authorize(_ request: Request) throws {
        guard let token = options.token, !token.isEmpty else {
            throw APIError(.forbidden, "writing is off: start the server with ZHUTI_TOKEN set to accept POST /articles", kind: "forbidden")
        }
        let header = request.headers[.authorization] ?? ""
        guard header.hasPrefix("Bearer "), Self.constantTimeEqual(Array(header.utf8.dropFirst(7)), Array(token.utf8)) else {
            throw APIError(.unauthorized, header.isEmpty ? "missing 'Authorization: Bearer <token>'" : "wrong bearer token",
                           kind: "unauthorized")
        }
    }

    /// Compares without an early exit, so response timing does not reveal how much of a
    /// guessed token was right.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0
    }

    func postArticle(_ request: Request) async throws -> Response {
        try authorize(request)
        let post = try await RequestInput.json(ArticlePost.self, from: request, limit: options.maxBodyBytes).validated()
        let stored = try await store.add(post)
        var response = try Responses.json(encoding: ArticleRecord(stored), status: .created)
        response.headers[.location] = "/articles/" + (stored.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? stored.id)
        return response
    }
}
