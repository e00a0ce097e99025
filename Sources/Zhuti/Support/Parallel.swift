import Dispatch
import Foundation

/// Work split over the machine's cores, results in input order (so output never depends
/// on thread timing).
public enum Parallel {
    public static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `body(i)` for every i in 0..<count, spread over the cores, and returns when all
    /// are done. Callers guarantee that different i touch disjoint memory (each iteration
    /// writes its own rows or slot), which is what makes the unchecked hand-over sound.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let box = UncheckedSendable(escapable)
            DispatchQueue.concurrentPerform(iterations: count) { box.value($0) }
        }
    }

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

/// Carries a value the compiler cannot prove Sendable into concurrent work whose iterations
/// touch disjoint parts of it.
struct UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value

    init(_ value: Value) {
        self.value = value
    }
}
