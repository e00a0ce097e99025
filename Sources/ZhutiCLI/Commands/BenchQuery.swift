import ArgumentParser
import Foundation
import Zhuti

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
