import Foundation
import Testing
@testable import Zhuti

@Suite struct ArticleLibraryTests {
    let home: ZhutiHome

    init() {
        home = ZhutiHome(path: NSTemporaryDirectory() + "zhuti-library-\(UUID().uuidString)")
    }

    func issue(_ id: String, hash: String, titles: [String], ids: [String?]? = nil) -> ParsedIssue {
        let articles = titles.enumerated().map { index, title in
            ParsedArticle(id: ids?[index], title: title, text: "\(title)的正文内容。")
        }
        return ParsedIssue(id: id, source: "/archive/\(id).txt", paper: "荆州日报", date: "2025-03-10",
                           contentHash: hash, articles: articles)
    }

    func ingest(_ issues: [ParsedIssue], into library: ArticleLibrary) throws -> IngestOutcome {
        try library.ingest(issues.map { issue in { [issue] } }, normalize: { $0.lowercased() })
    }

    @Test func missingLibraryTellsUserToIngest() {
        let error = #expect(throws: ZhutiError.self) { try ArticleLibrary(home: home, create: false) }
        #expect(error?.message.contains("zhuti ingest") == true)
    }

    @Test func storesArticlesWithStableIds() throws {
        let library = try ArticleLibrary(home: home, create: true)
        let outcome = try ingest([issue("2025-03-10", hash: "a", titles: ["招商引资", "项目建设"])], into: library)
        #expect(outcome.added == ["2025-03-10"])
        #expect(outcome.articleCount == 2)
        let articles = try library.articles()
        #expect(articles.map(\.id) == ["2025-03-10-001", "2025-03-10-002"])
        #expect(articles[1].title == "项目建设")
        #expect(articles[1].paper == "荆州日报")
        #expect(articles[1].source == "/archive/2025-03-10.txt")
        #expect(try library.article(id: "2025-03-10-002")?.sequence == 2)
        #expect(try library.article(id: "nope") == nil)
        #expect(try library.issues().map(\.articleCount) == [2])
    }

    @Test func reingestIsIdempotentAndChangesReplace() throws {
        let library = try ArticleLibrary(home: home, create: true)
        _ = try ingest([issue("i1", hash: "a", titles: ["甲", "乙"])], into: library)
        let print1 = try library.fingerprint()
        let again = try ingest([issue("i1", hash: "a", titles: ["甲", "乙"])], into: library)
        #expect(again.unchanged == ["i1"])
        #expect(again.articleCount == 0)
        #expect(try library.fingerprint() == print1)

        let changed = try ingest([issue("i1", hash: "b", titles: ["丙"])], into: library)
        #expect(changed.replaced == ["i1"])
        #expect(try library.articles().map(\.title) == ["丙"])
        #expect(try library.fingerprint() != print1)
    }

    /// Posted articles are durable: a re-ingest of the issue's unchanged file leaves the issue
    /// unchanged, a changed file replaces only the file's own rows, and the posted article
    /// survives reopening the library and counts in its fingerprint.
    @Test func postedArticlesSurviveReingest() throws {
        var library = try ArticleLibrary(home: home, create: true)
        let file = issue("i1", hash: "a", titles: ["甲", "乙"])
        _ = try ingest([file], into: library)
        let before = try library.fingerprint()
        try library.post(ParsedArticle(id: "post-x", title: "追加", text: "追加的正文。"), issue: "i1", normalize: { $0 })
        try library.post(ParsedArticle(id: "solo", title: "独立", text: "独立的正文。", date: "2025-04-01"), issue: "solo",
                         normalize: { $0 })
        #expect(try library.fingerprint() != before)
        let again = try ingest([file], into: library)
        #expect(again.unchanged == ["i1"] && again.replaced.isEmpty)
        #expect(try library.articles(issue: "i1").map(\.id) == ["i1-001", "i1-002", "post-x"])

        let changed = try ingest([issue("i1", hash: "b", titles: ["丙", "丁", "戊"])], into: library)
        #expect(changed.replaced == ["i1"])
        library = try ArticleLibrary(home: home, create: false)
        let articles = try library.articles(issue: "i1")
        #expect(articles.map(\.id) == ["i1-001", "i1-002", "i1-003", "post-x"])
        #expect(articles.map(\.title) == ["丙", "丁", "戊", "追加"])
        #expect(articles.last?.paper == "荆州日报" && articles.last?.date == "2025-03-10", "takes the issue's metadata")
        let solo = try #require(try library.article(id: "solo"))
        #expect(solo.source == ArticleLibrary.postSource && solo.date == "2025-04-01")
        // The same id again is refused and stores nothing.
        #expect(throws: ZhutiError.self) {
            try library.post(ParsedArticle(id: "post-x", title: "重复", text: "重复。"), issue: "i1", normalize: { $0 })
        }
        #expect(try library.articleCount() == 5)
    }

    @Test func failureMidRunLeavesLibraryAsItWas() throws {
        let library = try ArticleLibrary(home: home, create: true)
        _ = try ingest([issue("i1", hash: "a", titles: ["甲"])], into: library)
        let before = try library.articles()
        let batches: [() throws -> [ParsedIssue]] = [
            { [self.issue("i2", hash: "x", titles: ["新"])] },
            { throw ZhutiError(.badInput, "binary file", file: "bad.txt") },
        ]
        let error = #expect(throws: ZhutiError.self) { try library.ingest(batches, normalize: { $0 }) }
        #expect(error?.file == "bad.txt")
        #expect(try library.articles() == before)
    }

    @Test func conflictingArticleIdsAreRefused() throws {
        let library = try ArticleLibrary(home: home, create: true)
        _ = try ingest([issue("i1", hash: "a", titles: ["甲"], ids: ["X1"])], into: library)
        let error = #expect(throws: ZhutiError.self) {
            try ingest([issue("i2", hash: "b", titles: ["乙"], ids: ["X1"])], into: library)
        }
        #expect(error?.message.contains("X1") == true)
        #expect(try library.issues().map(\.id) == ["i1"])
    }

    @Test func streamsInBatchesInChronologicalOrder() throws {
        let library = try ArticleLibrary(home: home, create: true)
        var late = issue("b", hash: "1", titles: ["三", "四"]); late.date = "2025-05-01"
        var early = issue("a", hash: "2", titles: ["一", "二"]); early.date = "2024-01-01"
        var undated = issue("c", hash: "3", titles: ["五"]); undated.date = nil
        _ = try ingest([late, undated, early], into: library)
        var batches: [[String]] = []
        try library.forEachBatch(batchSize: 2) { batches.append($0.map(\.title)) }
        #expect(batches == [["一", "二"], ["三", "四"], ["五"]])
    }
}
