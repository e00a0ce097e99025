import Foundation
import Zhuti

/// Where blocking engine work runs, off the threads that serve requests.
///
/// Two lanes, so short answers never queue behind long jobs: `short` (a stored article's
/// related list or neighbourhood: about a millisecond) runs one job per core; `long` (text
/// queries, themes, tracking, graphs, model loads: up to seconds) runs on one core fewer, so
/// one core always stays free for short answers. Each lane bounds its waiting line: a job
/// that finds it full, or waits longer than its deadline, is answered 503 without being run,
/// and a job whose client has gone (its task cancelled) is dropped before it starts.
final class EngineLane: Sendable {
    enum Kind: Sendable { case short, long }

    private let queue: OperationQueue
    private let waiting = Locked(0)
    /// Jobs allowed to wait at once.
    let capacity: Int

    init(name: String, width: Int, capacity: Int) {
        let queue = OperationQueue()
        queue.name = name
        queue.maxConcurrentOperationCount = max(1, width)
        queue.qualityOfService = .userInitiated
        self.queue = queue
        self.capacity = capacity
    }

    static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    static let short = EngineLane(name: "zhuti.engine.short", width: cores, capacity: 512)
    static let long = EngineLane(name: "zhuti.engine.long", width: max(1, cores - 1), capacity: 64)

    static func lane(_ kind: Kind) -> EngineLane { kind == .short ? short : long }

    /// Jobs waiting now (for tests and the health report).
    var waitingCount: Int { waiting.withLock { $0 } }

    func run<T: Sendable>(deadline: Duration, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted = waiting.withLock { count -> Bool in
            guard count < capacity else { return false }
            count += 1
            return true
        }
        guard admitted else { throw APIError.busy("the server is busy with other long requests; try again in a few seconds") }
        let enqueued = ContinuousClock.now
        let abandoned = Locked(false)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.addOperation { [waiting] in
                    waiting.withLock { $0 -= 1 }
                    if abandoned.withLock({ $0 }) {
                        continuation.resume(throwing: CancellationError())
                    } else if ContinuousClock.now - enqueued > deadline {
                        continuation.resume(throwing: APIError.busy("the request waited longer than \(deadline) for the engine; try again"))
                    } else {
                        continuation.resume(with: Result { try work() })
                    }
                }
            }
        } onCancel: {
            abandoned.withLock { $0 = true }
        }
    }
}

/// Runs `work` on a lane (short by default) with the default deadline.
func offload<T: Sendable>(_ kind: EngineLane.Kind = .short, deadline: Duration = .seconds(10),
                          _ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await EngineLane.lane(kind).run(deadline: deadline, work)
}
