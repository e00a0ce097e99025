import CLinearAlgebra
/// Document frequencies of n-gram keys: an open-addressing (linear probing) table of
/// UInt64 -> UInt32, 12 bytes per slot, kept at most 3/4 full. Key 0 marks an empty slot
/// (no n-gram has key 0: packed keys hold nonzero scalars, hashed keys have the top bit set).
///
/// Fitting splits the key space into shards (`shard(of:count:)`), one table per core, so
/// both cores count at once without locks and no merge is needed.
///
/// Memory: the table holds every distinct n-gram seen, including the many that occur in only
/// one document (on the Sogou sample, 8.2M characters at 1-3 grams, several million keys:
/// tens of megabytes). For a corpus far beyond that the bound would come from a cap on the
/// table: when it reaches the cap, drop every entry with count 1 (and keep dropping at each
/// cap), remembering the number of documents seen at the last prune; an n-gram then loses at
/// most the documents before its re-insertion, so df is a lower bound and n-grams frequent
/// enough to matter survive (the lossy-counting argument). Not needed at archive scale
/// (350,000 articles), so not done here: exact counts keep the output identical to the
/// textbook definition.
struct NGramCountTable {
    private(set) var keys: [UInt64]
    private(set) var counts: [UInt32]
    private(set) var count = 0
    private var shift: UInt64

    init(log2Capacity: Int = 16) {
        keys = Array(repeating: 0, count: 1 << log2Capacity)
        counts = Array(repeating: 0, count: 1 << log2Capacity)
        shift = UInt64(64 - log2Capacity)
    }

    var capacity: Int { keys.count }
    private var growthThreshold: Int { capacity / 4 * 3 }

    /// Which of `shardCount` shards owns `key`; independent of the slot a table puts it in.
    @inline(__always)
    static func shard(of key: UInt64, count shardCount: Int) -> Int {
        Int(truncatingIfNeeded: (((key &* 0xD6E8_FEB8_6659_FD93) >> 32) &* UInt64(shardCount)) >> 32)
    }

    @inline(__always)
    static func slot(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Adds one to the count of every key in `input` that belongs to `shard`.
    mutating func addAll(_ input: UnsafeBufferPointer<UInt64>, shard: Int, shardCount: Int) {
        var position = 0
        while position < input.count {
            if count >= growthThreshold { grow() }
            let limit = growthThreshold
            let shift = self.shift
            var filled = count
            keys.withUnsafeMutableBufferPointer { slotKeys in
                counts.withUnsafeMutableBufferPointer { slotCounts in
                    let mask = slotKeys.count - 1
                    while position < input.count && filled < limit {
                        let key = input[position]
                        position += 1
                        if shardCount > 1 && Self.shard(of: key, count: shardCount) != shard { continue }
                        var slot = Self.slot(of: key, shift: shift)
                        while true {
                            let existing = slotKeys[slot]
                            if existing == key {
                                slotCounts[slot] &+= 1
                                break
                            }
                            if existing == 0 {
                                slotKeys[slot] = key
                                slotCounts[slot] = 1
                                filled += 1
                                break
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
            count = filled
        }
    }

    private mutating func grow() {
        let newLog2 = 64 - Int(shift) + 1
        var bigger = NGramTable.emptyCounts(log2Capacity: newLog2)
        let newShift = UInt64(64 - newLog2)
        keys.withUnsafeBufferPointer { oldKeys in
            counts.withUnsafeBufferPointer { oldCounts in
                bigger.keys.withUnsafeMutableBufferPointer { newKeys in
                    bigger.counts.withUnsafeMutableBufferPointer { newCounts in
                        let mask = newKeys.count - 1
                        for i in 0..<oldKeys.count where oldKeys[i] != 0 {
                            var slot = Self.slot(of: oldKeys[i], shift: newShift)
                            while newKeys[slot] != 0 { slot = (slot + 1) & mask }
                            newKeys[slot] = oldKeys[i]
                            newCounts[slot] = oldCounts[i]
                        }
                    }
                }
            }
        }
        keys = bigger.keys
        counts = bigger.counts
        shift = newShift
    }

    /// Every (key, count) pair, in slot order (callers sort what they keep).
    func forEach(_ body: (UInt64, UInt32) -> Void) {
        keys.withUnsafeBufferPointer { slotKeys in
            counts.withUnsafeBufferPointer { slotCounts in
                for i in 0..<slotKeys.count where slotKeys[i] != 0 { body(slotKeys[i], slotCounts[i]) }
            }
        }
    }
}

enum NGramTable {
    static func emptyCounts(log2Capacity: Int) -> (keys: [UInt64], counts: [UInt32]) {
        (Array(repeating: 0, count: 1 << log2Capacity), Array(repeating: 0, count: 1 << log2Capacity))
    }
}

/// Key -> column index for the kept vocabulary, read-only once built, at most half full so
/// that the common miss (an n-gram pruned away) ends after a probe or two. Key and index share
/// a slot (16 bytes) so a lookup touches one cache line, not two.
struct NGramIndexTable: Sendable {
    struct Slot: Sendable {
        var key: UInt64
        var index: Int64
    }

    private var slots: [Slot]
    private var shift: UInt64

    /// `keys[i]` gets index `i`. Returns nil if a key repeats (or is 0, which no n-gram has).
    init?(_ termKeys: [UInt64]) {
        var log2 = 4
        while (1 << log2) < termKeys.count * 2 { log2 += 1 }
        let capacity = 1 << log2
        var slots = [Slot](repeating: Slot(key: 0, index: -1), count: capacity)
        let shift = UInt64(64 - log2)
        var duplicate = false
        for (index, key) in termKeys.enumerated() {
            if key == 0 { duplicate = true; break }
            var slot = NGramCountTable.slot(of: key, shift: shift)
            while slots[slot].key != 0 {
                if slots[slot].key == key { duplicate = true; break }
                slot = (slot + 1) & (capacity - 1)
            }
            if duplicate { break }
            slots[slot] = Slot(key: key, index: Int64(index))
        }
        if duplicate { return nil }
        self.slots = slots
        self.shift = shift
    }

    /// The columns of `count` keys, handed to `body(position, column)` in order (column -1
    /// when not in the vocabulary). The slot of the key `prefetchDistance` ahead is fetched
    /// while this one is resolved: a document's lookups then wait for memory together, not
    /// one after another (the table is megabytes, each lookup a cache miss).
    @inline(__always)
    func forEachIndex(of keys: UnsafePointer<UInt64>, count: Int, _ body: (Int, Int32) -> Void) {
        let prefetchDistance = 8
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            let base = slots.baseAddress!
            for position in 0..<min(prefetchDistance, count) {
                zhuti_prefetch(base + NGramCountTable.slot(of: keys[position], shift: shift))
            }
            for position in 0..<count {
                if position + prefetchDistance < count {
                    zhuti_prefetch(base + NGramCountTable.slot(of: keys[position + prefetchDistance], shift: shift))
                }
                let key = keys[position]
                var slot = NGramCountTable.slot(of: key, shift: shift)
                var column: Int32 = -1
                while true {
                    let existing = slots[slot]
                    if existing.key == key { column = Int32(truncatingIfNeeded: existing.index); break }
                    if existing.key == 0 { break }
                    slot = (slot + 1) & mask
                }
                body(position, column)
            }
        }
    }

    /// The column of `key`, or -1 when it is not in the vocabulary.
    @inline(__always)
    func index(of key: UInt64) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = NGramCountTable.slot(of: key, shift: shift)
            while true {
                let existing = slots[slot]
                if existing.key == key { return Int32(truncatingIfNeeded: existing.index) }
                if existing.key == 0 { return -1 }
                slot = (slot + 1) & mask
            }
        }
    }
}
