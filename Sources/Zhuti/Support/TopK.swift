/// The k best (index, score) pairs of a stream, best first: higher score wins, and an exact
/// tie goes to the index `tieBreak` orders first (so results never depend on scan order).
///
/// O(n) over the stream with an O(k) insertion only when a candidate beats the current k-th,
/// which for k << n is rare: no sort of all n scores.
///
/// With a `slack`, the k best are kept *and* every candidate within `slack` of the k-th best
/// (so `entries` can hold more than k): the nominees of a search whose scores are only
/// approximate, for an exact score to decide among (see `SimilarityIndex+CanonicalScore`).
public struct TopK: Sendable {
    public struct Entry: Sendable, Equatable {
        public var index: Int
        public var score: Float

        public init(index: Int, score: Float) {
            self.index = index
            self.score = score
        }
    }

    public let capacity: Int
    /// How far below the k-th best score a candidate is still kept (0: exactly k are kept).
    public let slack: Float
    public private(set) var entries: [Entry] = []

    public init(capacity: Int, slack: Float = 0) {
        self.capacity = max(0, capacity)
        self.slack = max(0, slack)
        entries.reserveCapacity(self.capacity + 1)
    }

    /// The score a candidate must reach to be considered.
    @inline(__always)
    public var threshold: Float { entries.count < capacity ? -.infinity : entries[capacity - 1].score - slack }

    @inline(__always)
    public mutating func consider(_ index: Int, _ score: Float, tieBreak: (Int, Int) -> Bool = { $0 < $1 }) {
        guard capacity > 0, score >= threshold, !score.isNaN else { return }
        if slack == 0 && entries.count == capacity {
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
        // With a slack: drop what fell more than `slack` below the k-th best.
        if slack > 0 && entries.count > capacity {
            let floor = entries[capacity - 1].score - slack
            while entries.count > capacity && entries[entries.count - 1].score < floor { entries.removeLast() }
        }
    }
}
