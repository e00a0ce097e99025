import Foundation

/// External measures of a clustering against reference labels. Labels are compared as
/// plain values: `-1` (unassigned) is just one more group.
public enum ClusterMetrics {
    /// Mutual information over the arithmetic mean of the two entropies (scikit-learn's
    /// default). Two single-group partitions score 1; otherwise a zero-entropy side scores 0.
    public static func normalizedMutualInformation(_ a: [Int], _ b: [Int]) -> Double {
        let n = min(a.count, b.count)
        guard n > 0 else { return 0 }
        let table = contingency(a, b, n)
        let hA = entropy(table.rows, n)
        let hB = entropy(table.columns, n)
        if hA == 0 && hB == 0 { return 1 }
        var mi = 0.0
        let total = Double(n)
        for pair in table.cells.keys.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) {
            let count = table.cells[pair]!
            let joint = Double(count) / total
            let pa = Double(table.rows[pair.a]!) / total
            let pb = Double(table.columns[pair.b]!) / total
            mi += joint * log(joint / (pa * pb))
        }
        let mean = (hA + hB) / 2
        return mean > 0 ? max(0, mi) / mean : 0
    }

    /// Hubert and Arabie's adjusted Rand index. Identical partitions score 1 (also in the
    /// degenerate cases scikit-learn treats so: all in one group, or all singletons).
    public static func adjustedRandIndex(_ a: [Int], _ b: [Int]) -> Double {
        let n = min(a.count, b.count)
        guard n > 1 else { return 1 }
        let table = contingency(a, b, n)
        func pairs(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
        let sumCells = table.cells.values.reduce(0.0) { $0 + pairs($1) } // integers: order-free
        let sumRows = table.rows.values.reduce(0.0) { $0 + pairs($1) }
        let sumColumns = table.columns.values.reduce(0.0) { $0 + pairs($1) }
        let expected = sumRows * sumColumns / pairs(n)
        let maximum = (sumRows + sumColumns) / 2
        guard maximum != expected else { return 1 }
        return (sumCells - expected) / (maximum - expected)
    }

    /// Mean over queries of the fraction of their first `k` neighbours (row indices) that
    /// share the query's label; the denominator is always `k`, so a short list counts its
    /// missing neighbours as misses. Queries with no neighbours at all are skipped.
    public static func precisionAtK(neighbors: [[Int]], labels: [Int], k: Int) -> Double {
        guard k > 0 else { return 0 }
        var total = 0.0
        var queries = 0
        for (query, list) in neighbors.enumerated() where query < labels.count && !list.isEmpty {
            let hits = list.prefix(k).filter { $0 >= 0 && $0 < labels.count && labels[$0] == labels[query] }.count
            total += Double(hits) / Double(k)
            queries += 1
        }
        return queries > 0 ? total / Double(queries) : 0
    }

    struct Pair: Hashable {
        var a: Int
        var b: Int
    }

    struct Contingency {
        var cells: [Pair: Int] = [:]
        var rows: [Int: Int] = [:]
        var columns: [Int: Int] = [:]
    }

    static func contingency(_ a: [Int], _ b: [Int], _ n: Int) -> Contingency {
        var table = Contingency()
        for i in 0..<n {
            table.cells[Pair(a: a[i], b: b[i]), default: 0] += 1
            table.rows[a[i], default: 0] += 1
            table.columns[b[i], default: 0] += 1
        }
        return table
    }

    static func entropy(_ counts: [Int: Int], _ n: Int) -> Double {
        var h = 0.0
        // Summed in key order so the result does not depend on dictionary layout.
        for key in counts.keys.sorted() {
            let p = Double(counts[key]!) / Double(n)
            if p > 0 { h -= p * log(p) }
        }
        return h
    }
}
