/// A set of distinct scalar strings stored back to back in one buffer and found by content.
///
/// PhraseMerger looks up millions of short slices of texts (is this n-gram selected? have we
/// seen this run?). Keying a `Set` or `Dictionary` by `[Unicode.Scalar]` allocated an array and
/// ran SipHash for every probe; here a probe is an FNV-1a hash the caller usually already
/// holds (it extends the hash one character at a time while scanning), one open-addressing
/// slot and a compare of a few scalars against the stored copy - no allocation.
struct ScalarStringTable {
    /// Every stored string, back to back.
    private(set) var storage: [Unicode.Scalar] = []
    private(set) var offsets: [Int] = []
    private(set) var lengths: [Int] = []
    private var hashes: [UInt64] = []
    /// Open addressing with linear probing; -1 marks an empty slot.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 16) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { offsets.count }

    static let hashBasis: UInt64 = 0xCBF2_9CE4_8422_2325

    /// FNV-1a, one scalar further.
    @inline(__always)
    static func hash(_ h: UInt64, _ scalar: Unicode.Scalar) -> UInt64 {
        (h ^ UInt64(scalar.value)) &* 0x0000_0100_0000_01B3
    }

    static func hash(of source: [Unicode.Scalar], from start: Int, count: Int) -> UInt64 {
        var h = hashBasis
        for i in start..<(start + count) { h = hash(h, source[i]) }
        return h
    }

    /// The id of the stored string equal to `source[start ..< start + count]`, whose hash is `hash`.
    @inline(__always)
    func find(_ source: [Unicode.Scalar], from start: Int, count: Int, hash: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { return nil }
            if hashes[id] == hash && lengths[id] == count && equal(id, source, start) { return id }
            slot = (slot + 1) & mask
        }
    }

    func find(_ source: [Unicode.Scalar], from start: Int, count: Int) -> Int? {
        find(source, from: start, count: count, hash: Self.hash(of: source, from: start, count: count))
    }

    /// Stores `source[start ..< start + count]` unless an equal string is stored already.
    @discardableResult
    mutating func insert(_ source: [Unicode.Scalar], from start: Int, count: Int) -> (id: Int, inserted: Bool) {
        let hash = Self.hash(of: source, from: start, count: count)
        if let id = find(source, from: start, count: count, hash: hash) { return (id, false) }
        let id = offsets.count
        offsets.append(storage.count)
        lengths.append(count)
        hashes.append(hash)
        storage.append(contentsOf: source[start..<(start + count)])
        if 2 * offsets.count > slots.count { grow() } else { place(id) }
        return (id, true)
    }

    /// The stored string `id`.
    func scalars(_ id: Int) -> ArraySlice<Unicode.Scalar> {
        storage[offsets[id]..<(offsets[id] + lengths[id])]
    }

    func string(_ id: Int) -> String {
        var string = ""
        string.unicodeScalars.append(contentsOf: scalars(id))
        return string
    }

    /// Whether string `needle` occurs contiguously in string `haystack`.
    func contains(_ haystack: Int, _ needle: Int) -> Bool {
        contains(haystack, storage, from: offsets[needle], count: lengths[needle])
    }

    /// Whether `source[start ..< start + count]` occurs contiguously in string `haystack`.
    func contains(_ haystack: Int, _ source: [Unicode.Scalar], from start: Int, count: Int) -> Bool {
        let length = lengths[haystack], base = offsets[haystack]
        guard count <= length else { return false }
        guard count > 0 else { return true }
        outer: for offset in 0...(length - count) {
            for i in 0..<count where storage[base + offset + i] != source[start + i] { continue outer }
            return true
        }
        return false
    }

    private func equal(_ id: Int, _ source: [Unicode.Scalar], _ start: Int) -> Bool {
        let base = offsets[id]
        for i in 0..<lengths[id] where storage[base + i] != source[start + i] { return false }
        return true
    }

    private mutating func place(_ id: Int) {
        var slot = Int(truncatingIfNeeded: hashes[id]) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(id)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for id in 0..<offsets.count { place(id) }
    }
}
