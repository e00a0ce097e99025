/// Each document's nearest other documents, `width` per document, best first (canonical cosine
/// of the stored vectors, ties by id); -1 pads a list when the model has too few documents.
public struct NeighbourLists: Sendable, Equatable {
    public let width: Int
    /// documents x width, row-major.
    public let indices: [Int32]

    public init(width: Int, indices: [Int32]) {
        self.width = width
        self.indices = indices
    }

    /// Document `row`'s first `count` neighbours (at most `width`).
    public func neighbours(of row: Int, count: Int) -> [Int] {
        let base = row * width
        return (0..<min(count, width)).compactMap { indices[base + $0] >= 0 ? Int(indices[base + $0]) : nil }
    }
}
