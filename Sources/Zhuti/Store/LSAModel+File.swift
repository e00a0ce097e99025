import Foundation

/// An LSA model on disk: the sections of a `ModelFile` (see `models/FORMAT.md`).
extension LSAModel {
    enum SectionTag {
        static let info = "META"              // LSAModelInfo as JSON (sorted keys)
        static let terms = "TERM"             // vocabulary strings, vocabulary order
        static let termKeys = "TKEY"          // UInt64 n-gram key per term (lookup without re-tokenizing)
        static let documentFrequency = "TDF_" // Int32 per term
        static let idf = "TIDF"               // Float32 per term
        static let singularValues = "SVAL"    // Float32 x dimensions
        static let termVectors = "TVEC"       // Float32 terms x dimensions, row-major
        static let documentIDs = "DIDS"       // article ids, document order
        static let documentVectors = "DVEC"   // Float32 documents x dimensions, row-major, unit rows
        static let neighbours = "DNBR"        // Int32 documents x width, each document's nearest others (optional)
    }

    /// Writes the model atomically (temporary file, then rename): a failed write leaves the
    /// previous model in place, and a reader never sees a half-written file.
    public func write(to path: String) throws {
        try ModelFile.write(try sections(), to: path)
    }

    /// The file's sections, in file order.
    func sections() throws -> [ModelFile.Section] {
        return [ModelFile.Section(tag: SectionTag.info, bytes: Array(try JSONOutput.encode(info).utf8))]
            + Self.vocabularySections(vectorizer.vocabulary) + [
            ModelFile.Section(tag: SectionTag.singularValues, array: singularValues),
            ModelFile.Section(tag: SectionTag.termVectors, floats: termVectors),
            ModelFile.Section(tag: SectionTag.documentIDs, strings: documentIDs),
            ModelFile.Section(tag: SectionTag.documentVectors, floats: documentVectors),
        ] + (neighbourLists.map { [ModelFile.Section(tag: SectionTag.neighbours, array: $0.indices)] } ?? [])
    }

    /// The vocabulary's sections (terms, their keys, document frequencies, idf), which a model
    /// and a basis (`LSABasis+File`) both hold.
    static func vocabularySections(_ vocabulary: Vocabulary) -> [ModelFile.Section] {
        [
            ModelFile.Section(tag: SectionTag.terms, strings: vocabulary.terms),
            ModelFile.Section(tag: SectionTag.termKeys, array: vocabulary.keys),
            ModelFile.Section(tag: SectionTag.documentFrequency, array: vocabulary.documentFrequency),
            ModelFile.Section(tag: SectionTag.idf, array: vocabulary.idf),
        ]
    }

    /// Maps a model file; the large vector sections are used in place, not copied.
    public static func load(path: String) throws -> LSAModel {
        let file = try MappedModelFile(path: path)
        let info: LSAModelInfo
        do {
            info = try JSONDecoder().decode(LSAModelInfo.self, from: Data(try file.bytes(SectionTag.info)))
        } catch let error as ZhutiError {
            throw error
        } catch {
            throw ZhutiError(.corruptModel, "model metadata is unreadable (\(error)); rebuild it with `zhuti build`", file: path)
        }
        func disagree(_ what: String) -> ZhutiError {
            ZhutiError(.corruptModel, "model \(what); rebuild it with `zhuti build`", file: path)
        }
        // Metadata is checked before any size is computed from it: a corrupted dimension
        // count must be refused, not overflow a multiplication.
        guard (try? info.parameters.validated()) != nil else { throw disagree("parameters are out of range") }
        guard (1...LSAParameters.maximumDimensions).contains(info.dimensions), info.documentCount >= 0,
              (0...info.documentCount).contains(info.foldedInCount), info.termCount >= 0 else {
            throw disagree("metadata is out of range")
        }
        let terms = try file.strings(SectionTag.terms)
        let ids = try file.strings(SectionTag.documentIDs)
        guard terms.count == info.termCount, ids.count == info.documentCount else {
            throw disagree("sections disagree with its metadata")
        }
        guard Set(ids).count == ids.count else { throw disagree("lists a document id twice") }
        let k = info.dimensions
        guard !terms.count.multipliedReportingOverflow(by: k).overflow, !ids.count.multipliedReportingOverflow(by: k).overflow else {
            throw disagree("sizes overflow")
        }
        let vocabulary = try Vocabulary(
            keys: Array(try file.array(SectionTag.termKeys, of: UInt64.self, count: terms.count)),
            terms: terms,
            documentFrequency: Array(try file.array(SectionTag.documentFrequency, of: Int32.self, count: terms.count)),
            idf: Array(try file.array(SectionTag.idf, of: Float.self, count: terms.count)),
            documentCount: info.documentCount - info.foldedInCount)
        let vectorizer = TfidfVectorizer(options: info.parameters.vectorizer, vocabulary: vocabulary)
        var neighbourLists: NeighbourLists?
        if file.has(SectionTag.neighbours) {
            let indices = try file.array(SectionTag.neighbours, of: Int32.self)
            let n = ids.count
            guard n > 0, indices.count % n == 0, indices.count / n >= 1,
                  indices.allSatisfy({ $0 >= -1 && Int($0) < n }) else {
                throw ZhutiError(.corruptModel, "the model's neighbour lists disagree with its documents; rebuild it with `zhuti build`",
                                 file: path)
            }
            neighbourLists = NeighbourLists(width: indices.count / n, indices: Array(indices))
        }
        return LSAModel(
            info: info, vectorizer: vectorizer,
            singularValues: Array(try file.array(SectionTag.singularValues, of: Float.self, count: k)),
            termVectors: FloatStorage(mapped: try file.array(SectionTag.termVectors, of: Float.self, count: terms.count * k), owner: file),
            documentIDs: ids,
            documentVectors: FloatStorage(mapped: try file.array(SectionTag.documentVectors, of: Float.self, count: ids.count * k), owner: file),
            neighbourLists: neighbourLists)
    }
}

extension LSAModel {
    /// Fits a model on the library as one snapshot: ids, texts (both passes) and fingerprint
    /// are read in one read transaction, so an ingest or a post running meanwhile can never
    /// pair ids with another state's texts. `parameters` is given the article count, for
    /// defaults that depend on the library's size.
    public static func fit(library: ArticleLibrary, capsDimensions: Bool = false, progress: ((String) -> Void)? = nil,
                           parameters: (Int) throws -> LSAParameters) throws -> LSAModel {
        try library.snapshot { snapshot in
            var ids: [String] = []
            try snapshot.forEachArticleBatch { ids.append(contentsOf: $0.map(\.id)) }
            return try fit(documents: snapshot, ids: ids, parameters: try parameters(ids.count),
                           corpusFingerprint: try snapshot.fingerprint(), capsDimensions: capsDimensions, progress: progress)
        }
    }
}
