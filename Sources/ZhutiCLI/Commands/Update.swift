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

    func run() throws {
        try reportingErrors {
            let library = try home.openLibrary()
            let path = home.resolved.modelPath(named: model.model)
            // One writer at a time; and the file written replaces the very file read (a model
            // replaced meanwhile by a writer that took no lock is not overwritten).
            let lock = try ModelWriteLock(modelPath: path, waiting: { Terminal.progress("update: " + $0) })
            let stamp = ModelFileStamp.read(path: path)
            let lsa = try model.load(home: home.resolved)
            guard let (updated, added) = try lsa.foldingInMissing(from: library) else {
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

struct BenchQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-query",
        abstract: "Measure in-process related-article latency on a model (for benchmarks).",
        discussion: """
            Loads the model once, then times --queries related-article queries for stored
            articles picked evenly across the archive, and prints median and 90th/99th
            percentile latency: for the search alone (with query expansion, as `zhuti related`
            ranks, unless --no-expansion), and for the full answer with titles, explanations
            and reprint flags.
            """,
        shouldDisplay: false
    )

    @OptionGroup var home: HomeOptions
    @OptionGroup var model: ModelOptions

    @Option(help: "Number of queries.")
    var queries: Int = 1000

    @Option(name: .short, help: "Results per query.")
    var k: Int = 10

    @OptionGroup var ranking: ExpansionOptions

    @Flag(help: "Run BLAS on one thread, as `zhuti serve` does (its requests, not BLAS, use the cores).")
    var oneBLASThread = false

    func run() throws {
        try reportingErrors {
            guard queries >= 1 else { throw ZhutiError(.badOption, "--queries must be at least 1") }
            if oneBLASThread { BLASThreads.useOneThreadFromNowOn() }
            let library = try home.openLibrary()
            let loadStart = DispatchTime.now()
            let lsa = try model.load(home: home.resolved)
            let loadMs = Double(DispatchTime.now().uptimeNanoseconds - loadStart.uptimeNanoseconds) / 1e6
            let finder = try RelatedFinder(model: lsa, library: library)
            let n = lsa.documentCount
            let picks = (0..<queries).map { ($0 * 7919) % n }
            func time(_ body: (Int) throws -> Void) rethrows -> [Double] {
                try picks.map { index in
                    let start = DispatchTime.now()
                    try body(index)
                    return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
                }
            }
            // Warm-up: page the mapped vectors in.
            _ = finder.index.nearest(to: lsa.documentVector(0), k: k)
            let expansion = try ranking.resolved()
            let search = time { index in
                _ = finder.index.ranked(to: lsa.documentVector(index), k: k, expansion: expansion, excluding: index, allowed: nil)
            }
            let full = try time { index in
                _ = try finder.related(toArticle: lsa.documentIDs[index], k: k, expansion: expansion)
            }
            func percentile(_ values: [Double], _ p: Double) -> Double {
                let sorted = values.sorted()
                return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
            }
            Terminal.write(String(format: "model: %d articles x %d dimensions, loaded in %.1f ms", n, lsa.dimensions, loadMs))
            for (name, values) in [(expansion == nil ? "search (top-k cosine)" : "search (expanded query, top-k)", search), ("full related answer", full)] {
                Terminal.write(String(format: "%@: median %.3f ms, p90 %.3f ms, p99 %.3f ms over %d queries",
                                      name, percentile(values, 0.5), percentile(values, 0.9), percentile(values, 0.99), values.count))
            }
            Terminal.flush()
        }
    }
}
