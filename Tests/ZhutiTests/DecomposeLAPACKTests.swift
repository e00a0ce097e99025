import Testing
@testable import Zhuti

@Suite struct DecomposeLAPACKTests {
    typealias F = DecomposeFixtures

    @Test func qrGivesOrthonormalQAndReproducesA() throws {
        let a = F.randomDense(rows: 7, columns: 4, seed: 11)
        var q = a
        let r = try LAPACK.qr(&q)
        #expect(q.rows == 7 && q.columns == 4 && r.rows == 4 && r.columns == 4)
        #expect(F.maxAbsDifference(try LAPACK.gemm(q, q, transposeA: true), F.identity(4)) < 1e-5)
        #expect(F.maxAbsDifference(try LAPACK.gemm(q, r), a) < 1e-5)
        for c in 0 ..< 4 { for row in c + 1 ..< 4 { #expect(r[row, c] == 0) } }
    }

    /// U = Q·Ul and V = Qb·Vl are formed over Q's own storage, in blocks of 4096 rows; 5000 rows
    /// cross a block boundary. The result must equal an ordinary product.
    @Test func inPlaceProductMatchesGemm() throws {
        let a = F.randomDense(rows: 5000, columns: 3, seed: 15)
        let w = F.randomDense(rows: 3, columns: 2, seed: 16)
        var inPlace = a
        try RandomizedSVD.multiplyInPlace(&inPlace, by: w)
        #expect(inPlace.rows == 5000 && inPlace.columns == 2 && inPlace.values.count == 10000)
        #expect(F.maxAbsDifference(inPlace, try LAPACK.gemm(a, w)) < 1e-6)
        #expect(throws: ZhutiError.self) { try RandomizedSVD.multiplyInPlace(&inPlace, by: w) }  // 2 columns vs 3 rows
    }

    @Test func qrRefusesAWideMatrix() {
        var wide = DenseMatrix(zeros: 3, columns: 5)
        let error = #expect(throws: ZhutiError.self) { try LAPACK.qr(&wide) }
        #expect(error?.kind == .numerical)
        #expect(error?.message.contains("3 x 5") == true)
    }

    @Test func gemmMatchesHandComputedProducts() throws {
        // a = [[1, 2, 3], [4, 5, 6]], b = [[1, 0], [0, 1], [2, -1]]
        let a = DenseMatrix(rows: 2, columns: 3, values: [1, 4, 2, 5, 3, 6])
        let b = DenseMatrix(rows: 3, columns: 2, values: [1, 0, 2, 0, 1, -1])
        // a·b = [[7, -1], [16, -1]]
        #expect(try LAPACK.gemm(a, b) == DenseMatrix(rows: 2, columns: 2, values: [7, 16, -1, -1]))
        // aᵀ·a = [[17, 22, 27], [22, 29, 36], [27, 36, 45]]
        #expect(try LAPACK.gemm(a, a, transposeA: true) == DenseMatrix(rows: 3, columns: 3, values: [17, 22, 27, 22, 29, 36, 27, 36, 45]))
        // bᵀ·aᵀ = (a·b)ᵀ = [[7, 16], [-1, -1]]
        #expect(try LAPACK.gemm(b, a, transposeA: true, transposeB: true) == DenseMatrix(rows: 2, columns: 2, values: [7, -1, 16, -1]))
        #expect(throws: ZhutiError.self) { try LAPACK.gemm(a, a) }
    }

    @Test func gesddReconstructsInBothPrecisions() throws {
        let a = F.randomDense(rows: 6, columns: 4, seed: 13)
        let f = try LAPACK.gesdd(a)
        #expect(f.u.rows == 6 && f.u.columns == 4 && f.vt.rows == 4 && f.vt.columns == 4)
        #expect(f.singularValues == f.singularValues.sorted(by: >))
        var us = f.u
        for j in 0 ..< 4 { for i in 0 ..< 6 { us[i, j] *= f.singularValues[j] } }
        #expect(F.maxAbsDifference(try LAPACK.gemm(us, f.vt), a) < 1e-5)

        let d = try LAPACK.gesdd(a.values.map { Double($0) }, rows: 6, columns: 4)
        for (s, t) in zip(d.singularValues, f.singularValues) { #expect(abs(Float(s) - t) < 1e-5) }
        #expect(throws: ZhutiError.self) { try LAPACK.gesdd([1, 2, 3], rows: 2, columns: 2) }
    }

    /// LAPACK's sgesdd refuses a matrix holding NaN (info = -4 after its norm check); the wrapper
    /// must turn that into a thrown numerical error rather than return garbage.
    @Test func gesddFailureIsAThrownNumericalError() {
        var a = F.randomDense(rows: 4, columns: 3, seed: 14)
        a[2, 1] = .nan
        #expect {
            _ = try LAPACK.gesdd(a)
        } throws: { error in
            guard let error = error as? ZhutiError else { return false }
            return error.kind == .numerical && error.message.hasPrefix("sgesdd failed: info=")
        }
    }
}
