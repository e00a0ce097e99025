import Foundation

/// The one folder where the article library and the built models live.
///
/// Resolved from `--home`, else `ZHUTI_HOME`, else `.zhuti` in the current directory, so every
/// command (and the server) agrees on where things are.
public struct ZhutiHome: Sendable, Equatable {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    public static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> ZhutiHome {
        if let option, !option.isEmpty { return ZhutiHome(path: option) }
        if let env = environment["ZHUTI_HOME"], !env.isEmpty { return ZhutiHome(path: env) }
        return ZhutiHome(path: ".zhuti")
    }

    public var libraryPath: String { (path as NSString).appendingPathComponent("library.sqlite") }
    public var modelsPath: String { (path as NSString).appendingPathComponent("models") }

    public func modelPath(named name: String) -> String {
        ((modelsPath as NSString).appendingPathComponent(name) as NSString).appendingPathComponent("model.zhuti")
    }

    /// Model names become folder names: keep them to a safe alphabet.
    public static func validateModelName(_ name: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard !name.isEmpty, name.count <= 64, !name.hasPrefix("."),
              name.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            throw ZhutiError(.badOption, "model name '\(name)' must be 1-64 letters, digits, '-', '_' or '.', not starting with '.'")
        }
    }

    func createIfNeeded() throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ZhutiError(.io, "cannot create home folder: \(error.localizedDescription)", file: path)
        }
    }
}
