import Foundation
import Testing
import Zhuti
import ZhutiServer

@Suite("Server: posting articles")
struct ServerWriteTests {
    static var newArticle: [String: Any] { [
        "title": "高新区新签约一批数字经济项目",
        "text": "高新区举行数字经济招商引资项目签约仪式，六个项目签约落户，总投资额四十亿元。高新区将优化营商环境，推动签约项目早落地、早投产。",
        "date": "2025-05-06",
        "paper": "晚报",
        "id": "posted-001",
    ] }

    @Test("writing is off without a token: 403")
    func writingOff() async throws {
        let fixture = try ServerFixture("write-off")
        defer { fixture.remove() }
        let server = try await fixture.start(token: nil)
        let client = HTTPClient(port: server.port)
        let response = try await client.post("/articles", json: Self.newArticle, headers: ["Authorization": "Bearer anything"])
        #expect(response.status == 403)
        #expect(try response.errorKind() == "forbidden")
        #expect(try await client.get("/articles/posted-001").status == 404)
        try await server.stop()
    }

    @Test("a posted article needs the right token, is stored, and is queryable at once")
    func postAndQuery() async throws {
        let fixture = try ServerFixture("write")
        defer { fixture.remove() }
        let server = try await fixture.start(token: "s3cret")
        let client = HTTPClient(port: server.port)
        #expect(try await client.get("/health").json()["writable"] as? Bool == true)

        let missing = try await client.post("/articles", json: Self.newArticle)
        #expect(missing.status == 401)
        #expect(try missing.errorKind() == "unauthorized")
        #expect(missing.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        let wrong = try await client.post("/articles", json: Self.newArticle, headers: ["Authorization": "Bearer s3cre"])
        #expect(wrong.status == 401)
        let basic = try await client.post("/articles", json: Self.newArticle, headers: ["Authorization": "Basic s3cret"])
        #expect(basic.status == 401)
        #expect(try await client.get("/articles/posted-001").status == 404, "rejected posts store nothing")

        let auth = ["Authorization": "Bearer s3cret"]
        let created = try await client.post("/articles", json: Self.newArticle, headers: auth)
        #expect(created.status == 201, "\(created.text)")
        #expect(created.headers["location"] == "/articles/posted-001")
        let record = try created.json()
        #expect(record["id"] as? String == "posted-001")
        #expect(record["issue"] as? String == "posted-001", "without an issue, the article is its own issue")
        #expect(record["date"] as? String == "2025-05-06")

        // Queryable at once, through the id and as the best match of a text about it.
        let stored = try await client.get("/articles/posted-001")
        #expect(stored.status == 200)
        #expect(try stored.json()["title"] as? String == Self.newArticle["title"] as? String)
        let byText = try await client.post("/related", json: ["text": "数字经济项目签约落户高新区", "k": 3])
        #expect(resultIDs(try byText.json()).first == "posted-001")
        let byID = try await client.get("/articles/posted-001/related?k=3")
        #expect(resultIDs(try byID.json()).allSatisfy { ServerCorpus.topicOf[$0] == .investment })
        let health = try await client.get("/health").json()
        #expect(health["articles"] as? Int == ServerCorpus.articleCount + 1)
        #expect(health["foldedIn"] as? Int == 1)
        // And it is in the library for every other tool.
        #expect(try fixture.library.article(id: "posted-001")?.paper == "晚报")

        // The same id again: conflict. Bad fields: 400.
        let again = try await client.post("/articles", json: Self.newArticle, headers: auth)
        #expect(again.status == 409)
        #expect(try again.errorKind() == "conflict")
        var badDate = Self.newArticle
        badDate["id"] = "posted-002"
        badDate["date"] = "May 6"
        #expect(try await client.post("/articles", json: badDate, headers: auth).status == 400)
        var badID = Self.newArticle
        badID["id"] = "a/b"
        #expect(try await client.post("/articles", json: badID, headers: auth).status == 400)
        #expect(try await client.post("/articles", json: ["title": "无正文", "text": " "], headers: auth).status == 400)
        #expect(try await client.post("/articles", json: ["text": "没有标题"], headers: auth).status == 400)

        // Ids outside ASCII travel percent-encoded in paths.
        let chinese = try await client.post("/articles", json: ["title": "教育简讯", "text": "推进义务教育优质均衡发展。", "id": "教育-简讯"],
                                            headers: auth)
        #expect(chinese.status == 201)
        #expect(chinese.headers["location"] == "/articles/\(q("教育-简讯"))")
        let fetched = try await client.get("/articles/\(q("教育-简讯"))")
        #expect(try fetched.json()["id"] as? String == "教育-简讯")
        #expect(try await client.get("/articles/\(q("教育-简讯"))/related?k=2").status == 200)

        // Asked before the next post (and so cached), asked again after it: the answer changes.
        let neighbourPath = "/articles/\(ServerCorpus.id(.education, 3))/related?k=20"
        let neighbourBefore = try await client.get(neighbourPath)
        #expect(try await client.get(neighbourPath).body == neighbourBefore.body)
        #expect(!resultIDs(try neighbourBefore.json()).contains { $0.hasPrefix("post-") })

        // Into an existing issue: appended, the issue's other articles keep their ids.
        let intoIssue = try await client.post("/articles", json: [
            "title": "课后服务新增科技课程", "text": "中小学课后服务新增科技和艺术课程，推进义务教育优质均衡发展。",
            "issue": "wb-2025-04-12",
        ], headers: auth)
        #expect(intoIssue.status == 201, "\(intoIssue.text)")
        let appended = try intoIssue.json()
        let appendedID = try #require(appended["id"] as? String)
        #expect(appendedID.hasPrefix("post-"))
        #expect(appended["issue"] as? String == "wb-2025-04-12")
        #expect(appended["sequence"] as? Int == 4)
        #expect(appended["date"] as? String == "2025-04-12", "takes the issue's date")
        let issueArticles = try fixture.library.articles(issue: "wb-2025-04-12")
        #expect(issueArticles.map(\.id) == (0..<3).map { ArticleLibrary.articleID(issue: "wb-2025-04-12", sequence: $0 + 1) } + [appendedID])
        let education = try await client.get("/articles/\(appendedID)/related?k=3")
        #expect(resultIDs(try education.json()).allSatisfy { ServerCorpus.topicOf[$0] == .education || $0 == "教育-简讯" })
        let neighbour = try await client.get(neighbourPath)
        #expect(resultIDs(try neighbour.json()).contains(appendedID))
        try await server.stop()

        // Restart: the posted articles (not in the model file) are folded in at start-up.
        let restarted = try await fixture.start(token: nil)
        let again2 = HTTPClient(port: restarted.port)
        let status = try await again2.get("/health").json()
        #expect(status["articles"] as? Int == ServerCorpus.articleCount + 3)
        #expect(status["foldedIn"] as? Int == 3)
        let afterRestart = try await again2.post("/related", json: ["text": "数字经济项目签约落户高新区", "k": 1])
        #expect(resultIDs(try afterRestart.json()) == ["posted-001"])
        try await restarted.stop()
    }

    @Test("concurrent posts are all kept")
    func concurrentPosts() async throws {
        let fixture = try ServerFixture("write-many")
        defer { fixture.remove() }
        let server = try await fixture.start(token: "t")
        let client = HTTPClient(port: server.port)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<8 {
                group.addTask {
                    try await client.post("/articles", json: [
                        "title": "第\(i)篇", "text": "招商引资项目第\(i)批签约落户，营商环境持续优化。", "id": "many-\(i)", "issue": "many",
                    ], headers: ["Authorization": "Bearer t"]).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 201, count: 8))
        #expect(try fixture.library.articles(issue: "many").map(\.id).sorted() == (0..<8).map { "many-\($0)" })
        #expect(try await client.get("/health").json()["articles"] as? Int == ServerCorpus.articleCount + 8)
        for i in 0..<8 { #expect(try await client.get("/articles/many-\(i)/related?k=1").status == 200) }
        try await server.stop()
    }
}
