/// A compressed-sparse-row matrix: Float32 values, Int32 column indices.
///
/// Row `r` holds `values[rowStarts[r] ..< rowStarts[r + 1]]` at columns
/// `columnIndices[...]`, column indices strictly increasing within a row.
/// Documents are rows, terms are columns; no dense documents x terms matrix exists anywhere.
public struct SparseMatrix: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    public var rowStarts: [Int]
    public var columnIndices: [Int32]
    public var values: [Float]

    public init(rows: Int, columns: Int, rowStarts: [Int], columnIndices: [Int32], values: [Float]) {
        precondition(rowStarts.count == rows + 1, "rowStarts must have rows + 1 entries")
        precondition(columnIndices.count == values.count, "one value per column index")
        self.rows = rows
        self.columns = columns
        self.rowStarts = rowStarts
        self.columnIndices = columnIndices
        self.values = values
    }

    public var nonZeroCount: Int { values.count }
}
