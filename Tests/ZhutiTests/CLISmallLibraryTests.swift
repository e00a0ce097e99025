import Foundation
import Testing
@testable import Zhuti

/// Defaults that fit any library: the seeds (40 articles), three articles, one article.
@Suite struct CLISmallLibraryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A fresh home holding the first `count` of three short articles of different campaigns.
    static func tinyHome(_ count: Int) throws -> String {
        let home = NSTemporaryDirectory() + "zhuti-tiny-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let texts = ["荆州市举行招商引资项目集中签约仪式，共签约项目二十个，总投资额超过三百亿元。市委书记强调，要把招商引资作为经济工作的生命线。",
                     "洪湖湿地生态治理成效明显，候鸟种类和数量逐年增加。洪湖市全面落实河湖长制，拆除围网养殖，实施退垸还湖。",
                     "市委巡视整改工作推进会召开，会议要求扎实推进巡视反馈问题整改，压实整改责任，建立长效机制。"]
        let lines = texts.prefix(count).enumerated().map { index, text in
            #"{"id": "tiny-\#(index)", "title": "\#(text.prefix(8))", "text": "\#(text)", "date": "2025-03-1\#(index)", "paper": "测试报"}"#
        }
        let file = home + "/tiny.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let ingest = try CLIRun.run(["ingest", file], environment: ["ZHUTI_HOME": home])
        guard ingest.status == 0 else { throw CLIRun.Failure(description: "ingest failed: \(ingest.stderr)") }
        return home
    }

    static func oneLine(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .newlines)
        return !trimmed.isEmpty && !trimmed.contains("\n")
    }

    @Test(arguments: [1, 3])
    func everyCommandWorksWithDefaultsOnATinyLibrary(articles: Int) throws {
        guard CLIRun.binary != nil else { print("skipping: no built zhuti binary"); return }
        let home = try Self.tinyHome(articles)
        defer { try? FileManager.default.removeItem(atPath: home) }
        func run(_ arguments: String...) throws -> CLIRun.Output { try CLIRun.run(arguments, environment: ["ZHUTI_HOME": home]) }

        let build = try run("build", "--quiet")
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("keeping every n-gram (--min-df 1 --max-df 1)"), "\(build.stderr)")
        #expect(build.stderr.contains("of the default 200 dimensions"), "\(build.stderr)")
        let model = try LSAModel.load(path: ZhutiHome(path: home).modelPath(named: "default"))
        #expect(model.dimensions == max(1, articles - 1))
        #expect(model.info.parameters.dimensions == model.dimensions)  // the model records what it used
        #expect(model.info.parameters.vectorizer.minDF == 1)

        // Explicit values the library cannot support stay errors: one line, exit 64, no model.
        for arguments in [["--dims", "50"], ["--min-df", "2"]] {
            let refused = try CLIRun.run(["build", "--name", "explicit", "--quiet"] + arguments, environment: ["ZHUTI_HOME": home])
            #expect(refused.status == 64, "build \(arguments): \(refused.stderr)")
            #expect(Self.oneLine(refused.stderr.split(separator: "\n").filter { $0.hasPrefix("zhuti:") }.joined(separator: "\n")),
                    "\(refused.stderr)")
            #expect(refused.stderr.contains(arguments[0]), "\(refused.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: ZhutiHome(path: home).modelPath(named: "explicit")))

        let related = try run("related", "tiny-0", "-k", "10", "--format", "json")
        #expect(related.status == 0, "\(related.stderr)")
        #expect(related.stderr.contains("-k 10 is more than the \(articles - 1) other articles"), "\(related.stderr)")
        let response = try #require(try JSONSerialization.jsonObject(with: Data(related.stdout.utf8)) as? [String: Any])
        #expect((response["results"] as? [Any])?.count == articles - 1)

        let themes = try run("themes", "--format", "json")
        #expect(themes.status == 0, "\(themes.stderr)")
        #expect(try JSONSerialization.jsonObject(with: Data(themes.stdout.utf8)) is [String: Any])

        let graphFile = home + "/g.gexf"
        let graph = try run("graph", "-o", graphFile)
        #expect(graph.status == 0, "\(graph.stderr)")
        #expect(graph.stderr.contains("--knn 10 is more than the \(articles - 1) other articles"), "\(graph.stderr)")
        #expect(FileManager.default.fileExists(atPath: graphFile))
    }

    @Test func defaultBuildOnTheSeedsCapsDimensionsWithANote() throws {
        guard CLIRun.binary != nil else { print("skipping: no built zhuti binary"); return }
        let home = NSTemporaryDirectory() + "zhuti-seeds-default-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let seeds = Self.repository.appendingPathComponent("seeds").path
        #expect(try CLIRun.run(["ingest", seeds], environment: ["ZHUTI_HOME": home]).status == 0)
        let build = try CLIRun.run(["build"], environment: ["ZHUTI_HOME": home])
        #expect(build.status == 0, "\(build.stderr)")
        let note = build.stderr.split(separator: "\n").filter { $0.contains("of the default 200 dimensions") }
        #expect(note.count == 1, "\(build.stderr)")
        let model = try LSAModel.load(path: ZhutiHome(path: home).modelPath(named: "default"))
        #expect(model.dimensions == model.documentCount - 1)
        #expect(model.info.parameters.dimensions == model.dimensions)
        // An explicit 200 stays an error naming the flag.
        let explicit = try CLIRun.run(["build", "--dims", "200", "--name", "explicit"], environment: ["ZHUTI_HOME": home])
        #expect(explicit.status == 64)
        #expect(explicit.stderr.contains("--dims 200 is more than the"), "\(explicit.stderr)")
    }

    /// README's "Using it" block, every line as typed, from a folder holding the seeds.
    @Test func readmeExamplesWorkAsTyped() throws {
        guard let binary = CLIRun.binary else { print("skipping: no built zhuti binary"); return }
        let readme = try String(contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Using it").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let commands = block.split(separator: "\n").map { line -> String in
            // Comments start at " #" (no example quotes a '#').
            String(line.components(separatedBy: " #").first!).trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        #expect(commands.count >= 8)
        #expect(commands.first == "zhuti ingest seeds/")

        let folder = NSTemporaryDirectory() + "zhuti-readme-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Self.repository.appendingPathComponent("seeds").path, toPath: folder + "/seeds")
        let bin = URL(fileURLWithPath: binary).deletingLastPathComponent().path
        for command in commands {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command + " > .out 2> .err"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "ZHUTI_HOME")
            environment["PATH"] = bin + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            process.environment = environment
            try process.run()
            process.waitUntilExit()
            let stderr = (try? String(contentsOfFile: folder + "/.err", encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 0, "\(command): exit \(process.terminationStatus): \(stderr)")
        }
        for file in ["neighbours.jsonl", "themes.svg", "archive.gexf", ".zhuti/models/default/model.zhuti"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + file), "\(file) missing")
        }
    }

    @Test func versionHelpAndArticlesCSV() throws {
        guard CLIRun.binary != nil else { print("skipping: no built zhuti binary"); return }
        let version = try CLIRun.run(["--version"], environment: [:])
        #expect(version.status == 0 && version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == ZhutiVersion.string)
        let help = try CLIRun.run(["--help"], environment: [:])
        #expect(help.stdout.contains("related") && !help.stdout.contains("bench-query"), "bench-query is for benchmarks")
        // serve --help lists the routes from the OpenAPI document, its one source.
        let serveHelp = try CLIRun.run(["serve", "--help"], environment: [:]).stdout
        let document = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/ZhutiServer/Resources/openapi.yaml"), encoding: .utf8)
        let paths = document.split(separator: "\n").filter { $0.hasPrefix("  /") && $0.hasSuffix(":") }.map { $0.dropFirst(2).dropLast() }
        #expect(paths.count >= 10)
        for path in paths { #expect(serveHelp.contains(" \(path) ") || serveHelp.contains(" \(path)\n"), "serve --help lacks \(path)") }
        let home = try Self.tinyHome(3)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let csv = try CLIRun.run(["articles", "--format", "csv"], environment: ["ZHUTI_HOME": home])
        #expect(csv.status == 0)
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines.first == "id,issue,source,paper,date,page,kicker,title,subtitle,byline,text,continuation,label,sequence,kind")
        #expect(lines.count == 5 && lines[1].hasPrefix("tiny-0,") && lines[4].isEmpty, "\(csv.stdout)")
    }
}
