import Foundation

/// Runs blocking engine work (answers, model loads, clustering, graph building) off the
/// threads that serve requests, at most one job per core at a time: under a burst of
/// uncached requests the rest wait their turn in order, instead of dozens of Dispatch
/// threads competing for two cores and for the library's readers (which made every answer
/// in the burst slow rather than the last ones).
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        engineQueue.addOperation {
            continuation.resume(with: Result { try work() })
        }
    }
}

nonisolated(unsafe) private let engineQueue: OperationQueue = {
    // nonisolated(unsafe): OperationQueue is thread-safe but not marked Sendable.
    let queue = OperationQueue()
    queue.name = "zhuti.engine"
    queue.maxConcurrentOperationCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
    queue.qualityOfService = .userInitiated
    return queue
}()
