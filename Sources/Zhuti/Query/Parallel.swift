import Dispatch
import Foundation

/// Work split over the machine's cores, results in input order (so output never depends
/// on thread timing).
public enum Parallel {
    public static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    public static func map<T>(_ range: Range<Int>, _ transform: (Int) -> T) -> [T] {
        let count = range.count
        guard count > 1, coreCount > 1 else { return range.map(transform) }
        let chunks = min(count, coreCount * 4)
        let buffer = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
        defer { buffer.deallocate() }
        nonisolated(unsafe) let output = buffer
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let work = transform
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let lower = count * chunk / chunks, upper = count * (chunk + 1) / chunks
                for offset in lower..<upper { output[offset] = work(range.lowerBound + offset) }
            }
        }
        return buffer.map { $0! }
    }
}
