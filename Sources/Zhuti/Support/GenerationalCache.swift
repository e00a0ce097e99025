/// A bounded, thread-safe cache that keeps what was used recently, without scanning.
///
/// Two generations: entries go into the young one; when it holds half the budget it becomes
/// the old one (the previous old one is dropped), and a hit in the old one is moved back to
/// the young. The budget is in units of `cost` (bytes of an encoded response, or 1 per
/// entry). Used for the server's encoded answers and for the texts and pair explanations
/// that related-article queries keep between calls.
public final class GenerationalCache<Key: Hashable, Value>: @unchecked Sendable {
    // @unchecked: all state is behind `generations`' lock; values are only handed out by copy.
    private struct Generations {
        var young: [Key: Value] = [:]
        var old: [Key: Value] = [:]
        var youngCost = 0
    }

    private let generations = Locked(Generations())
    private let budget: Int
    private let cost: (Key, Value) -> Int

    /// `cost` of one entry; an entry costing more than an eighth of `budget` is not kept.
    public init(budget: Int, cost: @escaping (Key, Value) -> Int = { _, _ in 1 }) {
        self.budget = max(2, budget)
        self.cost = cost
    }

    public func value(for key: Key) -> Value? {
        generations.withLock { cache in
            if let hit = cache.young[key] { return hit }
            guard let hit = cache.old.removeValue(forKey: key) else { return nil }
            insert(hit, for: key, into: &cache)
            return hit
        }
    }

    public func store(_ value: Value, for key: Key) {
        guard cost(key, value) <= max(1, budget / 8) else { return }
        generations.withLock { insert(value, for: key, into: &$0) }
    }

    private func insert(_ value: Value, for key: Key, into cache: inout Generations) {
        if cache.young.updateValue(value, forKey: key) == nil { cache.youngCost += cost(key, value) }
        if cache.youngCost > budget / 2 {
            cache.old = cache.young
            cache.young = [:]
            cache.youngCost = 0
        }
    }
}
