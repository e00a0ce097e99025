import Foundation
import Testing
import Zhuti
import ZhutiServer

@Suite("Server: errors")
struct ServerErrorTests {
    @Test("every error status comes with a JSON body naming the problem")
    func errorStatuses() async throws {
        let fixture = try ServerFixture("errors")
        defer { fixture.remove() }
        let server = try await fixture.start(token: "s3cret")
        let client = HTTPClient(port: server.port)
        let investment = ServerCorpus.id(.investment, 0)

        // status, kind, request
        let cases: [(Int, String, () async throws -> HTTPResult)] = [
            (404, "notFound", { try await client.get("/articles/no-such-article") }),
            (404, "notFound", { try await client.get("/articles/no-such-article/related") }),
            (404, "notFound", { try await client.get("/articles/no-such-article/neighbourhood") }),
            (404, "notFound", { try await client.get("/themes/99?k=3") }),
            (404, "notFound", { try await client.get("/nowhere") }),
            (400, "badInput", { try await client.get("/articles/\(investment)/related?k=0") }),
            (400, "badInput", { try await client.get("/articles/\(investment)/related?k=101") }),
            (400, "badInput", { try await client.get("/themes?k=51") }),
            (400, "badInput", { try await client.get("/graph?knn=51") }),
            (400, "tooLarge", { try await client.post("/related", json: ["text": String(repeating: "招商引资", count: 5_001)]) }),
            (405, "methodNotAllowed", { try await client.request("DELETE", "/articles/\(investment)") }),
            (405, "methodNotAllowed", { try await client.request("PUT", "/related", body: Data("{}".utf8)) }),
            (415, "unsupportedMediaType", { try await client.post("/related", raw: "text=招商引资", headers: ["Content-Type": "text/plain"]) }),
            (415, "unsupportedMediaType", { try await client.post("/articles", raw: "title=a&text=b",
                                                                  headers: ["Content-Type": "application/x-www-form-urlencoded", "Authorization": "Bearer s3cret"]) }),
            (400, "badInput", { try await client.get("/articles/\(investment)/related?k=ten") }),
            (400, "badOption", { try await client.get("/articles/\(investment)/related?since=March") }),
            (400, "badInput", { try await client.get("/articles/\(investment)/related?exclude_same_issue=maybe") }),
            (400, "badInput", { try await client.get("/articles/\(investment)/related?expand=perhaps") }),
            (400, "badInput", { try await client.post("/related", json: ["text": "招商引资", "expand": "no"]) }),
            (400, "badInput", { try await client.get("/themes/one") }),
            (400, "badInput", { try await client.get("/themes?k=0") }),
            (400, "badInput", { try await client.get("/track") }),
            (400, "badInput", { try await client.get("/track?q=%20") }),
            (400, "badInput", { try await client.get("/track?q=\(q("招商"))&threshold=2") }),
            (400, "badInput", { try await client.get("/graph?format=csv") }),
            (400, "badInput", { try await client.get("/graph?knn=0") }),
            (400, "badInput", { try await client.get("/graph?knn=") }),
            (400, "badInput", { try await client.get("/themes?k=") }),
            (400, "badInput", { try await client.get("/articles/\(investment)/related?expand=") }),
            (400, "badInput", { try await client.post("/related", raw: "{\"text\": ") }),
            (400, "badInput", { try await client.post("/related", raw: "[1, 2]") }),
            (400, "badInput", { try await client.post("/related", raw: "") }),
            (400, "badInput", { try await client.post("/related", json: ["k": 3]) }),
            (400, "badInput", { try await client.post("/related", json: ["text": 42]) }),
            (400, "badInput", { try await client.post("/related", json: ["text": "招商引资", "k": "ten"]) }),
            (400, "badInput", { try await client.post("/related", json: ["text": "招商引资", "k": 0]) }),
            (400, "badInput", { try await client.post("/related", json: ["text": "招商引资", "k": 5000]) }),
            (400, "badOption", { try await client.post("/related", json: ["text": "招商引资", "since": "soon"]) }),
            (413, "tooLarge", { try await client.post("/related", json: ["text": String(repeating: "招商引资", count: 100_000)]) }),
            (413, "tooLarge", { try await client.post("/articles", json: ["title": "大", "text": String(repeating: "字", count: 400_000)],
                                                      headers: ["Authorization": "Bearer s3cret"]) }),
        ]
        for (status, kind, send) in cases {
            let response = try await send()
            #expect(response.status == status, "\(response.text)")
            #expect(response.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect(try response.errorKind() == kind, "\(response.text)")
            // Errors name the request's own fields, never the command line's flags.
            #expect(!response.text.contains("--"), "\(response.text)")
        }
        // Still serving after all that.
        #expect(try await client.get("/health").status == 200)
        try await server.stop()
    }

    @Test("a missing model or library is reported, not crashed on")
    func missingModel() async throws {
        let home = ZhutiHome(path: NSTemporaryDirectory() + "zhuti-serve-empty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        await #expect(throws: ZhutiError.self) {
            _ = try await RunningServer.start(options: ServerOptions(home: home, port: 0))
        }
        let library = try ArticleLibrary(home: home, create: true)
        _ = try library.ingest(ServerCorpus.issues.map { issue in { [issue] } }, normalize: TextNormalizer.normalize)
        do {
            _ = try await RunningServer.start(options: ServerOptions(home: home, port: 0))
            Issue.record("started without a model")
        } catch let error as ZhutiError {
            #expect(error.kind == .notFound)
            #expect(error.message.contains("zhuti build"))
        }
    }
}
