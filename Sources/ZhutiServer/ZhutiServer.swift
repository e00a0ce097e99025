import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Zhuti

/// `zhuti serve`: the HTTP API and web page over a library and one of its models.
public enum ZhutiServer {
    /// Loads the library and model (folding in articles the model lacks) and builds the
    /// application. `onRunning` receives the bound port once the server listens.
    public static func makeApplication(options: ServerOptions, logger: Logger = Logger(label: "zhuti.serve"),
                                       onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws -> some ApplicationProtocol {
        let store = try await offload { try QueryStateStore(options: options, logger: logger) }
        let router = Router()
        Routes(store: store).register(on: router)
        var application = Application(
            responder: JSONErrorResponder(inner: router.buildResponder()),
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: "zhuti"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? options.port) },
            logger: logger)
        application.addServices(ModelWatcher(store: store, interval: options.pollInterval))
        return application
    }

    /// Runs until SIGTERM or SIGINT, then finishes the requests in flight and stops.
    public static func run(options: ServerOptions, logger: Logger = Logger(label: "zhuti.serve"),
                           onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        BLASThreads.useOneThreadFromNowOn()
        let application = try await makeApplication(options: options, logger: logger, onRunning: onRunning)
        try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}

/// Polls the model file and swaps the query state when `zhuti build` has replaced it.
struct ModelWatcher: Service {
    let store: QueryStateStore
    let interval: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isShuttingDownGracefully || Task.isCancelled { break }
            await store.reloadIfChanged()
        }
    }
}
