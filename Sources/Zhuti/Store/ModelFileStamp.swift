import Foundation

/// What identifies one version of the model file. `zhuti build` replaces the file by an
/// atomic rename, which gives it a new inode (and modification time), so comparing stamps
/// tells when the server should swap models, and `zhuti update` that the model it read was
/// replaced before it could write its own.
public struct ModelFileStamp: Equatable, Sendable, CustomStringConvertible {
    public var inode: UInt64
    public var modified: Double
    public var size: UInt64

    public static func read(path: String) -> ModelFileStamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        return ModelFileStamp(inode: inode, modified: modified, size: size)
    }

    public var description: String { "inode \(inode), \(size) bytes, modified \(modified)" }
}
