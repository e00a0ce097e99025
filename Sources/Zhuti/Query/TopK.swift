/// The k best (index, score) pairs of a stream, best first: higher score wins, and an exact
/// tie goes to the index `tieBreak` orders first (so results never depend on scan order).
///
/// O(n) over the stream with an O(k) insertion only when a candidate beats the current k-th,
/// which for k << n is rare: no sort of all n scores.
public struct TopK: Sendable {
    public struct Entry: Sendable, Equatable {
        public var index: Int
        public var score: Float
    }

    public let capacity: Int
    public private(set) var entries: [Entry] = []

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        entries.reserveCapacity(self.capacity + 1)
    }

    /// The score a candidate must reach to be considered.
    @inline(__always)
    public var threshold: Float { entries.count < capacity ? -.infinity : entries[entries.count - 1].score }

    @inline(__always)
    public mutating func consider(_ index: Int, _ score: Float, tieBreak: (Int, Int) -> Bool = { $0 < $1 }) {
        guard capacity > 0, score >= threshold, !score.isNaN else { return }
        if entries.count == capacity {
            let last = entries[capacity - 1]
            guard score > last.score || tieBreak(index, last.index) else { return }
            entries.removeLast()
        }
        var position = entries.count
        while position > 0 {
            let previous = entries[position - 1]
            if previous.score > score || (previous.score == score && tieBreak(previous.index, index)) { break }
            position -= 1
        }
        entries.insert(Entry(index: index, score: score), at: position)
    }
}
