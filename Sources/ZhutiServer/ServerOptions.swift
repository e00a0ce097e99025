import Foundation
import Zhuti

/// How `zhuti serve` runs: where the library and model are, where to listen, who may write.
public struct ServerOptions: Sendable {
    public var home: ZhutiHome
    public var modelName: String
    public var host: String
    /// 0 picks a free port (tests); the bound port is handed to `onRunning`.
    public var port: Int
    /// Bearer token for `POST /articles`; nil turns writing off.
    public var token: String?
    /// How often the model file is checked for a rebuild.
    public var pollInterval: Duration
    /// Largest request body accepted (larger ones get 413).
    public var maxBodyBytes: Int
    /// Host names (the `Host` header, port aside) the server answers besides the localhost
    /// names it always accepts when bound to loopback: a guard against DNS rebinding.
    public var allowedHosts: [String]
    /// Connections open at once; beyond it new ones wait to be accepted.
    public var maxConnections: Int
    /// A connection that sends no complete request head for this long is closed: idle
    /// keep-alive connections and clients that never finish their headers alike.
    public var idleTimeout: Duration
    /// How long a request may wait for a place on the engine before it is answered 503.
    public var queueDeadline: Duration
    /// Where graph downloads are written before they are read back and deleted (the system's
    /// temporary folder unless set).
    public var scratchDirectory: String

    public static let defaultMaxBodyBytes = 1 << 20
    public static let defaultMaxConnections = 1000

    public init(home: ZhutiHome, modelName: String = "default", host: String = "127.0.0.1", port: Int = 8080,
                token: String? = nil, pollInterval: Duration = .seconds(1), maxBodyBytes: Int = ServerOptions.defaultMaxBodyBytes,
                allowedHosts: [String] = [], maxConnections: Int = ServerOptions.defaultMaxConnections,
                idleTimeout: Duration = .seconds(30), queueDeadline: Duration = .seconds(10)) {
        self.home = home
        self.modelName = modelName
        self.host = host
        self.port = port
        self.token = token
        self.pollInterval = pollInterval
        self.maxBodyBytes = maxBodyBytes
        self.allowedHosts = allowedHosts
        self.maxConnections = maxConnections
        self.idleTimeout = idleTimeout
        self.queueDeadline = queueDeadline
        self.scratchDirectory = FileManager.default.temporaryDirectory.path
    }

    /// Bound to a loopback address: only local clients can connect.
    public var isLoopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(host) || host.hasPrefix("127.") }

    /// Whether a request's `Host` header names this server. Loopback servers answer the
    /// localhost names; any server answers the names it was given (`--allow-host`) and the
    /// address it is bound to.
    public func admitsHost(_ header: String?) -> Bool {
        guard let header, !header.isEmpty else { return false }
        var name = header.lowercased()
        if name.hasPrefix("[") {
            name = String(name.dropFirst().prefix { $0 != "]" })  // [::1]:8080
        } else if let colon = name.lastIndex(of: ":"), name.firstIndex(of: ":") == colon {
            name = String(name[..<colon])
        }
        if isLoopback && ["localhost", "127.0.0.1", "::1"].contains(name) { return true }
        return name == host.lowercased() || allowedHosts.contains { $0.lowercased() == name }
    }

    public var modelPath: String { home.modelPath(named: modelName) }
}
