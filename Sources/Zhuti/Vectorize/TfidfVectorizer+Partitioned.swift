/// `fit` cut into the pieces a cluster runs where the corpus is spread over partitions (see
/// docs/spark.md): each partition counts its document frequencies, the cluster sums them by
/// key, the bounds are applied to the sums, the texts of kept hashed n-grams are found in the
/// partitions, and the vectorizer is assembled from what survived. Each piece is the code
/// `fit` runs, so the vocabulary is the one `fit` finds on the whole corpus.
extension TfidfVectorizer {
    /// Pass 1 of `fit` on one part of a corpus: every n-gram met and the number of the part's
    /// documents it occurs in, keys ascending.
    public static func documentFrequencies(
        _ documents: some DocumentStream, options: VectorizerOptions
    ) throws -> (keys: [UInt64], frequencies: [UInt32], documentCount: Int) {
        let options = try options.validated()
        let (tables, documentCount, _) = try countDocumentFrequencies(
            documents, tokenizer: NGramTokenizer(minN: options.minN, maxN: options.maxN), progress: nil,
            chunkBytes: VectorizeWork.defaultChunkBytes)
        var pairs: [(key: UInt64, df: UInt32)] = []
        pairs.reserveCapacity(tables.reduce(0) { $0 + $1.count })
        for table in tables { table.forEach { pairs.append(($0, $1)) } }
        pairs.sort { $0.key < $1.key }
        return (pairs.map(\.key), pairs.map(\.df), documentCount)
    }

    /// `fit`'s pruning of summed document frequencies (bounds, then the `maxTerms` most
    /// frequent), keys ascending. `documentCount` is the whole corpus's. Applying it to parts
    /// of the pairs and then to the union of what each part kept gives what applying it once
    /// to all of them gives, so a cluster can prune where the sums are and finish on the driver.
    public static func keptTerms(
        keys: [UInt64], frequencies: [UInt32], options: VectorizerOptions, documentCount: Int
    ) throws -> (keys: [UInt64], frequencies: [UInt32]) {
        let options = try options.validated()
        guard keys.count == frequencies.count else {
            throw ZhutiError(.badInput, "\(keys.count) n-gram keys but \(frequencies.count) document frequencies")
        }
        var within: [(key: UInt64, df: UInt32)] = []
        for (key, df) in zip(keys, frequencies) where admits(df: df, options: options, documentCount: documentCount) {
            within.append((key, df))
        }
        let kept = strongest(within, options: options)
        for index in kept.indices.dropFirst() where kept[index - 1].key == kept[index].key {
            throw ZhutiError(.badInput, "n-gram key \(kept[index].key) is listed twice; sum document frequencies by key first")
        }
        return (kept.map(\.key), kept.map(\.df))
    }

    /// The texts of the hashed n-grams among `keys` that occur in `documents` (packed keys
    /// carry their own text), read as `fit`'s second pass reads them.
    public static func hashedTermTexts(
        _ documents: some DocumentStream, options: VectorizerOptions, keys: [UInt64]
    ) throws -> [UInt64: String] {
        let options = try options.validated()
        guard let lookup = NGramIndexTable(keys) else {
            throw ZhutiError(.badInput, "a vocabulary key repeats")
        }
        var needsText = keys.map { NGramKey(rawValue: $0).isPacked == false }
        guard needsText.contains(true) else { return [:] }
        let weigher = TfidfRowWeigher(tokenizer: NGramTokenizer(minN: options.minN, maxN: options.maxN), lookup: lookup,
                                      idf: [Float](repeating: 1, count: keys.count))
        var recovered: [Int32: String] = [:]
        try needsText.withUnsafeMutableBufferPointer { needsText in
            try documents.forEachBatch { batch in
                var rows = TfidfMatrixBuilder()  // the rows themselves are not needed here
                weigher.appendRows(batch, to: &rows, recovering: needsText, recovered: &recovered)
            }
        }
        var texts: [UInt64: String] = [:]
        for (column, text) in recovered { texts[keys[Int(column)]] = text }
        return texts
    }

    /// The vectorizer `fit` returns, from the kept keys (ascending), their summed document
    /// frequencies over `documentCount` documents and the texts of the hashed ones.
    public static func assemble(
        options: VectorizerOptions, keys: [UInt64], frequencies: [UInt32], documentCount: Int, hashedTexts: [UInt64: String]
    ) throws -> TfidfVectorizer {
        let options = try options.validated()
        guard keys.count == frequencies.count, !keys.isEmpty else {
            throw ZhutiError(.badOption, "no n-gram occurs in at least \(ZhutiError.Parameter.minDF) \(options.minDF) and at most \(ZhutiError.Parameter.maxDF) \(options.maxDF) of the \(documentCount) documents")
        }
        guard zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ZhutiError(.badInput, "vocabulary keys must be distinct and ascending")
        }
        var terms: [String] = []
        terms.reserveCapacity(keys.count)
        for key in keys {
            let ngram = NGramKey(rawValue: key)
            guard let text = ngram.decodedString ?? hashedTexts[key] else {
                throw ZhutiError(.badInput, "the text of a kept n-gram (key \(key)) was not found in the documents; were they changed between passes?")
            }
            terms.append(text)
        }
        let vocabulary = try Vocabulary(
            keys: keys, terms: terms, documentFrequency: frequencies.map { Int32(clamping: $0) },
            idf: frequencies.map { Vocabulary.smoothedIDF(documentFrequency: Int($0), documentCount: documentCount) },
            documentCount: documentCount)
        return TfidfVectorizer(options: options, vocabulary: vocabulary)
    }
}
