import Foundation
import Testing
@testable import Zhuti

/// The built `zhuti` binary, run as a user would, in a temporary home holding the repo's seeds.
@Suite struct CLITests {
    /// The home every test shares: seeds ingested and a model built once. Tests that try
    /// bad input must leave it unchanged (which they check).
    static let shared: Result<CLIHome, any Error> = Result { try CLIHome.prepare() }

    /// nil (the test skips) when the binary was not built; a failed setup fails the test.
    private func home() throws -> CLIHome? {
        guard CLIRun.binary != nil else {
            print("skipping CLI test: no built zhuti binary next to the tests (run `swift build --build-tests`)")
            return nil
        }
        return try Self.shared.get()
    }

    private func ids(_ home: CLIHome) throws -> [String] {
        let articles = try home.run("articles", "--format", "jsonl")
        return try articles.jsonLines().map { try #require($0["id"] as? String) }
    }

    @Test func ingestingSeedsSucceedsAndReingestingChangesNothing() throws {
        guard let home = try home() else { return }
        let first = home.setupIngest
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("5 files, 5 issues added, 0 replaced, 0 unchanged"), "\(first.stderr)")
        let again = try home.run("ingest", home.seeds)
        #expect(again.status == 0)
        #expect(again.stderr.contains("0 issues added, 0 replaced, 5 unchanged"), "\(again.stderr)")
        let issues = try home.run("issues")
        #expect(issues.status == 0)
        #expect(issues.stdout.split(separator: "\n").count == 5)
        #expect(issues.stdout.contains("000_769fa827b3289f88\t2025-03-10\tmasthead\t荆州日报"), "\(issues.stdout)")
        // Seed 001 prints only a lunar date; the date and where it came from are shown.
        #expect(issues.stdout.contains("001_11da812821fa9147\t2025-08-26\tlunar\t"), "\(issues.stdout)")
    }

    /// What Spark's partitions run (`scripts/spark`): the same files, the same articles and
    /// ids as `zhuti ingest`; a file that cannot be read stops the step naming it.
    @Test func workerStepsGiveWhatIngestStores() throws {
        guard let home = try home() else { return }
        let files = try home.run("worker", "files", home.seeds)
        #expect(files.status == 0, "\(files.stderr)")
        let paths = files.stdout.split(separator: "\n").map(String.init)
        #expect(paths.count == 5 && paths.allSatisfy { $0.hasSuffix(".txt") })
        let rows = try CLIRun.run(["worker", "articles"], environment: [:], stdin: paths.joined(separator: "\n") + "\n")
        #expect(rows.status == 0, "\(rows.stderr)")
        // The library lists by date; the worker in file order: compare by id.
        let spread = try rows.jsonLines(), stored = try home.run("articles", "--format", "jsonl").jsonLines()
        let byID = Dictionary(uniqueKeysWithValues: stored.map { ($0["id"] as? String ?? "", $0) })
        #expect(Set(spread.map { $0["id"] as? String ?? "" }) == Set(byID.keys) && spread.count == stored.count)
        for a in spread {
            let b = byID[a["id"] as? String ?? ""] ?? [:]
            for field in ["issue", "title", "byline", "text", "page", "kind", "date", "sequence", "continuation"] {
                #expect("\(a[field] ?? "nil")" == "\(b[field] ?? "nil")", "\(a["id"] ?? "") \(field)")
            }
        }
        let broken = try CLIRun.run(["worker", "articles"], environment: [:], stdin: paths[0] + "\n/no/such/issue.txt\n")
        #expect(broken.status == 66)
        #expect(broken.stderr.hasPrefix("zhuti: /no/such/issue.txt: no such file"), "\(broken.stderr)")
        #expect(!(try home.run("--help").stdout.contains("worker")), "a step for Spark, not a command for people")
    }

    @Test func badSourceFilesAreRefusedAndStoreNothing() throws {
        guard let home = try home() else { return }
        let before = try home.run("issues", "--format", "jsonl").stdout
        let dir = home.path + "/bad-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let empty = dir + "/empty.txt", binary = dir + "/binary.txt", jsonl = dir + "/broken.jsonl"
        try Data().write(to: URL(fileURLWithPath: empty))
        try Data((0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ ($0 >> 3)) }).write(to: URL(fileURLWithPath: binary))
        try Data("""
            {"id": "ok-1", "title": "招商引资", "text": "荆州市举行招商引资项目集中签约仪式。", "date": "2025-03-10"}
            {"id": "bad-2", "title": "缺了括号", "text": "这一行不是完整的 JSON"

            """.utf8).write(to: URL(fileURLWithPath: jsonl))

        for (file, line) in [(empty, nil), (binary, nil), (jsonl, 2)] as [(String, Int?)] {
            let result = try home.run("ingest", file)
            #expect(result.status != 0, "\(file) was accepted")
            #expect(result.status == 65, "\(file): exit \(result.status)")
            let message = result.stderr.trimmingCharacters(in: .newlines)
            #expect(!message.isEmpty && !message.contains("\n"), "\(file): stderr is not one line: \(result.stderr)")
            #expect(message.contains(file), "\(file): \(message)")
            if let line { #expect(message.contains("\(file):\(line):"), "\(message)") }
            #expect(result.stdout.isEmpty)
        }
        // A good seed alongside a bad file: the run stores nothing, and names the bad file.
        let mixed = try home.run("ingest", home.seeds + "/000_769fa827b3289f88.txt", empty)
        #expect(mixed.status == 65)
        #expect(mixed.stderr.contains(empty))
        #expect(try home.run("issues", "--format", "jsonl").stdout == before)
    }

    @Test func absurdBuildOptionsExit64WithOneLine() throws {
        guard let home = try home() else { return }
        for arguments in [["--dims", "0"], ["--ngrams", "3-1"], ["--dims", "1000"], ["--ngrams", "x"], ["--max-df", "2"]] {
            let result = try home.run(["build", "--name", "bad", "--quiet"] + arguments)
            #expect(result.status == 64, "build \(arguments): exit \(result.status) \(result.stderr)")
            let message = result.stderr.trimmingCharacters(in: .newlines)
            #expect(message.hasPrefix("zhuti: ") && !message.contains("\n"), "build \(arguments): \(result.stderr)")
            #expect(message.contains("--dims") || message.contains("--ngrams") || message.contains("--max-df"), "\(message)")
        }
        #expect(!FileManager.default.fileExists(atPath: ZhutiHome(path: home.path).modelPath(named: "bad")))
    }

    @Test func queryErrorsHaveTheirExitCodes() throws {
        guard let home = try home() else { return }
        let id = try #require(try ids(home).first)
        let cases: [([String], Int32)] = [
            (["related", "NOPE"], 66),
            (["related", "-k", "0", id], 64),
            (["related", "--model", "nope", id], 66),
            (["related", "--text", "   "], 65),
            (["related", "--since", "March", id], 64),
            (["related", "--expansion-neighbours=-1", id], 64),
            (["related", "--expansion-neighbours", "101", id], 64),
            (["related", "--expansion-weight", "0", id], 64),
            (["related", "--expansion-weight", "nan", id], 64),
            (["themes", "--k", "0"], 64),
            (["graph", "--format", "xyz", "-o", home.path + "/f"], 64),
            (["graph", "--knn", "0", "-o", home.path + "/g.graphml"], 64),
        ]
        for (arguments, code) in cases {
            let result = try home.run(arguments)
            #expect(result.status == code, "\(arguments): exit \(result.status), \(result.stderr)")
            let message = result.stderr.trimmingCharacters(in: .newlines)
            #expect(message.hasPrefix("zhuti: ") && !message.contains("\n"), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: home.path + "/f"))
    }

    @Test func articlesJSONLCarriesEveryField() throws {
        guard let home = try home() else { return }
        let result = try home.run("articles", "--format", "jsonl")
        #expect(result.status == 0)
        let lines = try result.jsonLines()
        #expect(lines.count >= 20)
        let required = ["id", "issue", "source", "paper", "date", "page", "kicker", "title", "subtitle", "byline", "text",
                        "continuation", "label", "sequence", "kind"]
        for line in lines {
            #expect(Set(line.keys).isSuperset(of: required), "missing \(Set(required).subtracting(line.keys))")
            #expect((line["text"] as? String)?.isEmpty == false)
            #expect(line["issue"] as? String != nil)
        }
        #expect(Set(lines.compactMap { $0["id"] as? String }).count == lines.count)
        #expect(Set(lines.compactMap { $0["issue"] as? String }).count == 5)
        // Kickers and subtitles the seeds mark typographically come out as their own fields.
        let kicked = lines.first { $0["kicker"] as? String == "市发改委:" }
        #expect(kicked?["title"] as? String == "实干争先 锻强\"战略钢腰\"")
        #expect(lines.contains { $0["subtitle"] as? String == "市数据局以机关党建品牌建设推动业务工作纪实" })
    }

    @Test func relatedAllPrintsOneLinePerArticle() throws {
        guard let home = try home() else { return }
        let ids = try ids(home)
        let result = try home.run("related", "--all", "-k", "3", "--format", "jsonl")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try result.jsonLines()
        #expect(lines.count == ids.count)
        #expect(lines.compactMap { $0["id"] as? String } == ids)
        for line in lines {
            let results = try #require(line["results"] as? [[String: Any]])
            #expect(results.count == 3)
            #expect(!results.contains { $0["id"] as? String == line["id"] as? String })
            let scores = results.compactMap { ($0["score"] as? NSNumber)?.doubleValue }
            #expect(scores.count == 3 && zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 })
        }
        // One article's answer matches the single query.
        let single = try home.run("related", "-k", "3", "--format", "json", ids[0])
        #expect(single.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
        let singleIDs = (object["results"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(singleIDs == (lines[0]["results"] as? [[String: Any]])?.compactMap { $0["id"] as? String })

        // --no-expansion (or --expansion-neighbours 0) ranks by the plain cosine: score = cosine, descending.
        for off in [["--no-expansion"], ["--expansion-neighbours", "0"]] {
            let plain = try home.run(["related", "--all", "-k", "3", "--format", "jsonl", "--no-explain"] + off)
            #expect(plain.status == 0, "\(plain.stderr)")
            for line in try plain.jsonLines() {
                let results = try #require(line["results"] as? [[String: Any]])
                let scores = results.compactMap { ($0["score"] as? NSNumber)?.doubleValue }
                let cosines = results.compactMap { ($0["cosine"] as? NSNumber)?.doubleValue }
                #expect(scores.count == 3 && scores == cosines)
                #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 })
            }
        }
    }
}

/// A home with the seeds ingested and a small model built.
struct CLIHome: Sendable {
    let path: String
    let seeds: String
    let setupIngest: CLIRun.Output

    static func prepare() throws -> CLIHome {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let seeds = root.appendingPathComponent("seeds").path
        let path = NSTemporaryDirectory() + "zhuti-cli-\(UUID().uuidString)"
        let ingest = try CLIRun.run(["ingest", seeds], environment: ["ZHUTI_HOME": path])
        guard ingest.status == 0 else { throw CLIRun.Failure(description: "zhuti ingest seeds/ failed: \(ingest.stderr)") }
        let home = CLIHome(path: path, seeds: seeds, setupIngest: ingest)
        // The shared home lives as long as the test process; remove it when that exits.
        atexit {
            if case .success(let home) = CLITests.shared { try? FileManager.default.removeItem(atPath: home.path) }
        }
        let build = try home.run("build", "--dims", "20", "--quiet")
        guard build.status == 0 else { throw CLIRun.Failure(description: "zhuti build failed: \(build.stderr)") }
        return home
    }

    func run(_ arguments: String...) throws -> CLIRun.Output { try run(arguments) }

    func run(_ arguments: [String]) throws -> CLIRun.Output {
        try CLIRun.run(arguments, environment: ["ZHUTI_HOME": path])
    }
}

/// Runs the built binary with its output captured in files (no pipe can fill and stall it).
enum CLIRun {
    struct Failure: Error, CustomStringConvertible { var description: String }

    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String

        func jsonLines() throws -> [[String: Any]] {
            try stdout.split(separator: "\n").map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
            }
        }
    }

    /// `zhuti` next to the test bundle (`.build/<triple>/debug`), else `.build/debug` of this checkout.
    static let binary: String? = {
        var candidates: [String] = []
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        candidates.append(bundleDir.appendingPathComponent("zhuti").path)
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("zhuti").path)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("zhuti").path)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/zhuti").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func run(_ arguments: [String], environment: [String: String], stdin: String? = nil) throws -> Output {
        guard let binary else { throw Failure(description: "no zhuti binary") }
        let scratch = NSTemporaryDirectory() + "zhuti-cli-out-\(UUID().uuidString)"
        let outPath = scratch + ".out", errPath = scratch + ".err", inPath = scratch + ".in"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        _ = FileManager.default.createFile(atPath: inPath, contents: Data((stdin ?? "").utf8))
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
            try? FileManager.default.removeItem(atPath: inPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "ZHUTI_HOME")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = try #require(FileHandle(forWritingAtPath: outPath)), err = try #require(FileHandle(forWritingAtPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : FileHandle(forReadingAtPath: inPath)
        try process.run()
        // A hang is a failure, not a stuck test run.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw Failure(description: "zhuti \(arguments.joined(separator: " ")) did not finish in 60 s")
            }
            usleep(2000)
        }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Output(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}
