import Foundation

/// JSON as other tools expect it: UTF-8 (no \u escapes for Chinese), no escaped slashes,
/// keys sorted so output is stable from run to run.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw ZhutiError(.io, "cannot encode JSON: \(error)")
        }
    }
}
