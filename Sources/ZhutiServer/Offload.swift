import Foundation

/// Runs blocking engine work (model loads, clustering, graph building) on a Dispatch
/// thread, so the cooperative pool that serves requests is not tied up by it.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try work() })
        }
    }
}
