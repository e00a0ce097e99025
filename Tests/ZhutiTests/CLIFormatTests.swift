import Foundation
import Testing
@testable import Zhuti

/// One format convention: every listing command in every format, parsed back.
@Suite struct CLIFormatTests {
    /// RFC 4180: fields separated by commas, rows by CRLF, quoted fields may hold commas,
    /// quotes (doubled) and line breaks.
    static func parseCSV(_ text: String) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, wasQuoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty && !wasQuoted {
                quoted = true
                wasQuoted = true
            } else if c == "," {
                row.append(field); field = ""; wasQuoted = false
            } else if c == "\r" {
                guard scalars.popFirst() == "\n" else { throw CLIRun.Failure(description: "a bare CR in CSV") }
                row.append(field); rows.append(row); row = []; field = ""; wasQuoted = false
            } else if c == "\n" {
                throw CLIRun.Failure(description: "a row ends in LF, not CRLF")
            } else {
                field.unicodeScalars.append(c)
            }
        }
        guard !quoted, field.isEmpty, row.isEmpty else { throw CLIRun.Failure(description: "CSV does not end with CRLF") }
        return rows
    }

    @Test func everyListingCommandSpeaksEveryFormat() throws {
        guard CLIRun.binary != nil else { print("skipping: no built zhuti binary"); return }
        let home = try CLITests.shared.get()
        let id = try #require(try home.run("articles", "--format", "jsonl").jsonLines().first?["id"] as? String)
        let commands: [[String]] = [
            ["issues"], ["articles"], ["models"], ["topics", "--limit", "3"], ["related", id, "-k", "3"],
            ["related", "--all", "-k", "2", "--no-explain"], ["themes", "--k", "3"], ["track", "招商引资"],
        ]
        for command in commands {
            var counts: [String: Int] = [:]
            for format in ["text", "json", "jsonl", "csv"] {
                let result = try home.run(command + ["--format", format])
                #expect(result.status == 0, "\(command) \(format): \(result.stderr)")
                switch format {
                case "json":
                    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
                    #expect(object is [Any] || object is [String: Any], "\(command): \(result.stdout.prefix(200))")
                    if let array = object as? [Any] { counts["json"] = array.count }
                case "jsonl":
                    let lines = try result.jsonLines()
                    counts["jsonl"] = lines.count
                case "csv":
                    let rows = try Self.parseCSV(result.stdout)
                    #expect(rows.count >= 1, "\(command): no header")
                    #expect(rows.allSatisfy { $0.count == rows[0].count }, "\(command): rows are not rectangular")
                    counts["csv"] = rows.count - 1
                default:
                    #expect(!result.stdout.isEmpty)
                }
            }
            // A listing's rows are the same items in json, jsonl and csv (csv may list one
            // row per n-gram or per result where one object holds several).
            if let json = counts["json"] { #expect(json == counts["jsonl"], "\(command): \(counts)") }
            if ["issues", "articles", "models", "track"].contains(command[0]) { #expect(counts["jsonl"] == counts["csv"], "\(command): \(counts)") }
        }
        // Any other format is refused with exit 64, naming the allowed values.
        for command in commands {
            let result = try home.run(command + ["--format", "xml"])
            #expect(result.status == 64, "\(command)")
            #expect(result.stderr.contains("text") && result.stderr.contains("jsonl") && result.stderr.contains("csv"), "\(result.stderr)")
        }
    }
}

/// Progress on stderr: a redrawn bar on a terminal, plain lines when piped, nothing with --quiet.
@Suite struct CLIProgressTests {
    @Test func progressBarOnATerminalLinesWhenPipedNothingWhenQuiet() throws {
        guard let binary = CLIRun.binary else { print("skipping: no built zhuti binary"); return }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            print("skipping: no /usr/bin/script for a pseudo-terminal"); return
        }
        let home = try CLITests.shared.get()
        // Under a pseudo-terminal (util-linux `script`): the line is redrawn with CR and
        // erase-line, with a bar, counts and a rate.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(binary)' related --all -k 3 --no-explain --format jsonl > /dev/null", "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["ZHUTI_HOME"] = home.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("\r\u{1B}[K"), "no redrawn line: \(output.debugDescription)")
        #expect(output.contains("related, searching: [") && output.contains("related, explaining: ["), "\(output)")
        #expect(output.contains("#"), "no bar: \(output)")

        // Piped: plain lines, no redrawing.
        let piped = try home.run("related", "--all", "-k", "3", "--no-explain", "--format", "jsonl")
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("\r"))
        let lines = piped.stderr.split(separator: "\n")
        #expect(lines.contains { $0.contains("related, searching:") && $0.contains("/") }, "\(piped.stderr)")
        #expect(lines.contains { $0.contains("related, explaining:") }, "\(piped.stderr)")

        let quiet = try home.run("related", "--all", "-k", "3", "--no-explain", "--format", "jsonl", "--quiet")
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(quiet.stdout == piped.stdout)

        // themes and update report their stages too, and --quiet silences them.
        let themes = try home.run("themes", "--k", "3", "--format", "json")
        #expect(themes.stderr.contains("themes: clustering"), "\(themes.stderr)")
        #expect(try home.run("themes", "--k", "3", "--format", "json", "--quiet").stderr.isEmpty)
        #expect(try home.run("update", "--quiet").status == 0)
    }
}
