import Foundation

/// Which candidates a related-articles query may return.
public struct RelatedFilter: Sendable, Equatable {
    /// ISO dates (or prefixes: `2025`, `2025-03`), inclusive.
    public var since: String?
    public var until: String?
    public var paper: String?
    public var excludeSameIssue = false

    public init(since: String? = nil, until: String? = nil, paper: String? = nil, excludeSameIssue: Bool = false) {
        self.since = since
        self.until = until
        self.paper = paper
        self.excludeSameIssue = excludeSameIssue
    }

    public var isEmpty: Bool { since == nil && until == nil && paper == nil && !excludeSameIssue }

    /// Dates are checked (4 digits, then optionally -2 digits, -2 digits). A range whose start
    /// is after its end is valid and admits nothing (`isReversed` lets a front end say so).
    public func validated() throws -> RelatedFilter {
        for (name, value) in [(ZhutiError.Parameter.since, since), (ZhutiError.Parameter.until, until)] {
            guard let value else { continue }
            let parts = value.split(separator: "-", omittingEmptySubsequences: false)
            let valid = (1...3).contains(parts.count) && parts[0].count == 4
                && parts.dropFirst().allSatisfy { $0.count == 2 } && parts.allSatisfy { $0.allSatisfy { ("0"..."9").contains($0) } }
            guard valid else { throw ZhutiError(.badOption, "\(name) '\(value)' is not a date like 2025-03-10 (or 2025-03, 2025)") }
        }
        return self
    }

    /// `since` after `until` (a prefix `until` such as 2025-03 covers its whole month).
    public var isReversed: Bool {
        guard let since, let until else { return false }
        return since > until && !since.hasPrefix(until)
    }

    func admits(_ candidate: ArticleHeader?, queryIssue: String?) -> Bool {
        guard let candidate else { return false }
        if excludeSameIssue, let queryIssue, candidate.issue == queryIssue { return false }
        if let paper, candidate.paper != paper { return false }
        if since != nil || until != nil {
            guard let date = candidate.date else { return false }
            if let since, date < since { return false }
            // A prefix bound like 2025-03 admits every day of that month.
            if let until, date > until, !date.hasPrefix(until) { return false }
        }
        return true
    }
}

/// One related article, as `--format json` prints it.
public struct RelatedResult: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var date: String?
    public var issue: String
    public var paper: String?
    public var page: Int?
    /// What results are ranked by: the cosine with the query after query expansion (see
    /// `QueryExpansion`), or the plain cosine when expansion is off.
    public var score: Float
    /// The plain cosine of the two articles' vectors in the model's latent space.
    public var cosine: Float
    /// Readable phrases both texts share that contribute most to the match.
    public var shared: [String]
    /// Set when the result is the same text printed again (near-duplicate) or a digest /
    /// reprint contained in (or containing) the query.
    public var duplicate: DuplicateKind?
}

public enum DuplicateKind: String, Codable, Sendable {
    case nearDuplicate = "near-duplicate"
    case contained
}

public struct RelatedQueryInfo: Codable, Sendable, Equatable {
    public var id: String?
    public var title: String?
}

/// `{"query": {...}, "results": [...]}`; `--all` lines also carry the query's id at top level.
public struct RelatedResponse: Codable, Sendable, Equatable {
    public var id: String?
    /// Why there are no results, when the query had nothing to compare.
    public var note: String?
    public var query: RelatedQueryInfo
    public var results: [RelatedResult]

    public init(id: String?, query: RelatedQueryInfo, results: [RelatedResult], note: String? = nil) {
        self.id = id
        self.note = note
        self.query = query
        self.results = results
    }
}

/// "What else did we publish about this?": related articles for a stored article or any text.
public final class RelatedFinder: Sendable {
    public let model: LSAModel
    public let library: ArticleLibrary
    public let index: SimilarityIndex
    /// Every article's header, read from the library only when a filter or `--all` needs
    /// them: a single query reads just its results (500 ms saved per CLI query at 100,000 articles).
    private let allHeaders: LazyValue<[String: ArticleHeader]>
    /// Prepared texts of recent results, kept across queries (a server answers for the same
    /// neighbourhoods again and again).
    private let explainer: PairExplainer

    public init(model: LSAModel, library: ArticleLibrary) throws {
        self.model = model
        self.library = library
        self.index = SimilarityIndex(model: model)
        self.allHeaders = LazyValue { try library.headers() }
        self.explainer = PairExplainer(model: model, library: library, capacity: 4096)
    }

    public func header(_ id: String) -> ArticleHeader? {
        if let headers = try? allHeaders.get() { return headers[id] }
        return nil
    }

    public static func validate(k: Int) throws {
        guard k >= 1 else { throw ZhutiError(.badOption, "-k must be at least 1 (got \(k))") }
        guard k <= 1000 else { throw ZhutiError(.badOption, "-k \(k) is too many; ask for at most 1000") }
    }

    /// Related articles for a stored article. `expansion` nil ranks by plain cosine.
    public func related(toArticle id: String, k: Int, filter: RelatedFilter = RelatedFilter(),
                        expansion: QueryExpansion? = .standard) throws -> RelatedResponse {
        try Self.validate(k: k)
        let filter = try filter.validated()
        guard let article = try library.article(id: id) else {
            throw ZhutiError(.notFound, "no article '\(id)' in the library; `zhuti articles` lists them")
        }
        let vector: [Float]
        let position = model.index(of: id)
        if let position {
            vector = model.documentVector(position)
        } else if let folded = model.foldIn(normalizedText: article.normalized) {
            // Ingested after the model was built: fold it in on the fly.
            vector = folded
        } else {
            return RelatedResponse(id: id, query: RelatedQueryInfo(id: id, title: article.title), results: [])
        }
        let entries = index.ranked(to: vector, k: k, expansion: expansion, excluding: position,
                                   allowed: allowance(filter: filter, queryIssue: article.issue))
        let results = try describe(entries, query: expansion == nil ? nil : vector, queryDocument: position, queryText: article.normalized)
        return RelatedResponse(id: id, query: RelatedQueryInfo(id: id, title: article.title), results: results)
    }

    /// Related articles for text that is not in the library (folded into the model).
    public func related(toText text: String, k: Int, filter: RelatedFilter = RelatedFilter(),
                        expansion: QueryExpansion? = .standard) throws -> RelatedResponse {
        try Self.validate(k: k)
        let filter = try filter.validated()
        let normalized = TextNormalizer.normalize(text)
        let title = String(text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(30))
        // Text with nothing to compare is answered, not refused: no results, and a note why.
        guard !normalized.allSatisfy({ $0.isWhitespace || $0.isPunctuation }) else {
            return RelatedResponse(id: nil, query: RelatedQueryInfo(id: nil, title: title), results: [],
                                   note: "the query text has no words (only spaces or punctuation)")
        }
        guard let vector = model.foldIn(normalizedText: normalized) else {
            return RelatedResponse(id: nil, query: RelatedQueryInfo(id: nil, title: title), results: [],
                                   note: "the query text shares no n-gram with the model's vocabulary; nothing to compare")
        }
        let entries = index.ranked(to: vector, k: k, expansion: expansion, excluding: nil,
                                   allowed: allowance(filter: filter, queryIssue: nil))
        return RelatedResponse(id: nil, query: RelatedQueryInfo(id: nil, title: title), results: try describe(entries, query: expansion == nil ? nil : vector, queryDocument: nil, queryText: normalized))
    }

    /// Every article's related articles, in document order, handed to `body` one by one.
    public func relatedForAll(k: Int, filter: RelatedFilter = RelatedFilter(), expansion: QueryExpansion? = .standard,
                              explain: Bool = true, progress: ((String) -> Void)? = nil,
                              _ body: (RelatedResponse) throws -> Void) throws {
        try relatedForAll(k: k, filter: filter, expansion: expansion, explain: explain, progress: progress, render: { $0 }, body)
    }

    /// Every article's related articles, each turned into a `Line` by `render` (JSON, text)
    /// on the worker threads with the explaining, then handed to `body` in document order.
    public func relatedForAll<Line>(k: Int, filter: RelatedFilter = RelatedFilter(), expansion: QueryExpansion? = .standard,
                                    explain: Bool = true,
                                    progress: ((String) -> Void)? = nil,
                                    render: (RelatedResponse) throws -> Line, _ body: (Line) throws -> Void) throws {
        try Self.validate(k: k)
        let filter = try filter.validated()
        let ids = model.documentIDs
        let headers = try allHeaders.get()
        let candidateHeaders = ids.map { headers[$0] }
        var allowed: (@Sendable (Int, Int) -> Bool)?
        if !filter.isEmpty {
            allowed = { @Sendable query, candidate in
                filter.admits(candidateHeaders[candidate], queryIssue: candidateHeaders[query]?.issue)
            }
        }
        let neighbours = index.rankedForAll(k: k, expansion: expansion, allowed: allowed) { done in
            progress?("related, searching: \(done)/\(ids.count) articles")
        }
        let explainer = PairExplainer(model: model, library: library, phrases: explain)
        try explainer.prepare(Array(0..<ids.count))  // every article is some query's query
        // A pair compared for an earlier query that a later query (its other end, which
        // lists it too) will need: kept until that query's block, then dropped.
        var carried: [PairExplainer.Pair: ExplainedText.Comparison] = [:]
        // Explaining is the costly part: done in parallel over blocks of queries, emitted in order.
        let block = 256
        for start in stride(from: 0, to: neighbours.count, by: block) {
            let end = min(start + block, neighbours.count)
            var needed = Set<PairExplainer.Pair>()
            for query in start..<end {
                for entry in neighbours[query] where carried[PairExplainer.Pair(query, entry.index)] == nil {
                    needed.insert(PairExplainer.Pair(query, entry.index))
                }
            }
            let computed = try explainer.compare(needed, phrases: explain)
            let comparisons = carried.merging(computed) { old, _ in old }
            let lines = Parallel.map(start..<end) { query -> Result<Line, any Error> in
                let results = neighbours[query].map { entry -> RelatedResult in
                    let cosine = expansion == nil ? entry.score : index.cosine(query, entry.index)
                    var result = makeResult(entry, header: headers[ids[entry.index]], cosine: cosine)
                    if let comparison = comparisons[PairExplainer.Pair(query, entry.index)] {
                        result.shared = comparison.shared
                        result.duplicate = comparison.duplicate
                    }
                    return result
                }
                let id = ids[query]
                let response = RelatedResponse(id: id, query: RelatedQueryInfo(id: id, title: headers[id]?.title), results: results)
                return Result { try render(response) }
            }
            for line in lines { try body(line.get()) }
            progress?("related, explaining: \(end)/\(ids.count) articles")
            carried = carried.filter { $0.key.high >= end }
            for (pair, comparison) in computed where pair.high >= end && neighbours[pair.high].contains(where: { $0.index == pair.low }) {
                carried[pair] = comparison
            }
        }
    }

    private func allowance(filter: RelatedFilter, queryIssue: String?) -> ((Int) -> Bool)? {
        guard !filter.isEmpty else { return nil }
        let ids = model.documentIDs
        guard let headers = try? allHeaders.get() else { return { _ in false } }
        return { candidate in filter.admits(headers[ids[candidate]], queryIssue: queryIssue) }
    }

    private func makeResult(_ entry: TopK.Entry, header: ArticleHeader?, cosine: Float) -> RelatedResult {
        let id = model.documentIDs[entry.index]
        return RelatedResult(id: id, title: header?.title ?? "", date: header?.date, issue: header?.issue ?? "",
                             paper: header?.paper, page: header?.page, score: entry.score, cosine: cosine, shared: [], duplicate: nil)
    }

    /// Results with their headers, shared phrases and reprint flags. The query is a model
    /// document (its prepared text is reused) or a text that is not.
    /// `query` is the plain query vector when results were ranked by an expanded one (each
    /// result's plain cosine is computed from it), nil when their scores are plain cosines.
    private func describe(_ entries: [TopK.Entry], query vector: [Float]?, queryDocument: Int?, queryText: String) throws -> [RelatedResult] {
        let ids = model.documentIDs
        let headers = try library.headers(ids: entries.map { ids[$0.index] })
        let comparisons: [Int: ExplainedText.Comparison]
        if let queryDocument {
            // Both ends are model documents: the pair may be explained already (mutual
            // neighbours are asked for from both sides).
            let pairs = try explainer.compare(entries.map { PairExplainer.Pair(queryDocument, $0.index) }, phrases: true)
            comparisons = Dictionary(uniqueKeysWithValues: entries.map { ($0.index, pairs[PairExplainer.Pair(queryDocument, $0.index)]!) })
        } else {
            let texts = try explainer.explainedTexts(entries.map(\.index))
            let query = explainer.explainedTexts(normalized: [queryText])[0]
            comparisons = texts.mapValues { query.compare(with: $0) }
        }
        return entries.map { entry in
            let header = headers[ids[entry.index]]
            var result = makeResult(entry, header: header, cosine: vector.map { index.cosine($0, entry.index) } ?? entry.score)
            if header != nil, let comparison = comparisons[entry.index] {
                result.shared = comparison.shared
                result.duplicate = comparison.duplicate
            }
            return result
        }
    }
}
