import Foundation
import Logging
import Zhuti

/// Holds the current `QueryState` and replaces it atomically.
///
/// Readers take a snapshot (`current`) and answer from it, whatever happens meanwhile.
/// Every change (a rebuilt model file, a posted article) runs on one serial queue, so two
/// changes never build on the same old state and lose each other's work; a swap re-reads
/// the library, so articles posted before it are folded into the new model too.
final class QueryStateStore: Sendable {
    let options: ServerOptions
    let library: ArticleLibrary
    let logger: Logger
    private let state: Locked<QueryState>
    private let changes = DispatchQueue(label: "zhuti.serve.state-changes")
    /// The stamp of a model file that failed to load, so a broken file is not retried every
    /// poll (it is retried once the file changes again).
    private let failedStamp = Locked<ModelFileStamp?>(nil)

    init(options: ServerOptions, logger: Logger) throws {
        try ZhutiHome.validateModelName(options.modelName)
        self.options = options
        self.logger = logger
        library = try ArticleLibrary(home: options.home, create: false)
        guard FileManager.default.fileExists(atPath: options.modelPath) else {
            throw ZhutiError(.notFound, "no model '\(options.modelName)' in \(options.home.path); build one with `zhuti build --name \(options.modelName)`")
        }
        state = Locked(try QueryState.load(path: options.modelPath, library: library, generation: 1))
    }

    /// The state to answer one request from.
    var current: QueryState { state.withLock { $0 } }

    private func change<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            changes.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Swaps in the model file when it differs from the one loaded. Returns true on a swap.
    @discardableResult
    func reloadIfChanged() async -> Bool {
        let path = options.modelPath
        guard let stamp = ModelFileStamp.read(path: path), stamp != current.stamp,
              stamp != failedStamp.withLock({ $0 }) else { return false }
        do {
            return try await change { [self] in
                // Re-check on the queue: an earlier change may have loaded this file already.
                guard let stamp = ModelFileStamp.read(path: path), stamp != current.stamp else { return false }
                let generation = current.generation + 1
                let loaded = try QueryState.load(path: path, library: library, generation: generation)
                state.withLock { $0 = loaded }
                logger.info("model swapped: \(path) (\(loaded.model.documentCount) articles, \(stamp))")
                return true
            }
        } catch {
            failedStamp.withLock { $0 = stamp }
            logger.error("model file changed but cannot be loaded; keeping the current model: \(error)")
            return false
        }
    }

    /// Stores a posted article and folds it into the model: queryable once this returns.
    func add(_ post: ArticlePost) async throws -> StoredArticle {
        try await change { [self] in
            let articleID = post.articleID
            try post.store(in: library)
            guard let stored = try library.article(id: articleID) else {
                throw ZhutiError(.io, "the article '\(articleID)' was not found after storing it")
            }
            let old = current
            let next = try old.appending([stored], generation: old.generation + 1)
            state.withLock { $0 = next }
            return stored
        }
    }
}
