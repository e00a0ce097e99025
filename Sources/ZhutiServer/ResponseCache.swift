import Zhuti
import NIOCore

/// Encoded responses of one `QueryState`, keyed by request, so a newsroom asking again for
/// an article's related list gets the stored bytes instead of a new search and explanation.
/// Bounded by bytes (64 MB by default); the state is immutable, so entries never go stale: a
/// swap or a post builds a new state with an empty cache.
typealias ResponseCache = GenerationalCache<String, ByteBuffer>

extension GenerationalCache where Key == String, Value == ByteBuffer {
    convenience init(byteBudget: Int = 64 << 20) {
        self.init(budget: byteBudget) { key, value in value.readableBytes + key.utf8.count }
    }
}
