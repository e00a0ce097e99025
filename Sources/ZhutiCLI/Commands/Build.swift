import ArgumentParser
import Foundation
import Zhuti

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit an LSA model (character n-gram TF-IDF + truncated SVD) on the library.",
        discussion: """
            The model is written to <home>/models/NAME/model.zhuti, replacing any previous one
            atomically. The same library and options always give a byte-identical model.

            The defaults fit any library: without --dims, a library too small for 200
            dimensions gets as many as it supports (one line on stderr says so; the model
            records what it used); without --min-df/--max-df, a library of fewer than 4
            articles keeps every n-gram (the default bounds would keep none). Values given
            explicitly are used as given, or refused with exit 64 when the library cannot
            support them.

            Examples:
              zhuti build                         # 1-3 grams, 200 dimensions (fewer on a small library)
              zhuti build --dims 100 --name small
              zhuti build --ngrams 2-3 --min-df 3 --max-terms 200000
            """
    )

    @OptionGroup var home: HomeOptions

    @Option(help: ArgumentHelp("Model name.", valueName: "name"))
    var name: String = "default"

    @OptionGroup var options: BuildOptions

    @OptionGroup var progressOptions: ProgressOptions

    /// Peak resident memory so far (Linux VmHWM), for the progress lines.
    static func peakMemoryMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }

    func run() throws {
        try reportingErrors {
            try ZhutiHome.validateModelName(name)
            _ = try options.parameters()  // absurd options fail before the library is read
            let library = try home.openLibrary()
            let started = Date()
            let reporter = progressOptions.reporter
            defer { reporter.finish() }
            let progress = reporter.callback.map { report in { (message: String) in report(message + " (\(Self.peakMemoryMB()) MB)") } }
            let path = home.resolved.modelPath(named: name)
            let lock = try ModelWriteLock(modelPath: path, waiting: { Terminal.progress("build: " + $0) })
            let model = try LSAModel.fit(library: library, capsDimensions: options.dims == nil, progress: progress) { articles in
                try options.parameters(articles: articles, note: { Terminal.progress($0) })
            }
            if options.dims == nil && model.dimensions < BuildOptions.defaultDimensions {
                Terminal.progress("build: \(model.dimensions) of the default \(BuildOptions.defaultDimensions) dimensions, the most this library supports (articles: \(model.documentCount), n-grams kept: \(model.info.termCount))")
            }
            progress?("build: writing \(path)")
            try model.write(to: path)
            withExtendedLifetime(lock) {}
            Terminal.progress(String(format: "build: model '%@' (%d articles, %d terms, %d dimensions) written to %@ in %.2f s",
                                     name, model.documentCount, model.info.termCount, model.dimensions, path,
                                     Date().timeIntervalSince(started)))
        }
    }
}
