import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The binary container every Zhuti model is stored in (specified in `models/FORMAT.md`).
///
/// Little-endian throughout:
///
///     0   magic      8 bytes  "ZHUTIMDL"
///     8   version    UInt32   (currently 1)
///     12  count      UInt32   number of sections
///     16  tableHash  UInt64   checksum of the section table
///     24  table      count x 32 bytes: tag (4 ASCII bytes), reserved UInt32 (0),
///                    offset UInt64, length UInt64, checksum UInt64
///     ... sections, each starting on a 64-byte boundary (so Float/Int32 views are aligned)
///
/// Each section carries its own checksum; the reader verifies all of them and the bounds
/// before handing anything out, so a truncated or corrupt file is refused, never read as garbage.
public enum ModelFile {
    public static let magic: [UInt8] = Array("ZHUTIMDL".utf8)
    public static let version = UInt32(LSAModelInfo.currentFormatVersion)
    static let headerSize = 24
    static let tableEntrySize = 32
    static let alignment = 64

    /// A section: a four-character tag and its bytes.
    public struct Section: Sendable {
        public var tag: String
        /// Small sections own their bytes; large vector sections are written straight from
        /// the model's storage, never copied.
        private var owned: [UInt8]
        private var borrowed: FloatStorage?

        public init(tag: String, bytes: [UInt8]) {
            precondition(tag.utf8.count == 4, "section tags are four ASCII bytes")
            self.tag = tag
            self.owned = bytes
        }

        public init(tag: String, floats: FloatStorage) {
            self.init(tag: tag, bytes: [])
            borrowed = floats
        }

        var count: Int { borrowed.map { $0.buffer.count * MemoryLayout<Float>.size } ?? owned.count }

        func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            if let borrowed { return try body(UnsafeRawBufferPointer(borrowed.buffer)) }
            return try owned.withUnsafeBytes(body)
        }

        public init<T: BitwiseCopyable>(tag: String, array: [T]) {
            self.init(tag: tag, bytes: array.withUnsafeBytes { Array($0) })
        }

        public init(tag: String, strings: [String]) {
            self.init(tag: tag, bytes: StringTable.encode(strings))
        }
    }

    /// Writes sections atomically: to a temporary file beside `path`, flushed, then renamed
    /// over `path`. A failure leaves any existing file untouched.
    public static func write(_ sections: [Section], to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
        } catch {
            throw ZhutiError(.io, "cannot create folder: \(error.localizedDescription)", file: directory)
        }
        let sink = try AtomicFileSink(path: path)
        // Lay out the sections, then write header, table and padded sections in one pass.
        var table: [UInt8] = []
        var offset = align(headerSize + sections.count * tableEntrySize)
        for section in sections {
            table += Array(section.tag.utf8)
            table += bytes(of: UInt32(0))
            table += bytes(of: UInt64(offset))
            table += bytes(of: UInt64(section.count))
            table += bytes(of: section.withBytes { ContentChecksum.of($0) })
            offset = align(offset + section.count)
        }
        var header = magic
        header += bytes(of: version)
        header += bytes(of: UInt32(sections.count))
        header += bytes(of: ContentChecksum.of(table))

        var written = 0
        for chunk in [header, table] {
            try sink.write(chunk)
            written += chunk.count
        }
        for section in sections {
            try sink.write(repeatElement(UInt8(0), count: align(written) - written))
            try section.withBytes { try sink.write($0) }
            written = align(written) + section.count
        }
        try sink.commit()
    }

    static func align(_ offset: Int) -> Int { (offset + alignment - 1) / alignment * alignment }

    static func bytes<T: FixedWidthInteger>(of value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}

/// A model file mapped into memory and verified. Sections are views into the mapping,
/// valid as long as this object lives.
public final class MappedModelFile: @unchecked Sendable {
    // @unchecked: the mapping is read-only and never mutated after init.
    public let path: String
    private let base: UnsafeRawPointer
    private let size: Int
    private let sections: [String: UnsafeRawBufferPointer]

    public init(path: String) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ZhutiError(errno == ENOENT ? .notFound : .io, "cannot open model: \(String(cString: strerror(errno)))", file: path)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ZhutiError(.io, "cannot read model: \(String(cString: strerror(errno)))", file: path)
        }
        let size = Int(status.st_size)
        guard size >= ModelFile.headerSize else {
            throw ZhutiError(.corruptModel, "not a Zhuti model (file too short: \(size) bytes); rebuild it with `zhuti build`", file: path)
        }
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else {
            throw ZhutiError(.io, "cannot map model: \(String(cString: strerror(errno)))", file: path)
        }
        let base = UnsafeRawPointer(mapping)
        do {
            self.sections = try Self.verify(UnsafeRawBufferPointer(start: base, count: size), path: path)
        } catch {
            munmap(mapping, size)
            throw error
        }
        self.base = base
        self.size = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), size)
    }

    private static func verify(_ file: UnsafeRawBufferPointer, path: String) throws -> [String: UnsafeRawBufferPointer] {
        func corrupt(_ why: String) -> ZhutiError {
            ZhutiError(.corruptModel, "corrupt or truncated model (\(why)); rebuild it with `zhuti build`", file: path)
        }
        func load<T: FixedWidthInteger>(_ offset: Int, as: T.Type) -> T {
            T(littleEndian: file.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        guard Array(file[0..<8]) == ModelFile.magic else {
            throw ZhutiError(.corruptModel, "not a Zhuti model (bad magic bytes)", file: path)
        }
        let version = load(8, as: UInt32.self)
        guard version == ModelFile.version else {
            throw ZhutiError(.corruptModel, "model format version \(version) is not supported (this zhuti reads version \(ModelFile.version)); rebuild it with `zhuti build`", file: path)
        }
        let count = Int(load(12, as: UInt32.self))
        let tableEnd = ModelFile.headerSize + count * ModelFile.tableEntrySize
        guard count < 4096, tableEnd <= file.count else { throw corrupt("section table past end of file") }
        let table = UnsafeRawBufferPointer(rebasing: file[ModelFile.headerSize..<tableEnd])
        guard ContentChecksum.of(table) == load(16, as: UInt64.self) else { throw corrupt("section table checksum mismatch") }

        var sections: [String: UnsafeRawBufferPointer] = [:]
        var covered = tableEnd // everything before this offset has been checked
        func checkZeroPadding(upTo end: Int) throws {
            guard covered <= end, file[covered..<end].allSatisfy({ $0 == 0 }) else {
                throw corrupt("unexpected bytes between sections")
            }
        }
        for index in 0..<count {
            let entry = ModelFile.headerSize + index * ModelFile.tableEntrySize
            let tag = String(decoding: file[entry..<entry + 4], as: UTF8.self)
            let offset = load(entry + 8, as: UInt64.self)
            let length = load(entry + 16, as: UInt64.self)
            guard offset % UInt64(ModelFile.alignment) == 0, offset <= UInt64(file.count),
                  length <= UInt64(file.count) - offset else {
                throw corrupt("section \(tag) lies outside the file")
            }
            try checkZeroPadding(upTo: Int(offset))
            covered = Int(offset + length)
            let bytes = UnsafeRawBufferPointer(rebasing: file[Int(offset)..<Int(offset + length)])
            guard ContentChecksum.of(bytes) == load(entry + 24, as: UInt64.self) else {
                throw corrupt("section \(tag) checksum mismatch")
            }
            sections[tag] = bytes
        }
        guard covered == file.count else { throw corrupt("\(file.count - covered) bytes after the last section") }
        return sections
    }

    public func has(_ tag: String) -> Bool { sections[tag] != nil }

    public func bytes(_ tag: String) throws -> UnsafeRawBufferPointer {
        guard let section = sections[tag] else {
            throw ZhutiError(.corruptModel, "model lacks its \(tag) section; rebuild it with `zhuti build`", file: path)
        }
        return section
    }

    /// A typed view of a section; its length must be a whole number of elements.
    public func array<T: BitwiseCopyable>(_ tag: String, of type: T.Type, count expected: Int? = nil) throws -> UnsafeBufferPointer<T> {
        let raw = try bytes(tag)
        let stride = MemoryLayout<T>.stride
        guard raw.count % stride == 0, expected.map({ $0 * stride == raw.count }) ?? true else {
            throw ZhutiError(.corruptModel, "model section \(tag) has \(raw.count) bytes, not what its header promises; rebuild it with `zhuti build`", file: path)
        }
        return raw.bindMemory(to: T.self)
    }

    public func strings(_ tag: String) throws -> [String] {
        guard let strings = StringTable.decode(try bytes(tag)) else {
            throw ZhutiError(.corruptModel, "model section \(tag) is not a valid string table; rebuild it with `zhuti build`", file: path)
        }
        return strings
    }
}

/// A list of strings as bytes: count (UInt32), count + 1 end offsets (UInt32), UTF-8 bytes.
enum StringTable {
    static func encode(_ strings: [String]) -> [UInt8] {
        var offsets: [UInt32] = [0]
        var blob: [UInt8] = []
        for string in strings {
            blob += string.utf8
            offsets.append(UInt32(blob.count))
        }
        var bytes = ModelFile.bytes(of: UInt32(strings.count))
        for offset in offsets { bytes += ModelFile.bytes(of: offset) }
        return bytes + blob
    }

    static func decode(_ raw: UnsafeRawBufferPointer) -> [String]? {
        guard raw.count >= 8 else { return nil }
        let count = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
        let blobStart = 4 + (count + 1) * 4
        guard blobStart <= raw.count else { return nil }
        func offset(_ index: Int) -> Int {
            Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 + index * 4, as: UInt32.self)))
        }
        var strings: [String] = []
        strings.reserveCapacity(count)
        var previous = offset(0)
        guard previous == 0 else { return nil }
        guard count > 0 else { return [] }
        for index in 1...count {
            let end = offset(index)
            guard end >= previous, blobStart + end <= raw.count else { return nil }
            strings.append(String(decoding: raw[(blobStart + previous)..<(blobStart + end)], as: UTF8.self))
            previous = end
        }
        return strings
    }
}

/// A fast 64-bit checksum: four independent multiply-xorshift lanes over 8-byte words (lane
/// i takes words i, i+4, i+8 ...), folded together with the length and trailing bytes. The
/// lanes let the CPU overlap the multiplications, so verifying a several-hundred-megabyte
/// model on load costs tens of milliseconds. Each step is a bijection of the lane state for a
/// given word, so any single changed word changes the result. Detects truncation and
/// corruption; not a cryptographic hash.
enum ContentChecksum {
    static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }

    @inline(__always)
    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        var h = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 29
        return h
    }

    static func of(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F,
                                                         0x1656_67B1_9E37_79F9, 0x27D4_EB2F_1656_67C5)
        let words = raw.count / 8
        let groups = words / 4
        var index = 0
        while index < groups {
            let offset = index * 32
            lanes.0 = mix(lanes.0, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            lanes.1 = mix(lanes.1, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
            lanes.2 = mix(lanes.2, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)))
            lanes.3 = mix(lanes.3, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)))
            index += 1
        }
        var hash = mix(mix(mix(mix(UInt64(raw.count), lanes.0), lanes.1), lanes.2), lanes.3)
        for word in (groups * 4)..<words {
            hash = mix(hash, UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)))
        }
        for byte in raw[(words * 8)...] {
            hash = mix(hash, UInt64(byte) | 0x100)
        }
        hash ^= hash >> 33
        return hash
    }
}
