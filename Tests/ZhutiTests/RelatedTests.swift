import Foundation
import Testing
@testable import Zhuti

/// Issue 4: related articles on a corpus whose neighbours are known by construction.
@Suite struct RelatedTests {
    typealias Corpus = IntegrationCorpus

    let home: Corpus.Home
    let library: ArticleLibrary
    let finder: RelatedFinder

    init() throws {
        home = Corpus.Home("related")
        library = try Corpus.library(in: home)
        finder = try RelatedFinder(model: try Corpus.fit(library), library: library)
    }

    private func normalizedText(_ id: String) throws -> String {
        try #require(try library.article(id: id)).normalized
    }

    @Test func topResultsComeFromTheArticlesOwnCampaign() throws {
        defer { home.remove() }
        let topics = Corpus.topicOf
        for topic in Corpus.Topic.allCases {
            for i in 0..<4 {
                let id = Corpus.id(topic, i)
                let response = try finder.related(toArticle: id, k: 3)
                #expect(response.query.id == id)
                #expect(response.results.count == 3)
                #expect(!response.results.contains { $0.id == id }, "\(id) lists itself")
                for result in response.results {
                    #expect(topics[result.id] == topic, "\(id) (\(topic)) -> \(result.id) (\(String(describing: topics[result.id])))")
                }
                #expect(zip(response.results, response.results.dropFirst()).allSatisfy { $0.score >= $1.score })
            }
        }
        // The reprint is the original's best match, at cosine 1, with or without expansion.
        for expansion in [QueryExpansion.standard, nil] {
            let original = try finder.related(toArticle: Corpus.id(.ecology, 0), k: 1, expansion: expansion)
            #expect(original.results.first?.id == Corpus.reprintID)
            #expect(abs((original.results.first?.cosine ?? 0) - 1) < 1e-4)
        }
    }

    @Test func relatedToAStoredArticlesTextFindsThatArticleFirst() throws {
        defer { home.remove() }
        for (topic, i) in [(Corpus.Topic.investment, 1), (.ecology, 2), (.inspection, 3)] {
            let id = Corpus.id(topic, i)
            let article = try #require(try library.article(id: id))
            let response = try finder.related(toText: article.text, k: 5)
            #expect(response.id == nil)
            #expect(response.query.id == nil)
            #expect(response.results.first?.id == id)
            #expect(abs((response.results.first?.cosine ?? 0) - 1) < 1e-4)
            #expect(response.results.first?.duplicate == .nearDuplicate)
        }
    }

    @Test func filtersExcludeWhatTheySay() throws {
        defer { home.remove() }
        let query = Corpus.id(.investment, 0) // 荆州日报, 2025-03-01
        let k = 13
        let all = try finder.related(toArticle: query, k: k)
        #expect(all.results.count == 13)

        let sameIssue = try finder.related(toArticle: query, k: k, filter: RelatedFilter(excludeSameIssue: true))
        #expect(sameIssue.results.count == 11)
        #expect(sameIssue.results.allSatisfy { $0.issue != "jzrb-2025-03-01" })

        let evening = try finder.related(toArticle: query, k: k, filter: RelatedFilter(paper: "荆州晚报"))
        #expect(evening.results.count == 8)
        #expect(evening.results.allSatisfy { $0.paper == "荆州晚报" })

        let april = try finder.related(toArticle: query, k: k, filter: RelatedFilter(since: "2025-04", until: "2025-04"))
        #expect(april.results.count == 6)
        #expect(april.results.allSatisfy { ($0.date ?? "").hasPrefix("2025-04") })

        let fromApril12 = try finder.related(toArticle: query, k: k, filter: RelatedFilter(since: "2025-04-12"))
        #expect(Set(fromApril12.results.map(\.issue)) == ["jzwb-2025-04-12", "jzwb-2025-05-03"])
        #expect(fromApril12.results.count == 5)

        let untilMarch8 = try finder.related(toArticle: query, k: k, filter: RelatedFilter(until: "2025-03-08"))
        #expect(untilMarch8.results.count == 5)
        #expect(untilMarch8.results.allSatisfy { ($0.date ?? "9") <= "2025-03-08" })

        let nothing = try finder.related(toArticle: query, k: k, filter: RelatedFilter(paper: "人民日报"))
        #expect(nothing.results.isEmpty)

        // Filters apply to text queries and to --all too.
        let text = try finder.related(toText: "长江生态治理，河湖长制", k: k, filter: RelatedFilter(paper: "荆州日报"))
        #expect(text.results.count == 6)
        #expect(text.results.allSatisfy { $0.paper == "荆州日报" })
        var lines = 0
        try finder.relatedForAll(k: k, filter: RelatedFilter(excludeSameIssue: true), explain: false) { response in
            lines += 1
            let issue = finder.header(response.id ?? "")?.issue
            #expect(issue != nil)
            #expect(response.results.allSatisfy { $0.issue != issue })
        }
        #expect(lines == Corpus.articleCount)
    }

    /// `cosine` is the plain cosine of the two articles whatever the ranking; without
    /// expansion it is also the score.
    @Test func cosineIsThePlainCosineAndTheScoreWithoutExpansion() throws {
        defer { home.remove() }
        let model = finder.model
        for row in 0..<model.documentCount {
            let id = model.documentIDs[row]
            let query = model.documentVector(row)
            for expansion in [QueryExpansion.standard, nil] {
                for result in try finder.related(toArticle: id, k: 4, expansion: expansion).results {
                    let other = model.documentVector(try #require(model.index(of: result.id)))
                    let cosine = zip(query, other).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                    #expect(abs(result.cosine - cosine) < 1e-5)
                    if expansion == nil { #expect(result.score == result.cosine) }
                }
            }
        }
    }

    @Test func explanationsArePhrasesBothTextsContain() throws {
        defer { home.remove() }
        var checked = 0
        for topic in Corpus.Topic.allCases {
            let id = Corpus.id(topic, 0)
            let queryText = try normalizedText(id)
            for result in try finder.related(toArticle: id, k: 3).results {
                let otherText = try normalizedText(result.id)
                #expect(!result.shared.isEmpty, "\(id) -> \(result.id) has no explanation")
                #expect(result.shared.count <= 5)
                for phrase in result.shared {
                    #expect(phrase.count >= 2, "single-character phrase '\(phrase)'")
                    #expect(queryText.contains(phrase), "'\(phrase)' not in \(id)")
                    #expect(otherText.contains(phrase), "'\(phrase)' not in \(result.id)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 9)
        // The campaigns' own words explain their matches.
        let inspection = try finder.related(toArticle: Corpus.id(.inspection, 0), k: 3).results
        #expect(inspection.contains { result in result.shared.contains { $0.contains("巡视") } })
        let text = try finder.related(toText: "各地落实河湖长制，开展水质监测", k: 3).results
        let phrases = text.flatMap(\.shared)
        #expect(phrases.contains { $0.contains("河湖长制") || $0.contains("水质监测") }, "\(phrases)")
    }

    @Test func reprintsAndDigestsAreFlagged() throws {
        defer { home.remove() }
        let original = Corpus.id(.ecology, 0)
        let reprint = try #require(try finder.related(toArticle: original, k: 3).results.first { $0.id == Corpus.reprintID })
        #expect(reprint.duplicate == .nearDuplicate)
        let back = try #require(try finder.related(toArticle: Corpus.reprintID, k: 3).results.first { $0.id == original })
        #expect(back.duplicate == .nearDuplicate)

        let long = Corpus.id(.investment, 3)
        let digest = try #require(try finder.related(toArticle: long, k: 5).results.first { $0.id == Corpus.digestID })
        #expect(digest.duplicate == .contained)
        let fromDigest = try #require(try finder.related(toArticle: Corpus.digestID, k: 5).results.first { $0.id == long })
        #expect(fromDigest.duplicate == .contained)

        // Articles of one campaign that merely share its vocabulary are not reprints.
        for result in try finder.related(toArticle: Corpus.id(.inspection, 1), k: 3).results {
            #expect(result.duplicate == nil, "\(result.id) flagged \(String(describing: result.duplicate))")
        }
        // --all flags the same pairs.
        var flagged: [String: DuplicateKind] = [:]
        try finder.relatedForAll(k: 3) { response in
            for result in response.results { if let kind = result.duplicate { flagged["\(response.id ?? "")>\(result.id)"] = kind } }
        }
        #expect(flagged["\(original)>\(Corpus.reprintID)"] == .nearDuplicate)
        #expect(flagged["\(Corpus.digestID)>\(long)"] == .contained)
        let unexpected = flagged.keys.filter { key in
            ![original, Corpus.reprintID, long, Corpus.digestID].contains(String(key.split(separator: ">")[0]))
        }
        #expect(unexpected.isEmpty, "flagged: \(unexpected)")
    }

    @Test func articlesIngestedAfterTheBuildAreFoldedIn() throws {
        defer { home.remove() }
        let late = ParsedIssue(id: "jzrb-2025-06-01", source: "/archive/late.txt", paper: "荆州日报", date: "2025-06-01",
                               contentHash: "late", articles: [ParsedArticle(title: "巡视整改回头看", text: """
                                   市委开展巡视整改“回头看”，对照巡视反馈问题清单逐条核查整改措施落实情况，压实主体责任，加强日常监督。
                                   """)])
        _ = try library.ingest([{ [late] }], normalize: TextNormalizer.normalize)
        let finder = try RelatedFinder(model: self.finder.model, library: library) // headers now include the new issue
        let id = ArticleLibrary.articleID(issue: late.id, sequence: 1)
        #expect(finder.model.index(of: id) == nil)
        let response = try finder.related(toArticle: id, k: 3)
        #expect(response.results.count == 3)
        #expect(response.results.allSatisfy { Corpus.topicOf[$0.id] == .inspection })
    }

    @Test func everyErrorIsAZhutiErrorOfTheRightKind() throws {
        defer { home.remove() }
        let id = Corpus.id(.ecology, 1)
        func error(_ body: () throws -> RelatedResponse) -> ZhutiError? {
            #expect(throws: ZhutiError.self) { _ = try body() }
        }
        let unknown = error { try finder.related(toArticle: "NOPE", k: 3) }
        #expect(unknown?.kind == .notFound)
        #expect(unknown?.message.contains("NOPE") == true)

        // Text with nothing to compare is answered with no results and a note saying why.
        for blank in ["", "   \n\t", "。，！"] {
            let empty = try finder.related(toText: blank, k: 3)
            #expect(empty.results.isEmpty && empty.note?.contains("no words") == true, "'\(blank)'")
        }
        let unknownText = try finder.related(toText: "qqqq zzzz", k: 3)
        #expect(unknownText.results.isEmpty)
        #expect(unknownText.note?.contains("shares no n-gram") == true)

        for k in [0, -1, 1001] {
            #expect(error { try finder.related(toArticle: id, k: k) }?.kind == .badOption, "k \(k)")
            #expect(error { try finder.related(toText: "生态治理", k: k) }?.kind == .badOption, "k \(k)")
            let all = #expect(throws: ZhutiError.self) { try finder.relatedForAll(k: k) { _ in } }
            #expect(all?.kind == .badOption)
        }
        #expect(error { try finder.related(toArticle: id, k: 0) }?.message == "-k must be at least 1 (got 0)")

        for (since, until) in [("2025-3-1", nil), ("yesterday", nil), (nil, "2025/03/01"), ("2025-03-01x", nil), ("２０２５", nil)] as [(String?, String?)] {
            let bad = error { try finder.related(toArticle: id, k: 3, filter: RelatedFilter(since: since, until: until)) }
            #expect(bad?.kind == .badOption, "since \(String(describing: since)) until \(String(describing: until))")
            #expect(bad?.message.contains("is not a date") == true)
        }
        // A reversed range admits nothing (the CLI refuses it; see CLITests).
        let backwards = try finder.related(toArticle: id, k: 3, filter: RelatedFilter(since: "2025-05", until: "2025-03"))
        #expect(backwards.results.isEmpty)
        #expect(RelatedFilter(since: "2025-05", until: "2025-03").isReversed)
        #expect(!RelatedFilter(since: "2025-03-10", until: "2025-03").isReversed, "a prefix until covers its month")
    }

    @Test func relatedForAllGivesEveryArticleItsKNeighbours() throws {
        defer { home.remove() }
        var seen: [String] = []
        let topics = Corpus.topicOf
        try finder.relatedForAll(k: 3) { response in
            let id = try #require(response.id)
            seen.append(id)
            #expect(response.query.id == id)
            #expect(response.results.count == 3)
            #expect(!response.results.contains { $0.id == id })
            #expect(Set(response.results.map(\.id)).count == 3)
            #expect(zip(response.results, response.results.dropFirst()).allSatisfy { $0.score >= $1.score })
            // The same answer as a single query, explanations included.
            let single = try finder.related(toArticle: id, k: 3)
            #expect(single.results.map(\.id) == response.results.map(\.id))
            for (a, b) in zip(single.results, response.results) {
                #expect(abs(a.score - b.score) < 1e-5)
                #expect(abs(a.cosine - b.cosine) < 1e-5)
                #expect(a.duplicate == b.duplicate)
                #expect(a.shared == b.shared)
            }
            #expect(response.results.allSatisfy { topics[$0.id] == topics[id] }, "\(id)")
        }
        #expect(seen == finder.model.documentIDs)
        #expect(seen.count == Corpus.articleCount)
    }
}

@Suite struct RelatedJSONTests {
    /// The hand-written encoder must print exactly what JSONEncoder (sorted keys, no
    /// escaped slashes) prints, so `related` output is one format whichever path wrote it.
    @Test func handWrittenJSONMatchesJSONEncoder() throws {
        let hostile = "引号\"反斜杠\\斜杠/换行\n制表\t控制\u{01}\u{1F}结束"
        let results = [
            RelatedResult(id: "a-001", title: hostile, date: "1998-01-02", issue: "1998-01-02", paper: "人民日报",
                          page: 3, score: 0.8926423, cosine: 0.91, shared: ["和平与发展", hostile], duplicate: .nearDuplicate),
            RelatedResult(id: "b-002", title: "", date: nil, issue: "", paper: nil, page: nil,
                          score: 1, cosine: 1, shared: [], duplicate: nil),
            RelatedResult(id: "c", title: "t", date: nil, issue: "i", paper: "p", page: 0,
                          score: 1e-05, cosine: -3.5e-07, shared: ["x"], duplicate: .contained),
            RelatedResult(id: "d", title: "t", date: "2025", issue: "i", paper: nil, page: -2,
                          score: -0.25, cosine: 0, shared: [], duplicate: nil),
        ]
        let responses = [
            RelatedResponse(id: "q-1", query: RelatedQueryInfo(id: "q-1", title: hostile), results: results),
            RelatedResponse(id: nil, query: RelatedQueryInfo(id: nil, title: "粘贴的文字"), results: results),
            RelatedResponse(id: nil, query: RelatedQueryInfo(id: nil, title: nil), results: []),
            RelatedResponse(id: nil, query: RelatedQueryInfo(id: nil, title: "。"), results: [], note: "the query text has no words"),
        ]
        for response in responses {
            #expect(response.json == (try JSONOutput.encode(response)))
            let decoded = try JSONDecoder().decode(RelatedResponse.self, from: Data(response.json.utf8))
            #expect(decoded == response)
        }
    }
}

@Suite struct VerbatimOverlapTests {
    /// The clause rule written plainly on Characters, as a reference for the byte-level one.
    static func referenceShare(of shorter: String, in longer: String) -> Double {
        var found = 0, total = 0
        var clause = ""
        func flush() {
            defer { clause = "" }
            guard clause.count >= 2 else { return }
            total += clause.utf8.count
            if longer.contains(clause) { found += clause.utf8.count }
        }
        for character in shorter {
            if character.isPunctuation || character.isWhitespace || character.isSymbol { flush() } else { clause.append(character) }
        }
        flush()
        return total == 0 ? 0 : Double(found) / Double(total)
    }

    @Test func byteLevelClausesAgreeWithTheCharacterRule() {
        let longer = "新华社北京1月5日电，国务院总理李鹏今天在人民大会堂会见了来访的外宾。双方就China–ASEAN合作交换了意见；会见时，气氛友好。"
        let shorters = [
            "国务院总理李鹏今天在人民大会堂会见了来访的外宾。气氛友好！",
            "双方就China–ASEAN合作交换了意见 会见时 气氛热烈",
            "“李鹏”说：合作~共赢＋发展……新华社北京1月5日电",
            "完全无关的一句话，另一句也无关",
            "A，B。",
            "",
            "α·β＝γ±δ　国务院总理李鹏今天\t在人民大会堂\n会见了",
        ]
        for shorter in shorters {
            #expect(VerbatimOverlap.share(of: shorter, in: longer) == Self.referenceShare(of: shorter, in: longer), "\(shorter)")
        }
        #expect(VerbatimOverlap.share(of: shorters[0], in: longer) == 1)
        #expect(VerbatimOverlap.share(of: shorters[3], in: longer) == 0)
    }
}
