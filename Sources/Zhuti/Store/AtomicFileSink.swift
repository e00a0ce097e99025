import Foundation

/// A buffered byte writer to `<path>.tmp-<pid>` that only replaces `path` on `commit()`.
///
/// Bytes are gathered in a fixed chunk and handed to `fwrite` whenever it fills, so memory
/// stays flat however large the graph grows. If anything throws before `commit()`, `abort()`
/// removes the temporary file and whatever was at `path` before stays untouched.
/// Every file Zhuti writes (models, graphs, heatmaps) goes through it.
public final class AtomicFileSink {
    let path: String
    let temporaryPath: String
    private var handle: UnsafeMutablePointer<FILE>?
    /// Closed but not yet renamed: the temporary file still needs cleaning up on abort.
    private var finished = false
    private var buffer: [UInt8] = []
    private let chunkSize: Int

    public init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        self.temporaryPath = "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        self.chunkSize = max(chunkSize, 4096)
        guard !path.isEmpty else {
            throw ZhutiError(.io, "no output file given")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ZhutiError(.io, "cannot write: it is a directory", file: path)
        }
        guard let file = fopen(temporaryPath, "wb") else {
            throw ZhutiError(.io, "cannot create file (\(String(cString: strerror(errno))))", file: path)
        }
        handle = file
        buffer.reserveCapacity(self.chunkSize)
    }

    /// Writes a whole file at once, atomically.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws {
        let sink = try AtomicFileSink(path: path)
        try sink.write(bytes)
        try sink.commit()
    }

    deinit {
        // A sink dropped without commit() (e.g. an error unwound past it) cleans up after itself.
        abort()
    }

    @inline(__always)
    func write(_ byte: UInt8) throws {
        buffer.append(byte)
        if buffer.count >= chunkSize { try flush() }
    }

    public func write(_ bytes: some Collection<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Large contiguous bytes (a model's vector sections) go straight to the file rather than
    /// through the chunk buffer, so writing never holds a second copy of them.
    public func write(_ raw: UnsafeRawBufferPointer) throws {
        guard raw.count >= chunkSize else {
            buffer.append(contentsOf: raw)
            if buffer.count >= chunkSize { try flush() }
            return
        }
        try flush()
        guard let handle else { throw ZhutiError(.io, "write after close", file: path) }
        if fwrite(raw.baseAddress, 1, raw.count, handle) != raw.count {
            throw ZhutiError(.io, "cannot write file (\(String(cString: strerror(errno))))", file: path)
        }
    }

    /// Writes a string that needs no escaping (markup, numbers, known-safe names).
    public func write(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= chunkSize { try flush() }
    }

    /// Lets escaping code append straight into the chunk, then flushes if it filled up.
    func appendRaw(_ body: (inout [UInt8]) -> Void) throws {
        body(&buffer)
        if buffer.count >= chunkSize { try flush() }
    }

    func flush() throws {
        guard let handle else { throw ZhutiError(.io, "write after close", file: path) }
        if buffer.isEmpty { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
        if written != buffer.count {
            throw ZhutiError(.io, "cannot write file (\(String(cString: strerror(errno))))", file: path)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and moves the finished file into place.
    public func commit() throws {
        try finish()
        try publish()
    }

    /// Flushes and closes the temporary file; `publish()` then moves it into place. Split so
    /// a format writing two files (CSV) can finish both before either replaces its target.
    func finish() throws {
        try flush()
        guard let file = handle else { throw ZhutiError(.io, "file already closed", file: path) }
        handle = nil
        finished = true
        // fsync before rename: after a crash the new name never points at unwritten blocks.
        if fflush(file) != 0 || fsync(fileno(file)) != 0 || fclose(file) != 0 {
            let reason = String(cString: strerror(errno))
            discard()
            throw ZhutiError(.io, "cannot finish file (\(reason))", file: path)
        }
    }

    func publish() throws {
        guard finished else { throw ZhutiError(.io, "file not finished", file: path) }
        finished = false
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw ZhutiError(.io, "cannot move the finished file into place (\(reason))", file: path)
        }
        // fsync the folder too: the rename itself is only durable once the directory entry is.
        let folder = (path as NSString).deletingLastPathComponent
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            let synced = fsync(directory)
            close(directory)
            if synced != 0 {
                throw ZhutiError(.io, "cannot sync the folder after writing (\(String(cString: strerror(errno))))", file: path)
            }
        }
    }

    /// Closes and deletes the temporary file; a no-op once the file has been published.
    func abort() {
        if let file = handle {
            handle = nil
            fclose(file)
            unlink(temporaryPath)
        }
        discard()
    }

    private func discard() {
        if finished {
            finished = false
            unlink(temporaryPath)
        }
    }
}
