import Foundation
import Testing
import Zhuti
import ZhutiServer

@Suite("Server: read routes")
struct ServerReadRoutesTests {
    @Test("health, articles and related articles by id, with filters")
    func articlesAndRelated() async throws {
        let fixture = try ServerFixture("read")
        defer { fixture.remove() }
        let server = try await fixture.start()
        let client = HTTPClient(port: server.port)

        let health = try await client.get("/health")
        #expect(health.status == 200)
        let status = try health.json()
        #expect(status["status"] as? String == "ok")
        #expect(status["articles"] as? Int == ServerCorpus.articleCount)
        #expect(status["dimensions"] as? Int == 6)
        #expect(status["foldedIn"] as? Int == 0)
        #expect(status["writable"] as? Bool == false)

        let investment = ServerCorpus.id(.investment, 0)
        let article = try await client.get("/articles/\(investment)")
        #expect(article.status == 200)
        #expect(article.headers["content-type"]?.hasPrefix("application/json") == true)
        let record = try article.json()
        #expect(record["title"] as? String == "开发区举行招商引资签约仪式")
        #expect(record["issue"] as? String == "rb-2025-03-01")
        #expect(record["paper"] as? String == "日报")
        #expect(record.keys.contains("byline"), "null fields are present, as in the CLI's JSON")

        // The three nearest articles of an investment article are the other investment articles.
        let related = try await client.get("/articles/\(investment)/related?k=3")
        #expect(related.status == 200)
        let relatedBody = try related.json()
        #expect((relatedBody["query"] as? [String: Any])?["id"] as? String == investment)
        let ids = resultIDs(relatedBody)
        #expect(ids.count == 3)
        #expect(Set(ids) == Set((1..<4).map { ServerCorpus.id(.investment, $0) }))
        let first = try #require((relatedBody["results"] as? [[String: Any]])?.first)
        #expect((first["shared"] as? [String])?.isEmpty == false, "results carry the shared phrases")
        // Same bytes as the engine (and so the CLI's --format json) gives.
        let finder = try RelatedFinder(model: try LSAModel.load(path: fixture.home.modelPath(named: "default")), library: fixture.library)
        #expect(related.text == (try JSONOutput.encode(try finder.related(toArticle: investment, k: 3))) + "\n")
        // expand=false ranks by plain cosine (its own cache entry), as `zhuti related --no-expansion` does.
        let plain = try await client.get("/articles/\(investment)/related?k=3&expand=false")
        #expect(plain.text == (try JSONOutput.encode(try finder.related(toArticle: investment, k: 3, expansion: nil))) + "\n")
        for result in try #require(try plain.json()["results"] as? [[String: Any]]) {
            #expect(result["score"] as? Double == result["cosine"] as? Double)
        }
        let postedPlain = try await client.post("/related", json: ["text": "招商引资项目签约落户", "k": 3, "expand": false])
        #expect(postedPlain.text == (try JSONOutput.encode(try finder.related(toText: "招商引资项目签约落户", k: 3, expansion: nil))) + "\n")

        let otherIssue = try await client.get("/articles/\(investment)/related?k=11&exclude_same_issue=true")
        let otherIDs = resultIDs(try otherIssue.json())
        #expect(otherIDs.count == 9, "12 articles minus the query's issue (3)")
        #expect(otherIDs.allSatisfy { !$0.hasPrefix("rb-2025-03-01-") })

        let evening = try await client.get("/articles/\(investment)/related?k=20&paper=\(q("晚报"))")
        let eveningIDs = resultIDs(try evening.json())
        #expect(eveningIDs.count == 6)
        #expect(eveningIDs.allSatisfy { $0.hasPrefix("wb-") })

        let april = try await client.get("/articles/\(investment)/related?k=20&since=2025-04")
        #expect(Set(resultIDs(try april.json())) == Set(eveningIDs))

        try await server.stop()
    }

    @Test("related to posted text ranks the matching campaign first")
    func relatedToText() async throws {
        let fixture = try ServerFixture("text")
        defer { fixture.remove() }
        let server = try await fixture.start()
        let client = HTTPClient(port: server.port)

        let response = try await client.post("/related", json: ["text": "招商引资项目签约落户，优化营商环境", "k": 4])
        #expect(response.status == 200)
        let body = try response.json()
        let ids = resultIDs(body)
        #expect(ids.count == 4)
        #expect(ids.allSatisfy { ServerCorpus.topicOf[$0] == .investment })
        #expect((body["query"] as? [String: Any])?["id"] == nil)

        let filtered = try await client.post("/related", json: ["text": "生态环境质量持续改善", "k": 12, "paper": "日报"])
        let filteredIDs = resultIDs(try filtered.json())
        #expect(filteredIDs.count == 6)
        #expect(filteredIDs.allSatisfy { $0.hasPrefix("rb-") })
        #expect(ServerCorpus.topicOf[filteredIDs[0]] == .ecology)
        try await server.stop()
    }

    @Test("themes are computed once, served as JSON, one by one and as a heatmap")
    func themes() async throws {
        let fixture = try ServerFixture("themes")
        defer { fixture.remove() }
        let server = try await fixture.start()
        let client = HTTPClient(port: server.port)

        let response = try await client.get("/themes?k=3")
        #expect(response.status == 200)
        let report = try response.json()
        #expect(report["k"] as? Int == 3)
        #expect(report["articleCount"] as? Int == ServerCorpus.articleCount)
        let themes = try #require(report["themes"] as? [[String: Any]])
        #expect(themes.count == 3)
        // Each theme is one campaign.
        for theme in themes {
            let members = (theme["articles"] as? [String]) ?? []
            #expect(Set(members.compactMap { ServerCorpus.topicOf[$0] }).count == 1, "theme mixes campaigns: \(members)")
            #expect((theme["timeline"] as? [[String: Any]])?.count == 4)
        }
        // Cached: the same bytes again.
        #expect(try await client.get("/themes?k=3").body == response.body)

        let one = try await client.get("/themes/1?k=3")
        #expect(one.status == 200)
        #expect(try one.json()["label"] as? String == themes[0]["label"] as? String)

        let auto = try await client.get("/themes")
        #expect(auto.status == 200)
        #expect((try auto.json()["themes"] as? [[String: Any]])?.isEmpty == false)

        let svg = try await client.get("/themes.svg?k=3")
        #expect(svg.status == 200)
        #expect(svg.headers["content-type"]?.hasPrefix("image/svg+xml") == true)
        #expect(svg.text.contains("<svg"))
        #expect(svg.text.contains(themes[0]["label"] as? String ?? "missing label"))
        try await server.stop()
    }

    @Test("track follows a phrase issue by issue")
    func track() async throws {
        let fixture = try ServerFixture("track")
        defer { fixture.remove() }
        let server = try await fixture.start()
        let client = HTTPClient(port: server.port)

        let response = try await client.get("/track?q=\(q("招商引资"))")
        #expect(response.status == 200)
        let report = try response.json()
        #expect(report["query"] as? String == "招商引资")
        let issues = try #require(report["issues"] as? [[String: Any]])
        #expect(issues.map { $0["issue"] as? String } == ServerCorpus.issueMeta.map(\.id))
        for (i, point) in issues.enumerated() {
            #expect(point["articles"] as? Int == 3)
            #expect(point["best"] as? String == ServerCorpus.id(.investment, i))
        }
        try await server.stop()
    }

    @Test("graph export in graphml, gexf and node-link JSON")
    func graph() async throws {
        let fixture = try ServerFixture("graph")
        defer { fixture.remove() }
        let server = try await fixture.start()
        let client = HTTPClient(port: server.port)

        let json = try await client.get("/graph?format=json&knn=3")
        #expect(json.status == 200)
        let graph = try json.json()
        let nodes = try #require(graph["nodes"] as? [[String: Any]])
        let links = try #require(graph["edges"] as? [[String: Any]])
        #expect(nodes.count == ServerCorpus.articleCount)
        #expect(Set(nodes.compactMap { $0["id"] as? String }) == Set(ServerCorpus.topicOf.keys))
        // knn 3: every article links to its three campaign mates; deduplicated that is 4 choose 2 per campaign.
        #expect(links.count == 18)
        for link in links {
            let source = try #require(link["source"] as? String), target = try #require(link["target"] as? String)
            #expect(ServerCorpus.topicOf[source] == ServerCorpus.topicOf[target])
        }

        let graphml = try await client.get("/graph?format=graphml&knn=3")
        #expect(graphml.status == 200)
        #expect(graphml.headers["content-type"]?.hasPrefix("application/graphml+xml") == true)
        #expect(graphml.text.contains("<graphml"))
        #expect(graphml.text.components(separatedBy: "<edge ").count - 1 == 18)

        let gexf = try await client.get("/graph?format=gexf")
        #expect(gexf.status == 200)
        #expect(gexf.text.contains("<gexf"))

        let neighbourhood = try await client.get("/articles/\(ServerCorpus.id(.ecology, 1))/neighbourhood?k=3")
        #expect(neighbourhood.status == 200)
        let local = try neighbourhood.json()
        let localNodes = try #require(local["nodes"] as? [[String: Any]])
        #expect(localNodes.count == 4)
        #expect(localNodes.compactMap { $0["id"] as? String }.allSatisfy { ServerCorpus.topicOf[$0] == .ecology })
        #expect(localNodes.filter { $0["center"] as? Bool == true }.count == 1)
        // 3 spokes, plus each neighbour's two best mates among the other two: the triangle.
        #expect((local["links"] as? [[String: Any]])?.count == 6)
        // Spokes weigh the plain cosine, as the related answer lists it.
        let center = ServerCorpus.id(.ecology, 1)
        let cosines = Dictionary(uniqueKeysWithValues: try #require(
            try await client.get("/articles/\(center)/related?k=3").json()["results"] as? [[String: Any]])
            .map { ($0["id"] as! String, ($0["cosine"] as! NSNumber).doubleValue) })
        let spokes = try #require(local["links"] as? [[String: Any]]).filter { $0["source"] as? String == center }
        #expect(spokes.count == 3)
        for spoke in spokes {
            let weight = try #require((spoke["weight"] as? NSNumber)?.doubleValue)
            #expect(abs(weight - (cosines[spoke["target"] as? String ?? ""] ?? -9)) < 1e-6)
        }
        try await server.stop()
    }

    @Test("web page, OpenAPI description covering every route, unknown routes")
    func pageAndSpec() async throws {
        let fixture = try ServerFixture("page")
        defer { fixture.remove() }
        let server = try await fixture.start()
        let client = HTTPClient(port: server.port)

        let page = try await client.get("/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(page.text.contains("<form id=\"search\""))
        #expect(!page.text.contains("http://") || !page.text.contains("<script src"), "no external scripts")
        #expect(!page.text.contains("<script src"))
        #expect(!page.text.contains("<link rel=\"stylesheet\""))

        let spec = try await client.get("/openapi.yaml")
        #expect(spec.status == 200)
        #expect(spec.text.hasPrefix("openapi: 3."))
        for path in ["/health:", "/metrics:", "/articles:", "/articles/{id}:", "/articles/{id}/related:", "/articles/{id}/neighbourhood:",
                     "/related:", "/themes:", "/themes.svg:", "/themes/{id}:", "/track:", "/graph:", "/openapi.yaml:", "/:"] {
            #expect(spec.text.contains("\n  \(path)\n"), "openapi.yaml lacks \(path)")
        }
        // The spec is valid YAML with every path: checked with a real parser when PyYAML is present.
        try checkWithPython(spec.text)

        let unknown = try await client.get("/no/such/route")
        #expect(unknown.status == 404)
        #expect(try unknown.errorKind() == "notFound")
        try await server.stop()
    }

    private func checkWithPython(_ yaml: String) throws {
        let script = """
            import sys
            try:
                import yaml
            except ImportError:
                print("skip"); sys.exit(0)
            spec = yaml.safe_load(sys.stdin.read())
            assert spec["openapi"].startswith("3."), spec["openapi"]
            refs = set()
            def walk(node):
                if isinstance(node, dict):
                    for key, value in node.items():
                        if key == "$ref": refs.add(value)
                        walk(value)
                elif isinstance(node, list):
                    for value in node: walk(value)
            walk(spec)
            for ref in refs:
                node = spec
                for part in ref.lstrip("#/").split("/"): node = node[part]
            print("ok", len(spec["paths"]))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch { return }
        input.fileHandleForWriting.write(Data(yaml.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if text.hasPrefix("skip") { return }
        #expect(process.terminationStatus == 0 && text.hasPrefix("ok 14"), "openapi.yaml: \(text)")
    }
}

/// The OpenAPI document is the one list of routes: the router must match it (the server
/// refuses to start otherwise, which every server test would see), and the README and
/// `serve --help` show what it lists.
@Suite("Server: one source for the routes")
struct ServerRouteSourceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("the document lists every route with a summary, and the README names each path")
    func documentAndReadme() throws {
        let routes = APIRoute.all
        #expect(routes.count >= 10, "\(routes)")
        #expect(routes.contains { $0.method == "post" && $0.path == "/articles" })
        #expect(routes.contains { $0.method == "get" && $0.path == "/articles/{id}/neighbourhood" })
        for route in routes { #expect(!route.summary.isEmpty, "\(route.method) \(route.path) has no summary") }
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        for route in routes where route.path != "/" {
            #expect(readme.contains("`\(route.path)") || readme.contains(" \(route.path)"), "README does not name \(route.path)")
        }
    }

    @Test("the routes a running server answers are the documented ones")
    func routerMatchesDocument() async throws {
        let fixture = try ServerFixture("routes")
        defer { fixture.remove() }
        let server = try await fixture.start()
        let client = HTTPClient(port: server.port)
        for route in APIRoute.all where route.method == "get" {
            let path = route.path.replacingOccurrences(of: "{id}", with: "no-such-id")
            let response = try await client.get(path)
            // A documented route may refuse these arguments, but never as an unknown route.
            #expect(!response.text.contains("no such route"), "\(route.path): \(response.text)")
        }
        try await server.stop()
    }
}
