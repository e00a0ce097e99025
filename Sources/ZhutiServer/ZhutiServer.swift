import Foundation
import Hummingbird
import HummingbirdCore
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
        let store = try await offload(.long, deadline: .seconds(3600)) { try QueryStateStore(options: options, logger: logger) }
        let router = Router()
        let routes = Routes(store: store, metrics: ServerMetrics())
        if let mismatch = routes.mismatchWithDocument {
            throw ZhutiError(.io, "internal: the router and openapi.yaml disagree: \(mismatch)")
        }
        routes.register(on: router)
        Self.raiseOpenFileLimit(to: options.maxConnections + 64)
        var application = Application(
            responder: JSONErrorResponder(inner: router.buildResponder(), options: options, routes: routes.routeTable,
                                          metrics: routes.metrics),
            server: .http1(configuration: .init(additionalChannelHandlers: [RequestHeadTimeout(timeout: TimeAmount(options.idleTimeout))],
                                                idleTimeout: TimeAmount(options.idleTimeout))),
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: "zhuti",
                                                    availableConnectionsDelegate: MaximumAvailableConnections(options.maxConnections)),
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

extension ZhutiServer {
    /// Each connection is a file descriptor: lift the soft limit (often 1024) towards the
    /// hard one so the connection limit, not the descriptor limit, is what binds.
    static func raiseOpenFileLimit(to wanted: Int) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(wanted) else { return }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(wanted))
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
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
