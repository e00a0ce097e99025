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

    public static let defaultMaxBodyBytes = 1 << 20

    public init(home: ZhutiHome, modelName: String = "default", host: String = "127.0.0.1", port: Int = 8080,
                token: String? = nil, pollInterval: Duration = .seconds(1), maxBodyBytes: Int = ServerOptions.defaultMaxBodyBytes) {
        self.home = home
        self.modelName = modelName
        self.host = host
        self.port = port
        self.token = token
        self.pollInterval = pollInterval
        self.maxBodyBytes = maxBodyBytes
    }

    public var modelPath: String { home.modelPath(named: modelName) }
}
