import ArgumentParser
import Foundation
import Zhuti

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read newspaper issues and store their articles in the library.",
        discussion: """
            PATH may be an issue text file, a folder (searched recursively for .txt and .jsonl),
            or a JSONL export with one article per line ("text" required; "id", "title", "date",
            "page", "paper", "issue", "label" optional). Encodings are detected: UTF-8 (with or
            without BOM), UTF-16 with BOM, GB18030/GBK.

            Re-ingesting an unchanged file changes nothing; a changed file replaces its issue's
            articles. If any file cannot be read, nothing of the run is stored and every bad
            file is named, one line each.

            Examples:
              zhuti ingest seeds/
              zhuti ingest --home /data/jingzhou 2025/*.txt
              zhuti ingest export.jsonl
            """
    )

    @OptionGroup var home: HomeOptions

    @Argument(help: ArgumentHelp("Issue files, folders or JSONL exports.", valueName: "path"))
    var paths: [String]

    @OptionGroup var progressOptions: ProgressOptions

    func run() throws {
        try reportingErrors {
            let files = try IssueReader.sourceFiles(for: paths)
            let library = try home.openLibrary(create: true)
            let started = Date()
            let reporter = progressOptions.reporter
            defer { reporter.finish() }
            var done = 0
            // One producer per issue, files opened as the library reaches them: a JSONL
            // export's issues are parsed one at a time (see `IssueSource`).
            let batches = files.lazy.flatMap { file -> [() throws -> [ParsedIssue]] in
                let source: IssueSource
                do {
                    source = try IssueReader.open(path: file)
                } catch {
                    return [{ throw error }]
                }
                done += 1
                let file = done, issues = source.count
                return (0..<issues).map { index in {
                    // Files, and the issues of a large export, as the library stores them.
                    if issues > 1 { reporter.report("ingest, file \(file) of \(files.count): \(index + 1)/\(issues) issues") }
                    else { reporter.report("ingest: \(file)/\(files.count) files") }
                    return [try source.issue(index)]
                } }
            }
            let outcome = try library.ingest(batches, normalize: TextNormalizer.normalize)
            let seconds = Date().timeIntervalSince(started)
            reporter.finish()
            Terminal.progress(String(format: "ingest: %d files, %d issues added, %d replaced, %d unchanged; %d articles stored in %.2f s",
                                     files.count, outcome.added.count, outcome.replaced.count, outcome.unchanged.count,
                                     outcome.articleCount, seconds))
        }
    }
}
