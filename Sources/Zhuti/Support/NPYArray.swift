import Foundation

/// A 1-D or 2-D array in NumPy's `.npy` format (version 1.0, little-endian, C order): how
/// `zhuti worker` steps hand matrices to the Spark driver and back, since numpy reads and
/// writes it natively (`numpy.load`, `numpy.save`) and a file carries its own shape and type.
public struct NPYArray<Element: NPYElement>: Sendable {
    public var shape: [Int]
    public var values: [Element]

    public init(shape: [Int], values: [Element]) throws {
        guard (1...2).contains(shape.count), shape.allSatisfy({ $0 >= 0 }),
              shape.reduce(1, *) == values.count else {
            throw ZhutiError(.badInput, "an array of shape \(shape) cannot hold \(values.count) values")
        }
        self.shape = shape
        self.values = values
    }

    static var magic: [UInt8] { [0x93] + Array("NUMPY".utf8) + [1, 0] }

    /// The file's bytes: magic, version, header length, the header dict padded with spaces to
    /// a multiple of 64 bytes (ending in a newline), then the values.
    public func encoded() -> [UInt8] {
        let dims = shape.count == 1 ? "(\(shape[0]),)" : "(\(shape[0]), \(shape[1]))"
        var header = "{'descr': '\(Element.descriptor)', 'fortran_order': False, 'shape': \(dims), }"
        let unpadded = Self.magic.count + 2 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes = Self.magic
        let length = UInt16(header.utf8.count)
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += header.utf8
        values.withUnsafeBytes { bytes += $0 }
        return bytes
    }

    public func write(to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(encoded())) else {
            throw ZhutiError(.io, "cannot write the array", file: path)
        }
    }

    /// Reads an array of this element type; anything else (another type, Fortran order, a
    /// truncated file) is refused with a message naming the file.
    public static func read(path: String) throws -> NPYArray {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ZhutiError(.io, "cannot read the array", file: path)
        }
        return try decode(Array(data), path: path)
    }

    static func decode(_ bytes: [UInt8], path: String) throws -> NPYArray {
        func bad(_ why: String) -> ZhutiError { ZhutiError(.badInput, "not a usable .npy array: \(why)", file: path) }
        guard bytes.count >= 10, Array(bytes[0..<6]) == Array(magic[0..<6]), bytes[6] == 1 else {
            throw bad("no NumPy 1.0 header")
        }
        let length = Int(bytes[8]) | Int(bytes[9]) << 8
        guard bytes.count >= 10 + length else { throw bad("the header is cut short") }
        let header = String(decoding: bytes[10..<(10 + length)], as: UTF8.self)
        guard header.contains("'descr': '\(Element.descriptor)'") else { throw bad("the values are not \(Element.descriptor)") }
        guard header.contains("'fortran_order': False") else { throw bad("Fortran order is not supported") }
        guard let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw bad("no shape")
        }
        let dims = header[open.upperBound..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let shape = dims.compactMap { Int($0) }
        guard shape.count == dims.count, (1...2).contains(shape.count), shape.allSatisfy({ $0 >= 0 }) else {
            throw bad("shape (\(dims.joined(separator: ", "))) is not 1-D or 2-D")
        }
        let count = shape.reduce(1, *)
        let start = 10 + length, size = MemoryLayout<Element>.size
        guard bytes.count == start + count * size else {
            throw bad("\(bytes.count - start) bytes of values for shape \(shape)")
        }
        var values = [Element](repeating: .zero, count: count)
        values.withUnsafeMutableBytes { out in
            bytes.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[start...])) }
        }
        return try NPYArray(shape: shape, values: values)
    }
}

/// The element types `NPYArray` reads and writes, with their NumPy type strings.
public protocol NPYElement: BitwiseCopyable, Sendable {
    static var descriptor: String { get }
    static var zero: Self { get }
}

extension Float: NPYElement { public static var descriptor: String { "<f4" } }
extension Double: NPYElement { public static var descriptor: String { "<f8" } }
extension Int32: NPYElement { public static var descriptor: String { "<i4" } }
extension Int64: NPYElement { public static var descriptor: String { "<i8" } }
extension UInt32: NPYElement { public static var descriptor: String { "<u4" } }
extension UInt64: NPYElement { public static var descriptor: String { "<u8" } }
