import ArgumentParser
import Foundation
import Zhuti

/// `zhuti worker files PATH...`: the driver's list of issue files, expanded by the rules of
/// `zhuti ingest` (folders searched recursively for .txt and .jsonl), one per line.
struct WorkerFiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "files",
        abstract: "Print the issue files `zhuti ingest PATH...` would read, one per line."
    )

    @Argument(help: ArgumentHelp("Issue files, folders or JSONL exports.", valueName: "path"))
    var paths: [String]

    func run() throws {
        try reportingErrors {
            for file in try IssueReader.sourceFiles(for: paths) { print(file) }
        }
    }
}
