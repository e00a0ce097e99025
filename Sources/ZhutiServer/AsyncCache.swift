import Zhuti
/// Values computed at most once per key and shared by every request that asks meanwhile:
/// the first request starts the computation (off the cooperative pool), later ones await it.
/// A failed computation is forgotten so a later request can try again.
final class AsyncCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let tasks = Locked<[Key: Task<Value, any Error>]>([:])
    private let limit: Int

    /// `limit`: most keys kept; beyond it the oldest-inserted other keys are dropped.
    init(limit: Int = 8) {
        self.limit = limit
    }

    func value(for key: Key, compute: @escaping @Sendable () throws -> Value) async throws -> Value {
        let task = tasks.withLock { tasks -> Task<Value, any Error> in
            if let running = tasks[key] { return running }
            if tasks.count >= limit { tasks.removeAll() }
            let task = Task { try await offload(.long, compute) }
            tasks[key] = task
            return task
        }
        do {
            return try await task.value
        } catch {
            tasks.withLock { tasks in
                if tasks[key] == task { tasks[key] = nil }
            }
            throw error
        }
    }

    /// The value if it has been computed (or is being computed) already.
    func cachedTask(for key: Key) -> Task<Value, any Error>? {
        tasks.withLock { $0[key] }
    }
}
