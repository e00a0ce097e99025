/// Latent dimensions described in whole terms.
///
/// `LatentTopics.describe` lists the n-grams that load most on each end of a dimension. The
/// vocabulary holds 1-3 character n-grams, so a campaign reaches it in pieces (项目建, 招商引,
/// 的产业体). Here each n-gram is read back in the texts of the articles that lie furthest
/// along that end: among the 2-10 character strings around its occurrences, the whole terms
/// (`TermContexts.isWhole`, `TermShape`) that contain it compete, and the longest one used in
/// most of the texts the best one is used in wins (项目建 -> 项目建设, 招商引 -> 招商引资). An
/// n-gram inside no whole term is left out rather than shown as a fragment.
extension LatentTopics {
    /// Articles read per end of a dimension.
    public static let articlesPerSide = 20

    /// `texts(ids)`: the normalised texts of those article ids (missing ids are skipped).
    public static func describeInTerms(_ model: LSAModel, terms count: Int, limit: Int? = nil,
                                       texts: (_ ids: [String]) throws -> [String: String]) rethrows -> [LatentTopic] {
        let ngramTopics = describe(model, terms: count * 2, limit: limit)
        let k = model.dimensions
        let n = model.documentCount
        let vectors = model.documentVectors.buffer
        // The articles furthest along each end of each described dimension.
        var sides: [[Int]] = []
        for topic in ngramTopics {
            let d = topic.dimension
            var positive = TopK(capacity: articlesPerSide), negative = TopK(capacity: articlesPerSide)
            for row in 0..<n {
                let value = vectors[row * k + d]
                if value > 0 { positive.consider(row, value) } else if value < 0 { negative.consider(row, -value) }
            }
            // A dimension the document vectors leave out (the common direction of a model
            // built to drop it) has no articles along it: it is read in a spread of all articles.
            let spread = (0..<min(n, articlesPerSide)).map { $0 * n / min(n, articlesPerSide) }
            sides.append(positive.entries.isEmpty && !topic.positive.isEmpty ? spread : positive.entries.map(\.index))
            sides.append(negative.entries.isEmpty && !topic.negative.isEmpty ? spread : negative.entries.map(\.index))
        }
        let rows = Array(Set(sides.joined())).sorted()
        let found = try texts(rows.map { model.documentIDs[$0] })
        var scalarsOf: [Int: [Unicode.Scalar]] = [:]
        for row in rows {
            guard let text = found[model.documentIDs[row]] else { continue }
            scalarsOf[row] = Array(text.unicodeScalars.prefix(3000))
        }

        // Candidates: every 2-10 character string around an occurrence of a listed n-gram.
        var table = ScalarStringTable(capacity: 4096)
        for (index, topic) in ngramTopics.enumerated() {
            for (side, ngrams) in [topic.positive, topic.negative].enumerated() {
                let documents = sides[2 * index + side].compactMap { scalarsOf[$0] }
                for ngram in ngrams {
                    forEachCandidate(around: Array(ngram.unicodeScalars), in: documents) { scalars, start, length in
                        table.insert(scalars, from: start, count: length)
                    }
                }
            }
        }
        var pairs: [UInt64: Int32] = [:]
        let allTexts = rows.compactMap { scalarsOf[$0] }
        for scalars in allTexts where scalars.count >= 2 {
            for i in 1..<scalars.count {
                pairs[UInt64(scalars[i - 1].value) << 32 | UInt64(scalars[i].value), default: 0] += 1
            }
        }
        let contexts = TermContexts(candidates: table, groups: [allTexts]) { a, b in
            pairs[UInt64(a.value) << 32 | UInt64(b.value)] ?? 0
        }

        return ngramTopics.enumerated().map { index, topic in
            var described = topic
            described.positive = terms(for: topic.positive, documents: sides[2 * index].compactMap { scalarsOf[$0] },
                                       contexts: contexts, count: count)
            described.negative = terms(for: topic.negative, documents: sides[2 * index + 1].compactMap { scalarsOf[$0] },
                                       contexts: contexts, count: count)
            return described
        }
    }

    /// Calls `body(text, start, length)` for each 2-10 character Han string of the documents
    /// that contains an occurrence of `ngram`.
    private static func forEachCandidate(around ngram: [Unicode.Scalar], in documents: [[Unicode.Scalar]],
                                         _ body: ([Unicode.Scalar], Int, Int) -> Void) {
        let width = ngram.count
        guard width >= 1, width <= TermShape.lengths.upperBound else { return }
        for scalars in documents where scalars.count >= width {
            var at = 0
            while at + width <= scalars.count {
                defer { at += 1 }
                guard scalars[at] == ngram[0], Array(scalars[at..<(at + width)]) == ngram else { continue }
                var lower = at
                while lower > 0, at - lower + width < TermShape.lengths.upperBound, ScalarClass.isHan(scalars[lower - 1]) { lower -= 1 }
                var upper = at + width
                while upper < scalars.count, upper - at < TermShape.lengths.upperBound, ScalarClass.isHan(scalars[upper]) { upper += 1 }
                for start in lower...at {
                    for end in (at + width)...upper where end - start >= TermShape.lengths.lowerBound
                        && end - start <= TermShape.lengths.upperBound {
                        body(scalars, start, end - start)
                    }
                }
            }
        }
    }

    /// The whole terms that the ranked n-grams stand for, in their order, distinct.
    private static func terms(for ngrams: [String], documents: [[Unicode.Scalar]], contexts: TermContexts,
                              count: Int) -> [String] {
        let table = contexts.candidates
        var chosen: [String] = []
        for ngram in ngrams {
            if chosen.count == count { break }
            // Document frequency of each whole term around this n-gram, among this end's articles.
            var frequency: [Int: Int] = [:]
            for scalars in documents {
                var seen = Set<Int>()
                forEachCandidate(around: Array(ngram.unicodeScalars), in: [scalars]) { text, start, length in
                    if let id = table.find(text, from: start, count: length), !seen.contains(id) {
                        seen.insert(id)
                        frequency[id, default: 0] += 1
                    }
                }
            }
            let whole = frequency.filter { contexts.isWhole($0.key) && $0.value >= 2 && TermShape.isWellFormed(table.string($0.key)) }
            guard let best = whole.values.max() else { continue }
            let pick = whole.filter { 10 * $0.value >= 6 * best }.max { a, b in
                let la = table.lengths[a.key], lb = table.lengths[b.key]
                if la != lb { return la < lb }
                if a.value != b.value { return a.value < b.value }
                return !table.scalars(a.key).lexicographicallyPrecedes(table.scalars(b.key)) { $0.value < $1.value }
            }
            guard let pick else { continue }
            let term = table.string(pick.key)
            if chosen.contains(where: { $0.contains(term) || term.contains($0) }) { continue }
            chosen.append(term)
        }
        return chosen
    }
}
