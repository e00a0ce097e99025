import Foundation
import Logging
import ServiceLifecycle

/// A server started in the background (tests, embedding): knows its bound port and stops
/// gracefully on request. `zhuti serve` uses `ZhutiServer.run` instead (signals).
public final class RunningServer: Sendable {
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.task = task
    }

    /// Starts the server and returns once it listens.
    public static func start(options: ServerOptions, logger: Logger = Logger(label: "zhuti.serve")) async throws -> RunningServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = try await ZhutiServer.makeApplication(options: options, logger: logger) { port in
            continuation.yield(port)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        for await port in ports {
            return RunningServer(port: port, group: group, task: task)
        }
        // The group ended before the server listened: report why.
        try await task.value
        throw CancellationError()
    }

    /// Finishes the requests in flight, then stops.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
