import Foundation
import Testing
import Zhuti
import ZhutiServer

/// Shared by the test and its request loops: how many requests each loop has finished, and
/// whether to stop.
private actor LoopControl {
    private(set) var stopped = false
    private var counts: [Int: Int] = [:]
    func stop() { stopped = true }
    func finished(_ worker: Int) { counts[worker, default: 0] += 1 }
    /// The fewest requests any of the `workers` loops has finished.
    func minimumCount(_ workers: Int) -> Int { (0..<workers).map { counts[$0] ?? 0 }.min() ?? 0 }
}

private func waitForRequests(_ control: LoopControl, workers: Int, atLeast target: Int) async throws {
    while await control.minimumCount(workers) < target { try await Task.sleep(for: .milliseconds(10)) }
}

@Suite("Server: model swap")
struct ServerSwapTests {
    @Test("a rebuilt model is swapped in while requests run; none fails")
    func swapDuringRequests() async throws {
        let fixture = try ServerFixture("swap")
        defer { fixture.remove() }
        let server = try await fixture.start()
        let client = HTTPClient(port: server.port)
        let investment = ServerCorpus.id(.investment, 1)
        let before = try await client.get("/health").json()
        #expect(before["dimensions"] as? Int == 6)
        let generation = try #require(before["generation"] as? Int)
        // Themes computed on the old model, to check the cache does not outlive it.
        let oldThemes = try await client.get("/themes?k=3")
        #expect(oldThemes.status == 200)

        let control = LoopControl()
        let workers = 4
        let loops = (0..<workers).map { worker in
            Task { () -> [Int] in
                var statuses: [Int] = []
                while await !control.stopped {
                    let response: HTTPResult
                    switch (worker + statuses.count) % 4 {
                    case 0: response = try await client.get("/articles/\(investment)/related?k=3")
                    case 1: response = try await client.post("/related", json: ["text": "生态环境质量持续改善", "k": 3])
                    case 2: response = try await client.get("/track?q=\(q("义务教育"))")
                    default: response = try await client.get("/articles/\(investment)/neighbourhood?k=3")
                    }
                    statuses.append(response.status)
                    await control.finished(worker)
                }
                return statuses
            }
        }

        // Let every loop get going, then replace the model file as `zhuti build` does.
        try await waitForRequests(control, workers: workers, atLeast: 5)
        let replacement = try fixture.fitModel(seed: 99, dimensions: 5)
        try replacement.write(to: fixture.home.modelPath(named: "default"))
        var swapped: [String: Any] = [:]
        for _ in 0..<100 {
            swapped = try await client.get("/health").json()
            if swapped["dimensions"] as? Int == 5 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(swapped["dimensions"] as? Int == 5, "the server did not pick up the new model")
        #expect((swapped["generation"] as? Int ?? 0) > generation)
        // Keep the load on until every loop has made more requests after the swap.
        try await waitForRequests(control, workers: workers, atLeast: await control.minimumCount(workers) + 5)
        await control.stop()

        var all: [Int] = []
        for loop in loops { all += try await loop.value }
        #expect(all.allSatisfy { $0 == 200 }, "statuses during the swap: \(Dictionary(grouping: all, by: { $0 }).mapValues(\.count))")

        // Answers now come from the new model: byte-identical to the engine on the new file.
        let finder = try RelatedFinder(model: try LSAModel.load(path: fixture.home.modelPath(named: "default")), library: fixture.library)
        let expected = try JSONOutput.encode(try finder.related(toArticle: investment, k: 5)) + "\n"
        #expect(try await client.get("/articles/\(investment)/related?k=5").text == expected)
        // Themes are recomputed for the new model (not served from the old model's cache).
        let newThemes = try await client.get("/themes?k=3")
        #expect(newThemes.status == 200)
        let articles = try ThemeArticle.load(for: replacement, from: fixture.library)
        let report = try ThemeReportBuilder.build(vectors: Array(replacement.documentVectors.buffer), dims: 5, articles: articles,
                                                  options: ClusteringOptions(k: .fixed(3), minSize: ClusteringOptions.defaultMinSize(articleCount: articles.count)))
        #expect(newThemes.text == (try report.renderJSON()) + "\n")
        try await server.stop()
    }

    @Test("a broken model file is not swapped in; the server keeps the old model")
    func brokenReplacement() async throws {
        let fixture = try ServerFixture("swap-broken")
        defer { fixture.remove() }
        let server = try await fixture.start()
        let client = HTTPClient(port: server.port)
        let path = fixture.home.modelPath(named: "default")
        let temporary = path + ".broken"
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: temporary))
        #expect(rename(temporary, path) == 0)
        try await Task.sleep(for: .milliseconds(500))
        let health = try await client.get("/health")
        #expect(health.status == 200)
        #expect(try health.json()["dimensions"] as? Int == 6)
        #expect(try await client.get("/articles/\(ServerCorpus.id(.ecology, 0))/related?k=3").status == 200)
        // A good build afterwards is picked up.
        try fixture.writeModel(seed: 5, dimensions: 4)
        var dimensions = 0
        for _ in 0..<100 {
            dimensions = try await client.get("/health").json()["dimensions"] as? Int ?? 0
            if dimensions == 4 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(dimensions == 4)
        try await server.stop()
    }
}
