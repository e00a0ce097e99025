import Foundation
import Testing
@testable import Zhuti

@Suite struct DecomposeSVDTests {
    typealias F = DecomposeFixtures

    /// A = [[2, 1], [0, 2]]: AᵀA = [[4, 2], [2, 5]] has eigenvalues (9 ± √17)/2, so the singular
    /// values are (√17 ± 1)/2. The top right vector solves (4 − λ)x + 2y = 0: y = (1 + √17)/4 · x,
    /// its larger entry is the second, made positive. u = A·v / s.
    @Test func exactMatchesHandComputed2x2And3x2() throws {
        let r17 = Float(17).squareRoot()
        let s1 = (r17 + 1) / 2, s2 = (r17 - 1) / 2
        let ratio = (1 + r17) / 4
        let v1 = [1 / (1 + ratio * ratio).squareRoot(), ratio / (1 + ratio * ratio).squareRoot()]
        let u1 = [(2 * v1[0] + v1[1]) / s1, 2 * v1[1] / s1]
        let a = DenseMatrix(rows: 2, columns: 2, values: [2, 0, 1, 2])
        let svd = try ExactSVD.fit(a, rank: 2)
        #expect(abs(svd.singularValues[0] - s1) < 1e-6 && abs(svd.singularValues[1] - s2) < 1e-6)
        #expect(abs(svd.v[0, 0] - v1[0]) < 1e-6 && abs(svd.v[1, 0] - v1[1]) < 1e-6)
        #expect(abs(svd.u[0, 0] - u1[0]) < 1e-6 && abs(svd.u[1, 0] - u1[1]) < 1e-6)

        // A zero third row changes neither the singular values nor v; u gains a zero entry.
        let tall = SparseMatrix(rows: 3, columns: 2, rowStarts: [0, 2, 3, 3], columnIndices: [0, 1, 1], values: [2, 1, 2])
        let t = try ExactSVD.fit(tall, rank: 1)
        #expect(t.singularValues.count == 1 && abs(t.singularValues[0] - s1) < 1e-6)
        #expect(t.u.rows == 3 && t.u.columns == 1 && t.v.rows == 2)
        #expect(abs(t.u[0, 0] - u1[0]) < 1e-6 && abs(t.u[1, 0] - u1[1]) < 1e-6 && t.u[2, 0] == 0)
        #expect(abs(t.v[1, 0] - v1[1]) < 1e-6)
    }

    @Test(arguments: [(60, 40, 5, UInt64(7)), (30, 20, 4, UInt64(8))])
    func randomizedMatchesExact(rows: Int, columns: Int, rank: Int, seed: UInt64) throws {
        let a = F.planted(rows: rows, columns: columns, topics: rank, seed: seed)
        let exact = try ExactSVD.fit(a, rank: rank)
        let randomized = try RandomizedSVD(rank: rank, seed: 42).fit(a)
        #expect(randomized.singularValues.count == rank)
        for (r, e) in zip(randomized.singularValues, exact.singularValues) {
            #expect(abs(r - e) <= 1e-3 * e, "randomized \(r) vs exact \(e)")
        }
        // Same subspaces: every principal angle's cosine is 1 to within 1e-3.
        for c in try F.principalCosines(randomized.u, exact.u) { #expect(c > 1 - 1e-3) }
        for c in try F.principalCosines(randomized.v, exact.v) { #expect(c > 1 - 1e-3) }
        // Same sign convention, hence the same vectors, component by component.
        #expect(F.maxAbsDifference(randomized.v, exact.v) < 1e-2)
        #expect(F.maxAbsDifference(randomized.u, exact.u) < 1e-2)
        try expectIsSVD(randomized, of: a)
        try expectIsSVD(exact, of: a)
    }

    /// With fewer documents and terms than rank + oversamples the sample spans everything, so
    /// the randomized path is exact.
    @Test func sampleSizeClampsToTheSmallerDimension() throws {
        let a = F.random(rows: 12, columns: 9, density: 0.5, seed: 9)
        let exact = try ExactSVD.fit(a, rank: 9)
        let randomized = try RandomizedSVD(rank: 9, seed: 1).fit(a)
        for (r, e) in zip(randomized.singularValues, exact.singularValues) { #expect(abs(r - e) <= 1e-4 * exact.singularValues[0]) }
        try expectIsSVD(randomized, of: a)
    }

    @Test func sameSeedSameBitsOtherSeedSameValues() throws {
        let a = F.planted(rows: 60, columns: 40, topics: 5, seed: 7)
        let first = try RandomizedSVD(rank: 5, seed: 3).fit(a)
        let second = try RandomizedSVD(rank: 5, seed: 3).fit(a)
        #expect(first.singularValues.map(\.bitPattern) == second.singularValues.map(\.bitPattern))
        #expect(first.u.values.map(\.bitPattern) == second.u.values.map(\.bitPattern))
        #expect(first.v.values.map(\.bitPattern) == second.v.values.map(\.bitPattern))
        let other = try RandomizedSVD(rank: 5, seed: 4).fit(a)
        #expect(other.u != first.u)  // a different Ω really was drawn
        for (o, f) in zip(other.singularValues, first.singularValues) { #expect(abs(o - f) <= 1e-3 * f) }
        #expect(F.maxAbsDifference(other.v, first.v) < 1e-2)
    }

    @Test func signConventionMakesLargestVEntryPositive() throws {
        let a = F.planted(rows: 30, columns: 20, topics: 4, seed: 8)
        for svd in [try ExactSVD.fit(a, rank: 4), try RandomizedSVD(rank: 4, seed: 5).fit(a)] {
            for j in 0 ..< 4 {
                let column = Array(svd.v.column(j))
                let largest = column.indices.max { abs(column[$0]) < abs(column[$1]) }!
                #expect(column[largest] > 0)
            }
        }
        // Flipping an input's sign flips u, never v: the convention keys on v alone.
        var negated = a
        negated.values = a.values.map { -$0 }
        let e = try ExactSVD.fit(a, rank: 4), n = try ExactSVD.fit(negated, rank: 4)
        #expect(F.maxAbsDifference(e.v, n.v) < 1e-5)
        #expect(F.maxAbsDifference(e.u, DenseMatrix(rows: 30, columns: 4, values: n.u.values.map { -$0 })) < 1e-5)
    }

    @Test func badRanksAreRefusedWithTheOptionNamed() throws {
        let a = F.random(rows: 12, columns: 20, density: 0.3, seed: 10)
        func message(_ body: () throws -> TruncatedSVD) -> String? {
            do { _ = try body(); return nil } catch let error as ZhutiError {
                return error.kind == .badOption ? error.description : "wrong kind \(error.kind)"
            } catch { return "\(error)" }
        }
        #expect(message { try RandomizedSVD(rank: 0, seed: 1).fit(a) } == "dims 0 must be at least 1")
        #expect(message { try ExactSVD.fit(a, rank: -3) } == "dims -3 must be at least 1")
        #expect(message { try RandomizedSVD(rank: 13, seed: 1).fit(a) }?.hasPrefix("dims 13 is more than the 12 documents") == true)
        #expect(message { try ExactSVD.fit(a, rank: 13) }?.hasPrefix("dims 13 is more than the 12 documents") == true)
        let wide = F.random(rows: 20, columns: 6, density: 0.5, seed: 11)
        #expect(message { try RandomizedSVD(rank: 7, seed: 1).fit(wide) }?.contains("6 terms") == true)
        #expect(message { try RandomizedSVD(rank: 2, oversamples: -1, seed: 1).fit(a) } != nil)
        #expect(message { try RandomizedSVD(rank: 2, powerIterations: -1, seed: 1).fit(a) } != nil)
        let huge = SparseMatrix(rows: 10_000, columns: 10_000, rowStarts: [Int](repeating: 0, count: 10_001), columnIndices: [], values: [])
        #expect(message { try ExactSVD.fit(huge, rank: 2) }?.contains("too large") == true)
    }

    /// A NaN in the matrix (a broken upstream weight) must surface as a thrown numerical error
    /// from LAPACK's check, not as a model full of NaN.
    @Test func nanInputIsAThrownNumericalError() {
        var a = F.planted(rows: 30, columns: 20, topics: 4, seed: 8)
        a.values[17] = .nan
        for fit in [{ try RandomizedSVD(rank: 3, seed: 1).fit(a) }, { try ExactSVD.fit(a, rank: 3) }] {
            let error = #expect(throws: ZhutiError.self) { _ = try fit() }
            #expect(error?.kind == .numerical)
            #expect(error?.message.contains("failed: info=") == true)
        }
    }

    @Test func progressReportsEachPhase() throws {
        let a = F.planted(rows: 30, columns: 20, topics: 4, seed: 8)
        var lines: [String] = []
        _ = try RandomizedSVD(rank: 3, powerIterations: 2, seed: 1).fit(a) { lines.append($0) }
        #expect(lines.filter { $0.hasPrefix("SVD: power iteration ") } == ["SVD: power iteration 1/2", "SVD: power iteration 2/2"])
        #expect(lines.first?.contains("30 documents x 20 terms") == true)
        #expect(lines.last?.contains("done") == true)
    }

    @Test func gaussianStreamIsFixedBySeedAndPositionAlone() {
        // Published first outputs of SplitMix64 seeded with 0.
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        var jumped = SplitMix64(seed: 0, position: 1)
        #expect(jumped.next() == 0x6E78_9E6A_A1B9_65F4)

        // A long fill (several chunks, both cores) starts with exactly a short fill's samples.
        var long = [Float](repeating: 0, count: 300_001)
        var short = [Float](repeating: 0, count: 140_011)
        long.withUnsafeMutableBufferPointer { RandomizedSVD.fillGaussian($0, seed: 99) }
        short.withUnsafeMutableBufferPointer { RandomizedSVD.fillGaussian($0, seed: 99) }
        #expect(Array(long[0 ..< 140_010]).map(\.bitPattern) == Array(short[0 ..< 140_010]).map(\.bitPattern))

        // Standard normal moments: for 300,001 samples the standard errors are about 0.002.
        let mean = long.reduce(0.0) { $0 + Double($1) } / Double(long.count)
        let variance = long.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(long.count) - mean * mean
        let withinOne = Double(long.filter { abs($0) < 1 }.count) / Double(long.count)
        #expect(abs(mean) < 0.01)
        #expect(abs(variance - 1) < 0.015)
        #expect(abs(withinOne - 0.6827) < 0.005)
    }

    /// Orthonormal U and V columns, A·v_i = s_i·u_i and Aᵀ·u_i = s_i·v_i.
    private func expectIsSVD(_ svd: TruncatedSVD, of a: SparseMatrix) throws {
        let k = svd.rank
        #expect(F.maxAbsDifference(try LAPACK.gemm(svd.u, svd.u, transposeA: true), F.identity(k)) < 1e-4)
        #expect(F.maxAbsDifference(try LAPACK.gemm(svd.v, svd.v, transposeA: true), F.identity(k)) < 1e-4)
        let av = a.multiply(svd.v), atu = a.transposeMultiply(svd.u)
        for j in 0 ..< k {
            let s = svd.singularValues[j]
            let residualU = zip(av.column(j), svd.u.column(j)).map { Double($0 - s * $1) }
            let residualV = zip(atu.column(j), svd.v.column(j)).map { Double($0 - s * $1) }
            #expect(residualU.map { $0 * $0 }.reduce(0, +).squareRoot() < 1e-3 * Double(s))
            #expect(residualV.map { $0 * $0 }.reduce(0, +).squareRoot() < 1e-3 * Double(s))
        }
    }
}
