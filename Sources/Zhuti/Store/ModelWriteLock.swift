import Foundation

/// One writer per model at a time: `zhuti build` and `zhuti update` hold an exclusive `flock`
/// on `<model>.lock` from before they read until their file is in place.
///
/// Why a lock: two writers racing would each rename their own file over the model, and the
/// later one silently drops what the earlier one added (an `update`'s folded articles lost
/// under a `build` that started before they were ingested). The kernel releases a `flock` when
/// its process dies, so a killed writer never leaves a stale lock behind.
public final class ModelWriteLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock for the model at `modelPath`, waiting while another writer holds it
    /// (`waiting` is told once, for a line on stderr). Temporary files left by writers that
    /// were killed are removed once the lock is held: no other writer can be using them.
    public init(modelPath: String, waiting: (String) -> Void = { _ in }) throws {
        let folder = (modelPath as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ZhutiError(.io, "cannot create the model folder: \(error.localizedDescription)", file: folder)
        }
        path = modelPath + ".lock"
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ZhutiError(.io, "cannot open the model lock (\(String(cString: strerror(errno))))", file: path)
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw ZhutiError(.io, "cannot lock the model (\(reason))", file: path)
            }
            waiting("waiting for another build or update of \(modelPath) to finish")
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw ZhutiError(.io, "cannot lock the model (\(reason))", file: path)
                }
            }
        }
        Self.removeStaleTemporaries(of: modelPath)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// `model.zhuti.tmp-<pid>` files (see `AtomicFileSink`) of writers that died mid-write.
    static func removeStaleTemporaries(of modelPath: String) {
        let folder = (modelPath as NSString).deletingLastPathComponent
        let prefix = (modelPath as NSString).lastPathComponent + ".tmp-"
        let own = prefix + String(ProcessInfo.processInfo.processIdentifier)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) && name != own {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }
}
