import ArgumentParser
import Foundation
import Zhuti

struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fold articles ingested since the last build into the model, without refitting.",
        discussion: """
            New issues become queryable at once: each new article is projected into the model's
            LSA space with the stored term vectors (the vocabulary and topics stay those of the
            fit). Rebuild from time to time (`zhuti build`) so new vocabulary and topics enter.

            Example (a daily routine):
              zhuti ingest today.txt && zhuti update
            """
    )

    @OptionGroup var home: HomeOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var progressOptions: ProgressOptions

    func run() throws {
        try reportingErrors {
            let library = try home.openLibrary()
            let path = home.resolved.modelPath(named: model.model)
            // One writer at a time; and the file written replaces the very file read (a model
            // replaced meanwhile by a writer that took no lock is not overwritten).
            let lock = try ModelWriteLock(modelPath: path, waiting: { Terminal.progress("update: " + $0) })
            let stamp = ModelFileStamp.read(path: path)
            let lsa = try model.load(home: home.resolved)
            let reporter = progressOptions.reporter
            defer { reporter.finish() }
            guard let (updated, added) = try lsa.foldingInMissing(from: library, progress: reporter.callback) else {
                Terminal.progress("update: the model already holds all \(lsa.documentCount) articles")
                return
            }
            guard ModelFileStamp.read(path: path) == stamp else {
                throw ZhutiError(.io, "the model was replaced while update ran; run `zhuti update` again", file: path)
            }
            try updated.write(to: path)
            withExtendedLifetime(lock) {}
            Terminal.progress("update: folded \(added) new articles into model '\(model.model)' (\(updated.documentCount) articles)")
        }
    }
}
