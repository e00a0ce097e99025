import Foundation

/// An `LSABasis` on disk: a `ModelFile` with the model's vocabulary and factor sections
/// (same tags, see `LSAModel.SectionTag`) under its own metadata section, so it is never
/// taken for a model (which `LSAModel.load` would refuse for lacking documents anyway).
extension LSABasis {
    static let metadataTag = "BASE"

    struct Metadata: Codable {
        var parameters: LSAParameters
        var documentCount: Int
        var termCount: Int
        var dimensions: Int
    }

    /// Writes the basis atomically, as models are written.
    public func write(to path: String) throws {
        typealias Tag = LSAModel.SectionTag
        let vocabulary = vectorizer.vocabulary
        let metadata = Metadata(parameters: parameters, documentCount: vocabulary.documentCount,
                                termCount: vocabulary.count, dimensions: dimensions)
        try ModelFile.write(
            [ModelFile.Section(tag: Self.metadataTag, bytes: Array(try JSONOutput.encode(metadata).utf8))]
                + LSAModel.vocabularySections(vocabulary) + [
                ModelFile.Section(tag: Tag.singularValues, array: singularValues),
                ModelFile.Section(tag: Tag.termVectors, floats: termVectors),
            ], to: path)
    }

    /// Reads a basis written by `write`; the term vectors are used in place.
    public static func load(path: String) throws -> LSABasis {
        typealias Tag = LSAModel.SectionTag
        let file = try MappedModelFile(path: path)
        guard file.has(metadataTag) else {
            throw ZhutiError(.corruptModel, "not a basis file (no \(metadataTag) section)", file: path)
        }
        let metadata: Metadata
        do {
            metadata = try JSONDecoder().decode(Metadata.self, from: Data(try file.bytes(metadataTag)))
        } catch {
            throw ZhutiError(.corruptModel, "basis metadata is unreadable (\(error))", file: path)
        }
        guard (try? metadata.parameters.validated()) != nil, metadata.documentCount > 0, metadata.termCount > 0,
              (0...LSAParameters.maximumDimensions).contains(metadata.dimensions) else {
            throw ZhutiError(.corruptModel, "basis metadata is out of range", file: path)
        }
        let n = metadata.termCount, k = metadata.dimensions
        let terms = try file.strings(Tag.terms)
        guard terms.count == n else { throw ZhutiError(.corruptModel, "basis lists \(terms.count) terms, not \(n)", file: path) }
        let vocabulary = try Vocabulary(
            terms: terms, termKeys: Array(try file.array(Tag.termKeys, of: UInt64.self, count: n)),
            documentFrequency: Array(try file.array(Tag.documentFrequency, of: Int32.self, count: n)),
            idf: Array(try file.array(Tag.idf, of: Float.self, count: n)), documentCount: metadata.documentCount)
        return LSABasis(
            parameters: metadata.parameters,
            vectorizer: TfidfVectorizer(options: metadata.parameters.vectorizer, vocabulary: vocabulary),
            singularValues: Array(try file.array(Tag.singularValues, of: Float.self, count: k)),
            termVectors: FloatStorage(mapped: try file.array(Tag.termVectors, of: Float.self, count: n * k), owner: file))
    }
}
