/// Counts the n-grams of one document at a time: which distinct keys occur and how often.
///
/// A worker makes one and reuses it for every document it handles: slots carry the number of
/// the document that filled them (a stamp), so starting the next document costs nothing
/// instead of clearing the table. It is a struct over raw memory, used as a local variable,
/// because this is the innermost loop of fitting (a class would pay a dynamic exclusivity
/// check on every field access). The owner calls `release()` exactly once.
struct NGramDocumentCounter {
    private var slotKeys: UnsafeMutablePointer<UInt64>
    private var slotStamps: UnsafeMutablePointer<UInt32>
    private var slotPositions: UnsafeMutablePointer<Int32>
    private var capacity: Int
    private var shift: UInt64
    private var stamp: UInt32 = 1

    /// The distinct keys of the current document in first-seen order, and their counts.
    private(set) var keys: UnsafeMutablePointer<UInt64>
    private(set) var counts: UnsafeMutablePointer<UInt32>
    private(set) var distinctCount = 0

    init(log2Capacity: Int = 12) {
        capacity = 1 << log2Capacity
        shift = UInt64(64 - log2Capacity)
        slotKeys = .allocate(capacity: capacity)
        slotStamps = .allocate(capacity: capacity)
        slotStamps.initialize(repeating: 0, count: capacity)
        slotPositions = .allocate(capacity: capacity)
        keys = .allocate(capacity: capacity / 2)
        counts = .allocate(capacity: capacity / 2)
    }

    func release() {
        slotKeys.deallocate()
        slotStamps.deallocate()
        slotPositions.deallocate()
        keys.deallocate()
        counts.deallocate()
    }

    var distinctKeys: UnsafeBufferPointer<UInt64> { UnsafeBufferPointer(start: keys, count: distinctCount) }

    /// Forgets the previous document.
    mutating func reset() {
        distinctCount = 0
        stamp &+= 1
        if stamp == 0 {  // wrapped after 2³² documents: old stamps could look current
            slotStamps.update(repeating: 0, count: capacity)
            stamp = 1
        }
    }

    /// Counts one occurrence of `key`.
    @inline(__always)
    mutating func add(_ key: UInt64) {
        let mask = capacity - 1
        var slot = NGramCountTable.slot(of: key, shift: shift)
        while slotStamps[slot] == stamp {
            if slotKeys[slot] == key {
                counts[Int(slotPositions[slot])] &+= 1
                return
            }
            slot = (slot + 1) & mask
        }
        slotStamps[slot] = stamp
        slotKeys[slot] = key
        slotPositions[slot] = Int32(truncatingIfNeeded: distinctCount)
        keys[distinctCount] = key
        counts[distinctCount] = 1
        distinctCount += 1
        // Kept at most half full; the distinct list has room for exactly that many keys.
        if distinctCount * 2 >= capacity { grow() }
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newShift = shift - 1
        let newSlotKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
        let newStamps = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
        newStamps.initialize(repeating: 0, count: newCapacity)
        let newPositions = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
        let newKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity / 2)
        let newCounts = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity / 2)
        newKeys.update(from: keys, count: distinctCount)
        newCounts.update(from: counts, count: distinctCount)
        let mask = newCapacity - 1
        for position in 0..<distinctCount {
            var slot = NGramCountTable.slot(of: newKeys[position], shift: newShift)
            while newStamps[slot] == 1 { slot = (slot + 1) & mask }
            newStamps[slot] = 1
            newSlotKeys[slot] = newKeys[position]
            newPositions[slot] = Int32(truncatingIfNeeded: position)
        }
        release()
        slotKeys = newSlotKeys
        slotStamps = newStamps
        slotPositions = newPositions
        keys = newKeys
        counts = newCounts
        capacity = newCapacity
        shift = newShift
        stamp = 1
    }
}
