/// FNV-1a, 64-bit: a hash that is the same on every machine and every run (unlike
/// Swift's `Hasher`, which is seeded per process). Used for content hashes and fingerprints,
/// not for security.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// The hash of `bytes`, as 16 hex digits: an issue's content hash.
    public static func hex(of bytes: some Sequence<UInt8>) -> String {
        var hash = StableHash()
        hash.combine(bytes: bytes)
        return hash.hexDigest
    }

    public mutating func combine(bytes: some Sequence<UInt8>) {
        for byte in bytes { combine(byte: byte) }
    }

    @inline(__always)
    public mutating func combine(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// Strings are length-prefixed so that ("ab","c") and ("a","bc") differ.
    public mutating func combine(_ string: String) {
        combine(bytes: withUnsafeBytes(of: UInt64(string.utf8.count).littleEndian) { Array($0) })
        combine(bytes: string.utf8)
    }

    public var hexDigest: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
