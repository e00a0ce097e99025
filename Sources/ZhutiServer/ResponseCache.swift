import Zhuti
import NIOCore

/// Encoded responses of one `QueryState`, keyed by request, so a newsroom asking again for
/// an article's related list gets the stored bytes instead of a new search and explanation.
///
/// Bounded by bytes with two generations: entries go into the young one; when it holds half
/// the budget it becomes the old one (the previous old one is dropped), and a hit in the old
/// one is moved back to the young. Recently used entries survive, nothing is scanned. The
/// state is immutable, so entries never go stale; a swap or a post builds a new state with
/// an empty cache.
final class ResponseCache: Sendable {
    private struct Generations {
        var young: [String: ByteBuffer] = [:]
        var old: [String: ByteBuffer] = [:]
        var youngBytes = 0
    }

    private let generations = Locked(Generations())
    private let byteBudget: Int

    init(byteBudget: Int = 64 << 20) {
        self.byteBudget = byteBudget
    }

    func value(for key: String) -> ByteBuffer? {
        generations.withLock { cache in
            if let hit = cache.young[key] { return hit }
            guard let hit = cache.old.removeValue(forKey: key) else { return nil }
            insert(hit, for: key, into: &cache)
            return hit
        }
    }

    func store(_ value: ByteBuffer, for key: String) {
        guard value.readableBytes <= byteBudget / 8 else { return }
        generations.withLock { insert(value, for: key, into: &$0) }
    }

    private func insert(_ value: ByteBuffer, for key: String, into cache: inout Generations) {
        if cache.young.updateValue(value, forKey: key) == nil { cache.youngBytes += value.readableBytes + key.utf8.count }
        if cache.youngBytes > byteBudget / 2 {
            cache.old = cache.young
            cache.young = [:]
            cache.youngBytes = 0
        }
    }
}
