import Foundation

/// What identifies one version of the model file. `zhuti build` replaces the file by an
/// atomic rename, which gives it a new inode (and modification time), so comparing stamps
/// tells when the server should swap models.
struct ModelFileStamp: Equatable, Sendable, CustomStringConvertible {
    var inode: UInt64
    var modified: Double
    var size: UInt64

    static func read(path: String) -> ModelFileStamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
        return ModelFileStamp(inode: inode, modified: modified, size: size)
    }

    var description: String { "inode \(inode), \(size) bytes, modified \(modified)" }
}
