import Foundation
import Testing
import Zhuti
import ZhutiServer

/// Drives the web page in headless Chromium (Debian `chromium`; scripts/test installs it):
/// the page runs the search from `?q=` on load, the DOM must then hold the results list, and
/// a screenshot is saved to `test-output/page.png` in the repository.
@Suite("Server: web page in a browser")
struct ServerBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static var outputFolder: URL {
        // Tests/ZhutiServerTests/ServerBrowserTests.swift -> repository root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("test-output")
    }

    @Test("a search from the URL shows related articles with explanations, the heatmap and the graph")
    func searchInBrowser() async throws {
        guard let chromium = Self.chromium else {
            print("skipping the browser test: chromium is not installed (apt-get install chromium, or run scripts/test)")
            return
        }
        let fixture = try ServerFixture("browser")
        defer { fixture.remove() }
        let server = try await fixture.start()
        let address = "http://127.0.0.1:\(server.port)/?q=\(q("招商引资"))"
        try FileManager.default.createDirectory(at: Self.outputFolder, withIntermediateDirectories: true)
        let profile = NSTemporaryDirectory() + "zhuti-chromium-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                      "--user-data-dir=\(profile)", "--virtual-time-budget=10000", "--window-size=1280,900"]

        let dom = try await run(chromium, common + ["--dump-dom", address])
        #expect(dom.contains("<ol id=\"results\">"))
        // Four investment articles rank first; every one is listed with its shared phrases.
        let items = dom.components(separatedBy: "<li class=\"result\"").count - 1
        #expect(items == 10, "results in the DOM: \(items)")
        for i in 0..<4 { #expect(dom.contains("data-id=\"\(ServerCorpus.id(.investment, i))\"")) }
        #expect(dom.contains("class=\"phrase\""), "explanations (shared phrases) are shown")
        #expect(dom.contains("招商引资"))
        #expect(dom.contains("<svg") && dom.contains("Zhuti themes by issue"), "the heatmap is inlined")
        #expect(dom.contains("class=\"node\""), "the neighbourhood graph is drawn")

        let screenshot = Self.outputFolder.appendingPathComponent("page.png")
        try? FileManager.default.removeItem(at: screenshot)
        _ = try await run(chromium, common + ["--screenshot=\(screenshot.path)", "--hide-scrollbars", address])
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG was written")
        #expect(png.count > 20_000, "the screenshot is not blank (\(png.count) bytes)")
        try await server.stop()
    }

    /// Runs a command, returning stdout; fails the test when it exits non-zero.
    private func run(_ executable: String, _ arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = arguments
                    let output = Pipe()
                    process.standardOutput = output
                    process.standardError = FileHandle.nullDevice
                    try process.run()
                    let data = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    if process.terminationStatus != 0 {
                        Issue.record("chromium exited with \(process.terminationStatus)")
                    }
                    continuation.resume(returning: String(decoding: data, as: UTF8.self))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
