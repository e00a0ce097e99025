import Foundation

extension TfidfVectorizer {
    /// Fits a vocabulary on `documents` and returns it with the documents' TF-IDF matrix.
    ///
    /// Pass 1 counts in how many documents each n-gram occurs (keys only, no strings), then
    /// keeps n-grams with minDF <= df <= maxDF * n, and of those the `maxTerms` with the highest
    /// df (ties: smaller key first); columns are the kept keys in ascending order. Pass 2 reads
    /// the documents again and builds the CSR rows, copying the text of kept hashed n-grams
    /// the first time they are met. Both passes split each chunk of a batch over the cores.
    ///
    /// Throws `ZhutiError(.badOption)` for unusable options or when pruning leaves nothing,
    /// `ZhutiError(.badInput)` for an empty corpus or a stream that changed between passes,
    /// and rethrows whatever the stream throws.
    public static func fit(
        _ documents: some DocumentStream, options: VectorizerOptions, progress: ((String) -> Void)? = nil
    ) throws -> (TfidfVectorizer, SparseMatrix) {
        try fit(documents, options: options, progress: progress, chunkBytes: VectorizeWork.defaultChunkBytes)
    }

    /// `chunkBytes` is a parameter so tests can force many small chunks.
    static func fit(
        _ documents: some DocumentStream, options: VectorizerOptions, progress: ((String) -> Void)?, chunkBytes: Int
    ) throws -> (TfidfVectorizer, SparseMatrix) {
        let options = try options.validated()
        let tokenizer = NGramTokenizer(minN: options.minN, maxN: options.maxN)

        var (tables, documentCount, occurrenceBound) = try countDocumentFrequencies(
            documents, tokenizer: tokenizer, progress: progress, chunkBytes: chunkBytes)
        guard documentCount > 0 else {
            throw ZhutiError(.badInput, "no documents to vectorize")
        }
        let distinct = tables.reduce(0) { $0 + $1.count }
        var kept = keptTerms(tables, options: options, documentCount: documentCount)
        tables = []  // the counts of every n-gram seen are the bulk of pass 1's memory
        guard !kept.isEmpty else {
            throw ZhutiError(.badOption,
                "no n-gram occurs in at least \(ZhutiError.Parameter.minDF) \(options.minDF) and at most \(ZhutiError.Parameter.maxDF) \(options.maxDF) of the \(documentCount) documents")
        }
        guard kept.count <= Int(Int32.max) else {
            throw ZhutiError(.badOption, "\(ZhutiError.Parameter.maxTerms): \(kept.count) terms exceed the column index range; set a lower limit")
        }
        progress?("vectorize: kept \(kept.count) of \(distinct) distinct n-grams")

        let keys = kept.map(\.key)
        guard let lookup = NGramIndexTable(keys) else {
            // Keys come out of distinct table slots, so this cannot repeat; refuse rather than trap.
            throw ZhutiError(.badInput, "internal error: a vocabulary key repeats")
        }
        let documentFrequency = kept.map { Int32(clamping: $0.df) }
        let idf = kept.map { Vocabulary.smoothedIDF(documentFrequency: Int($0.df), documentCount: documentCount) }
        var terms = keys.map { NGramKey(rawValue: $0).decodedString ?? "" }
        var needsText = keys.map { NGramKey(rawValue: $0).isPacked == false }
        kept = []

        // Pass 2.
        let weigher = TfidfRowWeigher(tokenizer: tokenizer, lookup: lookup, idf: idf)
        var builder = TfidfMatrixBuilder()
        // Every stored value is a (document, distinct n-gram) pair pass 1 saw, so this bounds the
        // matrix: reserving it spares the copies of repeated doubling, and pages beyond what
        // pruning leaves are never touched, so they cost address space rather than memory.
        builder.rowStarts.reserveCapacity(documentCount + 1)
        builder.columnIndices.reserveCapacity(occurrenceBound)
        builder.values.reserveCapacity(occurrenceBound)
        var recovered: [Int32: String] = [:]
        try needsText.withUnsafeMutableBufferPointer { needsText in
            try documents.forEachBatch { batch in
                weigher.appendRows(batch, to: &builder, recovering: needsText, recovered: &recovered,
                                     chunkBytes: chunkBytes)
                progress?("vectorize: weighted \(builder.rows) of \(documentCount) documents")
            }
        }
        guard builder.rows == documentCount else {
            throw ZhutiError(.badInput,
                "the documents changed between the two passes of fitting (\(documentCount) documents, then \(builder.rows))")
        }
        guard !needsText.contains(true) else {
            throw ZhutiError(.badInput, "the documents changed between the two passes of fitting (a counted n-gram is gone)")
        }
        for (column, text) in recovered { terms[Int(column)] = text }

        let vocabulary = Vocabulary(
            keys: keys, lookup: lookup, terms: terms, documentFrequency: documentFrequency, idf: idf,
            documentCount: documentCount)
        let vectorizer = TfidfVectorizer(options: options, vocabulary: vocabulary)
        return (vectorizer, builder.matrix(columns: vocabulary.count))
    }

    /// Pass 1: one count table per worker, each owning a shard of the key space. Per chunk,
    /// the workers first list each document's distinct keys (their own documents), then each
    /// adds the listed keys of its shard (all documents), so no two cores touch one table.
    static func countDocumentFrequencies(
        _ documents: some DocumentStream, tokenizer: NGramTokenizer, progress: ((String) -> Void)?, chunkBytes: Int
    ) throws -> (tables: [NGramCountTable], documentCount: Int, distinctPerDocument: Int) {
        let workers = VectorizeWork.workerCount
        var tables = (0..<workers).map { _ in NGramCountTable() }
        var keyLists = [[UInt64]](repeating: [], count: workers)
        var documentCount = 0
        var distinctPerDocument = 0
        try documents.forEachBatch { batch in
            for chunk in VectorizeWork.chunks(batch, chunkBytes: chunkBytes) {
                let parts = VectorizeWork.split(batch, chunk, parts: workers)
                keyLists.withUnsafeMutableBufferPointer { keyLists in
                    let shared = UncheckedSendable(keyLists)
                    VectorizeWork.run(workers) { worker in
                        var counter = NGramDocumentCounter()
                        var list = shared.value[worker]
                        shared.value[worker] = []  // so `list` is the only reference and appends in place
                        list.removeAll(keepingCapacity: true)
                        for document in parts[worker] {
                            counter.reset()
                            tokenizer.scan(batch[document]) { key, _, _, _ in counter.add(key) }
                            list.append(contentsOf: counter.distinctKeys)
                        }
                        counter.release()
                        shared.value[worker] = list
                    }
                }
                let lists = keyLists
                distinctPerDocument += lists.reduce(0) { $0 + $1.count }
                tables.withUnsafeMutableBufferPointer { tables in
                    let shared = UncheckedSendable(tables)
                    VectorizeWork.run(workers) { shard in
                        for list in lists {
                            list.withUnsafeBufferPointer { shared.value[shard].addAll($0, shard: shard, shardCount: workers) }
                        }
                    }
                }
            }
            documentCount += batch.count
            progress?("vectorize: counted n-grams in \(documentCount) documents")
        }
        return (tables, documentCount, distinctPerDocument)
    }

    /// The (key, df) pairs that survive pruning, in ascending key order.
    static func keptTerms(
        _ tables: [NGramCountTable], options: VectorizerOptions, documentCount: Int
    ) -> [(key: UInt64, df: UInt32)] {
        var kept: [(key: UInt64, df: UInt32)] = []
        for table in tables {
            table.forEach { key, df in
                if admits(df: df, options: options, documentCount: documentCount) { kept.append((key, df)) }
            }
        }
        return strongest(kept, options: options)
    }

    /// The document-frequency bounds: minDF <= df <= maxDF * n.
    @inline(__always)
    static func admits(df: UInt32, options: VectorizerOptions, documentCount: Int) -> Bool {
        Int(df) >= options.minDF && Double(df) <= options.maxDF * Double(documentCount)
    }

    /// Of pairs within the bounds, the `maxTerms` with the highest df (ties: smaller key
    /// first), in ascending key order.
    static func strongest(_ pairs: [(key: UInt64, df: UInt32)], options: VectorizerOptions) -> [(key: UInt64, df: UInt32)] {
        var kept = pairs
        if let maxTerms = options.maxTerms, kept.count > maxTerms {
            kept.sort { $0.df != $1.df ? $0.df > $1.df : $0.key < $1.key }
            kept.removeSubrange(maxTerms...)
        }
        kept.sort { $0.key < $1.key }
        return kept
    }
}
