import Dispatch
import Foundation

extension RandomizedSVD {
    /// Fills `buffer` with standard normal samples: entries 2i and 2i+1 are the Box–Muller pair
    /// made from the stream's outputs 2i and 2i+1, so the content is fixed by the seed alone.
    static func fillGaussian(_ buffer: UnsafeMutableBufferPointer<Float>, seed: UInt64) {
        let count = buffer.count
        // Each chunk writes its own disjoint stretch of the buffer.
        guard count > 0, let start = buffer.baseAddress else { return }
        nonisolated(unsafe) let base = start
        let pairs = (count + 1) / 2
        let chunkPairs = 1 << 16
        let chunks = (pairs + chunkPairs - 1) / chunkPairs
        let fill: @Sendable (Int) -> Void = { chunk in
            let first = chunk * chunkPairs
            let last = Swift.min(pairs, first + chunkPairs)
            var generator = SplitMix64(seed: seed, position: UInt64(2 * first))
            for pair in first ..< last {
                // u1 in (0, 1] keeps the logarithm finite; u2 in [0, 1).
                let u1 = Double((generator.next() >> 11) + 1) * 0x1p-53
                let u2 = Double(generator.next() >> 11) * 0x1p-53
                let radius = (-2 * log(u1)).squareRoot()
                let angle = 2 * Double.pi * u2
                base[2 * pair] = Float(radius * cos(angle))
                if 2 * pair + 1 < count { base[2 * pair + 1] = Float(radius * sin(angle)) }
            }
        }
        if chunks == 1 {
            fill(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks, execute: fill)
        }
    }
}
