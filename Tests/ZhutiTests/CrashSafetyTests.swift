import Foundation
import Testing
@testable import Zhuti

/// Writers that are killed, race each other or run beside readers never lose or mix up what
/// is stored.
@Suite struct CrashSafetyTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A JSONL archive of `count` articles made from the seeds' sentences (deterministic), in
    /// issues of 40: big enough that ingest and build take a while in a debug build.
    static func archive(count: Int, in folder: String) throws -> String {
        let seeds = Self.repository.appendingPathComponent("seeds").path
        var sentences: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds).sorted() {
            let text = try String(contentsOfFile: seeds + "/" + name, encoding: .utf8)
            sentences += text.components(separatedBy: "。").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { $0.count >= 12 && !$0.contains("\"") && !$0.contains("\\") }
        }
        var random = SplitMix64(seed: 13)
        var lines: [String] = []
        for index in 0..<count {
            let text = (0..<8).map { _ in sentences[Int(random.next() % UInt64(sentences.count))] }.joined(separator: "。") + "。"
            let clean = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
            lines.append(#"{"id": "crash-\#(index)", "issue": "crash-issue-\#(index / 40)", "title": "第\#(index)篇", "text": "\#(clean)", "date": "2025-0\#(1 + index % 9)-1\#(index % 10)"}"#)
        }
        let path = folder + "/archive.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs zhuti and kills it with SIGKILL after `delay` seconds (if it is still running).
    static func killed(_ arguments: [String], home: String, after delay: Double) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIRun.binary!)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["ZHUTI_HOME"] = home
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(useconds_t(delay * 1_000_000))
        let wasRunning = process.isRunning
        if wasRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return wasRunning
    }

    /// kill -9 at several moments of ingest, build and update: afterwards the library and the
    /// model (where one was written) open and answer, and the rerun completes with the same
    /// result as an uninterrupted run.
    @Test func killedWritersLeaveAWorkingLibraryAndModel() throws {
        guard CLIRun.binary != nil else { print("skipping: no built zhuti binary"); return }
        let folder = NSTemporaryDirectory() + "zhuti-crash-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let archive = try Self.archive(count: 1500, in: folder)
        let late = folder + "/late.jsonl"
        try #"{"id": "late-1", "title": "后来的", "text": "荆州市招商引资项目集中签约，总投资额超过三百亿元，推动项目早落地。", "date": "2025-10-01"}"#
            .appending("\n").write(toFile: late, atomically: true, encoding: .utf8)
        var interrupted = 0
        for (round, delay) in [0.02, 0.08, 0.2, 0.5, 1.0, 2.0].enumerated() {
            let home = folder + "/home-\(round)"
            func run(_ arguments: String...) throws -> CLIRun.Output { try CLIRun.run(arguments, environment: ["ZHUTI_HOME": home]) }
            if try Self.killed(["ingest", archive], home: home, after: delay) { interrupted += 1 }
            // The library opens (or does not exist yet), and the rerun stores everything.
            let ingest = try run("ingest", archive)
            #expect(ingest.status == 0, "round \(round): \(ingest.stderr)")
            #expect(try ArticleLibrary(home: ZhutiHome(path: home), create: false).articleCount() == 1500)

            if try Self.killed(["build", "--quiet", "--dims", "30"], home: home, after: delay) { interrupted += 1 }
            let modelPath = ZhutiHome(path: home).modelPath(named: "default")
            if FileManager.default.fileExists(atPath: modelPath) {
                #expect(try LSAModel.load(path: modelPath).documentCount == 1500, "round \(round)")
            }
            let build = try run("build", "--quiet", "--dims", "30")
            #expect(build.status == 0, "round \(round): \(build.stderr)")
            let folderItems = try FileManager.default.contentsOfDirectory(atPath: (modelPath as NSString).deletingLastPathComponent)
            #expect(!folderItems.contains { $0.contains(".tmp-") }, "round \(round): temporary files left: \(folderItems)")

            #expect(try run("ingest", late).status == 0)
            if try Self.killed(["update"], home: home, after: delay / 4) { interrupted += 1 }
            #expect([1500, 1501].contains(try LSAModel.load(path: modelPath).documentCount), "round \(round)")
            let update = try run("update")
            #expect(update.status == 0, "round \(round): \(update.stderr)")
            #expect(try LSAModel.load(path: modelPath).documentCount == 1501)
            let related = try run("related", "late-1", "-k", "3", "--format", "jsonl")
            #expect(related.status == 0, "round \(round): \(related.stderr)")
        }
        // Some kills must have hit a running writer, or the test proved nothing.
        #expect(interrupted >= 3, "only \(interrupted) runs were still running when killed")
    }

    /// Two model writers never run at once: while one holds the lock, `zhuti update` waits
    /// (and says so), then completes once the lock is released.
    @Test func modelWritersTakeTurns() throws {
        guard let binary = CLIRun.binary else { print("skipping: no built zhuti binary"); return }
        let folder = NSTemporaryDirectory() + "zhuti-lock-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let home = folder + "/home"
        #expect(try CLIRun.run(["ingest", Self.repository.appendingPathComponent("seeds").path], environment: ["ZHUTI_HOME": home]).status == 0)
        #expect(try CLIRun.run(["build", "--quiet"], environment: ["ZHUTI_HOME": home]).status == 0)
        let modelPath = ZhutiHome(path: home).modelPath(named: "default")
        // A temporary file a killed writer left behind.
        let stale = modelPath + ".tmp-999999"
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: stale))

        var lock: ModelWriteLock? = try ModelWriteLock(modelPath: modelPath)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["update"]
        var environment = ProcessInfo.processInfo.environment
        environment["ZHUTI_HOME"] = home
        process.environment = environment
        let errPath = folder + "/update.err"
        FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardError = try #require(FileHandle(forWritingAtPath: errPath))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        usleep(1_500_000)
        #expect(process.isRunning, "update did not wait for the lock")
        withExtendedLifetime(lock) {}
        lock = nil
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        #expect(!process.isRunning)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let stderr = try String(contentsOfFile: errPath, encoding: .utf8)
        #expect(stderr.contains("waiting for another build or update"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale), "stale temporary file not removed")
    }

    /// What `zhuti build` reads through: one snapshot, whatever is written meanwhile.
    @Test func snapshotsDoNotSeeConcurrentWrites() throws {
        let home = ZhutiHome(path: NSTemporaryDirectory() + "zhuti-snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: home.path) }
        let library = try ArticleLibrary(home: home, create: true)
        func issue(_ id: String, _ titles: [String]) -> ParsedIssue {
            ParsedIssue(id: id, source: "/\(id).txt", contentHash: titles.joined(),
                        articles: titles.map { ParsedArticle(title: $0, text: "\($0)的正文。") })
        }
        _ = try library.ingest([{ [issue("a", ["甲", "乙"])] }], normalize: { $0 })
        let writer = try ArticleLibrary(home: home, create: false)
        let (first, second, print1) = try library.snapshot { snapshot -> ([String], [String], String) in
            var first: [String] = []
            try snapshot.forEachArticleBatch { first += $0.map(\.id) }
            // Another connection changes the library between the two passes.
            _ = try writer.ingest([{ [issue("b", ["丙"]), issue("a", ["丁"])] }], normalize: { $0 })
            var second: [String] = []
            try snapshot.forEachBatch { (texts: [String]) in second += texts }
            return (first, second, try snapshot.fingerprint())
        }
        #expect(first == ["a-001", "a-002"])
        #expect(second == ["甲的正文。", "乙的正文。"])
        #expect(try library.fingerprint() != print1)
        #expect(try library.articleCount() == 2)  // b-001 and the new a-001
    }
}
