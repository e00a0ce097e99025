import ArgumentParser
import Foundation
import Logging
import Zhuti
import ZhutiServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve related articles, themes and graphs over HTTP, with a web page at /.",
        discussion: """
            Routes (JSON as in --format json; /openapi.yaml describes each in full):
            \(APIRoute.all.map { "  \($0)" }.joined(separator: "\n"))
            POST /articles needs Authorization: Bearer $ZHUTI_TOKEN; without ZHUTI_TOKEN writing is off.

            Posted articles are stored in the library and folded into the model at once. When
            `zhuti build` replaces the model file, the server switches to it without failing a
            request. SIGTERM/SIGINT finish the requests in flight, then stop.

            Limits (so one client cannot stall the service): k at most 100, themes k 2-50,
            graph knn at most 50, pasted text at most 20,000 characters, bodies at most 1 MB.
            Short answers (a stored article's related list) and long jobs (text queries,
            themes, track, graphs) run in separate lanes; a long job that finds 64 others
            waiting, or waits over 10 s, is answered 503. Connections that send no request
            head for --idle-timeout seconds are closed; at most --max-connections are open.
            Requests must name this server in Host (the localhost names on a loopback
            address, else --allow-host NAME); POST bodies must be application/json (415).

            Examples:
              zhuti serve
              ZHUTI_TOKEN=secret zhuti serve --port 9000
            """
    )

    @OptionGroup var home: HomeOptions
    @OptionGroup var model: ModelOptions

    @Option(help: "Address to listen on (127.0.0.1 keeps the server local).")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(name: .customLong("allow-host"), help: ArgumentHelp("A host name clients may use in Host (repeatable); needed off loopback.", valueName: "name"))
    var allowedHosts: [String] = []

    @Option(name: .customLong("max-connections"), help: "Connections open at once.")
    var maxConnections: Int = ServerOptions.defaultMaxConnections

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds a connection may go without sending a request head.", valueName: "seconds"))
    var idleTimeout: Int = 30

    @Option(name: .customLong("log-level"), help: "What the server logs on stderr: info logs every request (method, path, status, ms); notice and above only events.")
    var logLevel: LogLevel = .info

    enum LogLevel: String, ExpressibleByArgument, CaseIterable {
        case trace, debug, info, notice, warning, error, critical
    }

    func run() async throws {
        do {
            guard (0...65535).contains(port) else { throw ZhutiError(.badOption, "--port \(port) must be between 0 and 65535") }
            let token = ProcessInfo.processInfo.environment["ZHUTI_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            guard (1...100_000).contains(maxConnections) else { throw ZhutiError(.badOption, "--max-connections must be between 1 and 100000") }
            guard (1...3600).contains(idleTimeout) else { throw ZhutiError(.badOption, "--idle-timeout must be between 1 and 3600 seconds") }
            let options = ServerOptions(home: home.resolved, modelName: model.model, host: host, port: port, token: token,
                                        allowedHosts: allowedHosts, maxConnections: maxConnections, idleTimeout: .seconds(idleTimeout))
            let host = host
            var logger = Logger(label: "zhuti.serve")
            logger.logLevel = Logger.Level(rawValue: logLevel.rawValue) ?? .info
            try await ZhutiServer.run(options: options, logger: logger) { bound in
                Terminal.progress("zhuti: serving model '\(options.modelName)' on http://\(host):\(bound)/ (writing \(token == nil ? "off: set ZHUTI_TOKEN to allow POST /articles" : "on"))")
            }
        } catch let error as ZhutiError {
            Terminal.error(error.description(naming: \.flag))
            throw ExitCode(ZhutiCLI.exitCode(for: error.kind))
        }
    }
}
