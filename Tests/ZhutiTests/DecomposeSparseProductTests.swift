import Testing
import Foundation
@testable import Zhuti

@Suite struct DecomposeSparseProductTests {
    typealias F = DecomposeFixtures

    // A = [[1, 0, 2, 0], [0, 0, 0, 0], [0, 3, 0, 4]]
    let a = SparseMatrix(rows: 3, columns: 4, rowStarts: [0, 2, 2, 4], columnIndices: [0, 2, 1, 3], values: [1, 2, 3, 4])

    @Test func handComputedProducts() {
        // X = [[1, 0], [0, 1], [1, 1], [2, -1]] -> A·X = [[3, 2], [0, 0], [8, -1]]
        let x = DenseMatrix(rows: 4, columns: 2, values: [1, 0, 1, 2, 0, 1, 1, -1])
        #expect(a.multiply(x) == DenseMatrix(rows: 3, columns: 2, values: [3, 0, 8, 2, 0, -1]))
        // Y = [[1], [5], [2]] -> Aᵀ·Y = [[1], [6], [2], [8]]
        let y = DenseMatrix(rows: 3, columns: 1, values: [1, 5, 2])
        #expect(a.transposeMultiply(y) == DenseMatrix(rows: 4, columns: 1, values: [1, 6, 2, 8]))
    }

    @Test func transposeIsTheCSROfAT() {
        let t = a.transposed()
        #expect(t.rows == 4 && t.columns == 3)
        #expect(t.rowStarts == [0, 1, 2, 3, 4])
        #expect(t.columnIndices == [0, 2, 0, 2])
        #expect(t.values == [1, 3, 2, 4])
        #expect(t.transposed() == a)
    }

    @Test(arguments: [(13, 11, 3, UInt64(1)), (700, 300, 13, UInt64(2))])
    func productsMatchNaiveDense(rows: Int, columns: Int, k: Int, seed: UInt64) {
        let s = F.random(rows: rows, columns: columns, density: 0.1, seed: seed)
        let d = F.dense(s)
        let x = F.randomDense(rows: columns, columns: k, seed: seed + 100)
        let y = F.randomDense(rows: rows, columns: k, seed: seed + 200)
        #expect(F.maxAbsDifference(s.multiply(x), F.naiveProduct(d, x)) < 1e-4)
        #expect(F.maxAbsDifference(s.transposeMultiply(y), F.naiveProduct(d.transposed(), y)) < 1e-4)
        #expect(F.dense(s.transposed()) == d.transposed())
    }

    /// Both kernels behind the randomized SVD's products, gathering along A's rows and
    /// scattering along Aᵀ's, give A·X from Xᵀ, serially and split over the cores.
    @Test(arguments: [(13, 11, 3, UInt64(3)), (700, 300, 13, UInt64(4))])
    func gatherAndScatterKernelsAgree(rows: Int, columns: Int, k: Int, seed: UInt64) {
        let s = F.random(rows: rows, columns: columns, density: 0.1, seed: seed)
        let x = F.randomDense(rows: columns, columns: k, seed: seed + 100)
        let expected = F.naiveProduct(F.dense(s), x)
        let gathered = s.gatherProduct(rowMajor: x.transposed())
        let scattered = s.transposed().scatterTransposeProduct(x)
        #expect(F.maxAbsDifference(gathered, expected) < 1e-4)
        #expect(F.maxAbsDifference(scattered, expected) < 1e-4)
        // The randomized SVD's entry point scatters a small result and gathers a large one.
        #expect(s.multiply(x, transpose: s.transposed()) == scattered)
        #expect(s.multiply(x, transpose: s.transposed(), scatterLimit: 0) == gathered)
    }

    @Test func largeProductsAreSplitIntoBlocksCoveringEveryRow() {
        let s = F.random(rows: 700, columns: 300, density: 0.1, seed: 2)
        let blocks = SparseMatrix.rowBlocks(rowStarts: s.rowStarts, rows: s.rows, work: s.nonZeroCount * 13)
        #expect(blocks.first == 0 && blocks.last == 700)
        #expect(zip(blocks, blocks.dropFirst()).allSatisfy { $0 < $1 })
        if ProcessInfo.processInfo.activeProcessorCount > 1 { #expect(blocks.count > 2) }
        // Small work stays on one core.
        #expect(SparseMatrix.rowBlocks(rowStarts: s.rowStarts, rows: s.rows, work: 1000) == [0, 700])
    }

    @Test func emptyRowsAndColumnsGiveZeros() {
        let s = SparseMatrix(rows: 2, columns: 3, rowStarts: [0, 0, 0], columnIndices: [], values: [])
        let x = F.randomDense(rows: 3, columns: 2, seed: 5)
        #expect(s.multiply(x) == DenseMatrix(zeros: 2, columns: 2))
        #expect(s.transposed() == SparseMatrix(rows: 3, columns: 2, rowStarts: [0, 0, 0, 0], columnIndices: [], values: []))
    }
}
