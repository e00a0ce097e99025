/// 64-bit FNV-1a over bytes, printed as 16 lowercase hex digits: stable across runs and
/// machines, cheap, and enough to tell whether an issue's source changed.
enum ContentHash {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = offsetBasis) -> UInt64 {
        var h = seed
        for b in bytes {
            h ^= UInt64(b)
            h = h &* prime
        }
        return h
    }

    static func fnv1a(byte: UInt8, seed: UInt64) -> UInt64 {
        (seed ^ UInt64(byte)) &* prime
    }

    static func hex(_ h: UInt64) -> String {
        let digits = String(h, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func of(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { hex(fnv1a($0)) }
    }
}
