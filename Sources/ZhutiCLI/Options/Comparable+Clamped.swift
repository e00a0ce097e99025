/// A value held within bounds (a text bar's length, say).
extension Comparable {
    func clamped(_ low: Self, _ high: Self) -> Self { min(max(self, low), high) }
}
