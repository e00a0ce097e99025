/// Rankings that do not depend on the machine.
///
/// BLAS kernels sum a dot product in different orders (OpenBLAS's AVX2 and AVX-512 kernels,
/// Debian's reference BLAS, `sgemv` for one query and `sgemm` tiles for all pairs, one thread
/// or several), so two near-tied candidates can swap places from one path or machine to the
/// next. Every search therefore ranks in two steps:
///
/// 1. **BLAS nominates.** A Float dot product of two vectors of length d, summed in any order,
///    is within d·u·|a|·|b| of the exact value (u = 2⁻²⁴; Higham, *Accuracy and Stability of
///    Numerical Algorithms*, §3.1). Vectors here are unit length, so keeping every candidate
///    within twice that of the k-th best BLAS score (`TopK`'s slack) keeps every candidate
///    that the exact scores put in the top k, on any kernel.
/// 2. **One routine scores the nominees** (`canonicalDot`): the products of the stored Float32
///    coordinates (exact in Double), summed in Double in coordinate order, rounded to Float.
///    Results are ranked by (score, then article id).
///
/// The canonical score is a plain loop, compiled without fast-math, so the compiler keeps its
/// order: the same model file gives the same scores, bit for bit, and the same ranking from
/// `nearest`, the bounded search, the all-pairs tiles, the server and any number of threads.
extension SimilarityIndex {
    /// Σ a[j]·b[j] in Double, in order j = 0, 1, …, rounded to Float.
    @inline(__always)
    static func canonicalDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var sum: Double = 0
        for j in 0..<count { sum += Double(a[j]) * Double(b[j]) }
        return Float(sum)
    }

    /// How far below the k-th best BLAS score a nominee may lie. A BLAS score and the
    /// canonical one differ by at most (d + 1)·u on unit vectors (the BLAS sum's bound plus the
    /// final rounding); a nominee may lie twice that below the k-th, and the slack doubles
    /// it again for room: 4·(d + 2)·u = 2·(d + 2)·ε (about 5·10⁻⁵ at 200 dimensions).
    var nominationSlack: Float { Float(2 * (model.dimensions + 2)) * Float.ulpOfOne }

    /// The `k` best of `nominees` by canonical score with unit `query` (a pointer to d
    /// floats), ties by article id.
    func rescored(_ nominees: [TopK.Entry], k: Int, query: UnsafePointer<Float>) -> [TopK.Entry] {
        let d = model.dimensions, documents = model.documentVectors.buffer.baseAddress!
        var top = TopK(capacity: k)
        let tieBreak = tieBreak
        for nominee in nominees {
            top.consider(nominee.index, Self.canonicalDot(query, documents + nominee.index * d, count: d), tieBreak: tieBreak)
        }
        return top.entries
    }
}
