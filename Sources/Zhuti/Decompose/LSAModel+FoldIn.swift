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

    /// A model that also holds `ids` (folded in from their normalised texts), for articles
    /// ingested after the fit. Ids already in the model are replaced in place.
    public func appending(ids: [String], normalizedTexts: [String]) throws -> LSAModel {
        precondition(ids.count == normalizedTexts.count)
        let k = dimensions
        var allIDs = documentIDs
        var vectors = Array(documentVectors.buffer)
        var added = 0
        for (id, text) in zip(ids, normalizedTexts) {
            let vector = foldIn(normalizedText: text) ?? [Float](repeating: 0, count: k)
            if let existing = documentIndex[id] {
                vectors.replaceSubrange((existing * k)..<((existing + 1) * k), with: vector)
            } else {
                allIDs.append(id)
                vectors.append(contentsOf: vector)
                added += 1
            }
        }
        var info = info
        info.documentCount = allIDs.count
        info.foldedInCount += added
        let model = LSAModel(info: info, vectorizer: vectorizer, singularValues: singularValues, termVectors: termVectors,
                             documentIDs: allIDs, documentVectors: FloatStorage(vectors))
        guard let neighbourLists else { return model }
        // Replaced vectors may sit in any document's list: only a full search is exact then.
        return added == ids.count ? model.withNeighbourLists(extending: neighbourLists) : model.withNeighbourLists()
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
