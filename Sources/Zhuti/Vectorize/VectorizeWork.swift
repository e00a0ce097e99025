import Foundation

/// How the vectorizer splits work over the cores.
enum VectorizeWork {
    /// One worker per core (the target machine has two), capped so scratch memory stays small.
    static var workerCount: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8)) }

    /// Texts are handled in chunks of about this many UTF-8 bytes: large enough that a chunk
    /// keeps both cores busy, small enough that per-chunk key buffers stay a few tens of MB.
    static let defaultChunkBytes = 2 << 20

    /// Runs `body(worker)` for each worker, concurrently when there is more than one.
    static func run(_ workers: Int, _ body: @Sendable (Int) -> Void) {
        Parallel.forEach(workers, body)
    }

    /// Consecutive ranges of `texts` holding about `chunkBytes` of text each.
    static func chunks(_ texts: [String], chunkBytes: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var bytes = 0
        for (i, text) in texts.enumerated() {
            bytes += text.utf8.count
            if bytes >= chunkBytes {
                result.append(start..<(i + 1))
                start = i + 1
                bytes = 0
            }
        }
        if start < texts.count { result.append(start..<texts.count) }
        return result
    }

    /// Splits `range` of `texts` into `parts` consecutive ranges of about equal text length
    /// (some may be empty), so the workers finish at about the same time.
    static func split(_ texts: [String], _ range: Range<Int>, parts: Int) -> [Range<Int>] {
        let total = range.reduce(0) { $0 + texts[$1].utf8.count }
        var result: [Range<Int>] = []
        var start = range.lowerBound
        var bytes = 0
        var i = range.lowerBound
        for part in 1..<max(parts, 1) {
            let target = total * part / parts
            while i < range.upperBound && bytes < target {
                bytes += texts[i].utf8.count
                i += 1
            }
            result.append(start..<i)
            start = i
        }
        result.append(start..<range.upperBound)
        return result
    }
}
