/// Numbers keys in the order they are first seen: the position of a key's group in an
/// array of groups kept in that order (issues of an export, groups of a graph batch).
struct FirstSeenIndex<Key: Hashable> {
    private var positions: [Key: Int] = [:]

    /// `key`'s position; the first time, `append` adds its group at the end and the key
    /// takes the next position.
    mutating func position(of key: Key, appending append: () -> Void) -> Int {
        if let known = positions[key] { return known }
        let position = positions.count
        positions[key] = position
        append()
        return position
    }
}
