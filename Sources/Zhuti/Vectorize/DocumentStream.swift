/// A source of document texts read in batches, so a corpus never has to sit in memory whole
/// (the store streams articles from SQLite). `TfidfVectorizer.fit` reads it twice and
/// requires the same documents, in the same order, both times.
public protocol DocumentStream {
    func forEachBatch(_ body: ([String]) throws -> Void) throws
}

/// Documents already in memory, handed out `batchSize` at a time.
public struct InMemoryDocuments: DocumentStream, Sendable {
    public var texts: [String]
    public var batchSize: Int

    /// A batch size below 1 is treated as 1.
    public init(_ texts: [String], batchSize: Int = 2048) {
        self.texts = texts
        self.batchSize = max(1, batchSize)
    }

    public func forEachBatch(_ body: ([String]) throws -> Void) throws {
        var start = 0
        while start < texts.count {
            let end = min(start + batchSize, texts.count)
            try body(Array(texts[start..<end]))
            start = end
        }
    }
}
