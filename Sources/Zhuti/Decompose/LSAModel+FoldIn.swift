import Foundation

extension LSAModel {
    /// The unit latent vector of a TF-IDF row, or nil when the row shares no term with the
    /// model (nothing to compare).
    public func foldIn(indices: [Int32], values: [Float]) -> [Float]? {
        let k = dimensions
        var vector = [Float](repeating: 0, count: k)
        let terms = termVectors.buffer
        vector.withUnsafeMutableBufferPointer { out in
            for (term, weight) in zip(indices, values) {
                let base = Int(term) * k
                for d in 0..<k { out[d] += weight * terms[base + d] }
            }
        }
        let dropsCommonComponent = info.parameters.dropsCommonComponent
        return vector.withUnsafeMutableBufferPointer { Self.finishProjection($0, dropsCommonComponent: dropsCommonComponent) } ? vector : nil
    }

    /// Folds in normalised text (see `TextNormalizer`).
    public func foldIn(normalizedText text: String) -> [Float]? {
        let row = vectorizer.transform(text)
        return foldIn(indices: row.indices, values: row.values)
    }
}

/// Scales a vector to unit length; false (and left as is) when it is zero.
@discardableResult
func normalizeInPlace(_ vector: UnsafeMutableBufferPointer<Float>) -> Bool {
    var sum: Float = 0
    for x in vector { sum += x * x }
    guard sum > 0, sum.isFinite else { return false }
    let scale = 1 / sum.squareRoot()
    for i in vector.indices { vector[i] *= scale }
    return true
}
