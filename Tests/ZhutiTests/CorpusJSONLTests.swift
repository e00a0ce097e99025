import Foundation
import Testing
@testable import Zhuti

@Suite struct CorpusJSONLTests {
    func read(_ lines: [String], name: String = "export.jsonl") throws -> [ParsedIssue] {
        try IssueReader.read(bytes: Array(lines.joined(separator: "\n").utf8), name: name)
    }

    @Test func groupsByIssueThenPaperAndDateThenDate() throws {
        let issues = try read([
            #"{"id": "a1", "issue": "第12期", "title": "标题一", "text": "正文一。", "page": 2}"#,
            #"{"id": "b1", "paper": "人民日报", "date": "1998/1/1", "title": "标题二", "text": "正文二。", "page": "3"}"#,
            #"{"id": "a2", "issue": "第12期", "title": "标题三", "text": "正文三。"}"#,
            #"{"id": "c1", "date": "1998年1月2日", "text": "只有日期的文章。第二句。"}"#,
            #"{"id": "b2", "paper": "人民日报", "date": "1998-01-01", "text": "正文四。", "label": "财经"}"#,
            "",
            #"{"text": "没有分组信息的文章。"}"#,
        ])
        #expect(issues.map(\.id) == ["第12期", "人民日报-1998-01-01", "1998-01-02", "export"])
        #expect(issues.map { $0.articles.count } == [2, 2, 1, 1])
        let daily = issues[1]
        #expect(daily.paper == "人民日报")
        #expect(daily.date == "1998-01-01")
        #expect(daily.source == "export.jsonl")
        #expect(daily.articles.map(\.id) == ["b1", "b2"])
        #expect(daily.articles.map(\.page) == [3, nil])
        #expect(daily.articles[1].label == "财经")
        #expect(daily.articles[1].title == "正文四")            // no title: first sentence
        #expect(issues[0].articles.map(\.page) == [2, nil])
        #expect(issues[2].articles[0].title == "只有日期的文章")
        #expect(issues[2].articles[0].date == "1998-01-02")
        #expect(issues[3].articles[0].id == nil)
        #expect(issues[3].paper == nil && issues[3].date == nil)
        // Each group hashes its own lines: distinct, stable.
        #expect(Set(issues.map(\.contentHash)).count == 4)
        #expect(try read([#"{"issue": "第12期", "id": "a1", "text": "正文一。"}"#])[0].contentHash
                == (try read([#"{"issue": "第12期", "id": "a1", "text": "正文一。"}"#])[0].contentHash))
    }

    @Test func escapesNullsAndTitleFallback() throws {
        let issues = try read([
            #"{"id": "x", "title": null, "text": "\u4f60\u597d\uff0c\"世界\"\n第二段。\ud840\udc00"}"#,
        ], name: "dir/sogou.jsonl")
        let a = try #require(issues.first?.articles.first)
        #expect(issues[0].id == "sogou")
        #expect(a.text == "你好，\"世界\"\n第二段。\u{20000}")
        #expect(a.title == "你好，\"世界\"")
    }

    @Test func kindIsTakenFromTheExportAndChecked() throws {
        let issues = try read([#"{"text": "图为工人在生产线上作业。", "kind": "caption"}"#, #"{"text": "正文。"}"#])
        #expect(issues[0].articles.map(\.kind) == ["caption", nil])
        let e = zhutiError { _ = try read([#"{"text": "正文。"}"#, #"{"text": "正文。", "kind": "photo"}"#]) }
        #expect(e?.kind == .badInput)
        #expect(e?.line == 2)
        #expect(e?.description.contains("caption") == true)
    }

    @Test func malformedLineNamesFileAndLine() {
        let e = zhutiError {
            _ = try read([#"{"text": "好。"}"#, #"{"text": "坏。", }"#], name: "broken.jsonl")
        }
        #expect(e?.kind == .badInput)
        #expect(e?.file == "broken.jsonl")
        #expect(e?.line == 2)
        #expect(e?.description.hasPrefix("broken.jsonl:2: malformed JSON") == true)
    }

    @Test func lineWithoutStringTextIsRefused() {
        let missing = zhutiError { _ = try read([#"{"text": "好。"}"#, "", #"{"title": "无正文"}"#]) }
        #expect(missing?.line == 3)
        #expect(missing?.message == "missing \"text\"")
        let number = zhutiError { _ = try read([#"{"text": 42}"#]) }
        #expect(number?.message == "\"text\" must be a string, got a number")
        let empty = zhutiError { _ = try read([#"{"text": "  \n "}"#]) }
        #expect(empty?.message == "empty \"text\"")
        let notObject = zhutiError { _ = try read([#"["text"]"#]) }
        #expect(notObject?.message == "expected a JSON object, got an array")
        let badPage = zhutiError { _ = try read([#"{"text": "好。", "page": "七"}"#]) }
        #expect(badPage?.kind == .badInput)
        let badDate = zhutiError { _ = try read([#"{"text": "好。", "date": "yesterday"}"#]) }
        #expect(badDate?.message.hasPrefix("unrecognised date") == true)
    }

    @Test func emptyJSONLIsRefused() {
        let e = zhutiError { _ = try IssueReader.read(bytes: Array("\n\n".utf8), name: "blank.jsonl") }
        #expect(e?.kind == .badInput)
        #expect(e?.file == "blank.jsonl")
    }

    @Test func peoplesDailyExport() throws {
        guard let shared = sharedCorpusURL() else {
            print("skipping: shared corpora not found (set ZHUTI_SHARED or provide <repo>/../shared)")
            return
        }
        let path = shared.appendingPathComponent("corpora/peoples-daily-1998-01/articles.jsonl").path
        let issues = try IssueReader.read(path: path)
        #expect(issues.count == 31)
        #expect(issues.reduce(0) { $0 + $1.articles.count } == 3148)
        #expect(issues.first?.id == "1998-01-01")
        #expect(issues.last?.id == "1998-01-31")
        let first = try #require(issues.first?.articles.first)
        #expect(first.id == "19980101-01-001")
        #expect(first.page == 1)
        #expect(first.date == "1998-01-01")
        #expect(first.title == "迈向充满希望的新世纪——一九九八年新年讲话（附图片１张）")
        #expect(issues.allSatisfy { $0.articles.allSatisfy { !$0.title.isEmpty && !$0.text.isEmpty } })
        #expect(Set(issues.map(\.contentHash)).count == 31)
    }

    @Test func sogouExportIsOneLabelledIssue() throws {
        guard let shared = sharedCorpusURL() else {
            print("skipping: shared corpora not found (set ZHUTI_SHARED or provide <repo>/../shared)")
            return
        }
        // Every tenth line of the 5,400 keeps the test quick in debug builds and still spans all labels.
        let data = try Data(contentsOf: shared.appendingPathComponent("corpora/sogou-reduced/articles.jsonl"))
        let lines = data.split(separator: UInt8(ascii: "\n"))
        #expect(lines.count == 5400)
        let sample = stride(from: 0, to: lines.count, by: 10).map { Array(lines[$0]) }
        let bytes = Array(sample.joined(separator: [UInt8(ascii: "\n")]))
        let issues = try IssueReader.read(bytes: bytes, name: "sogou/articles.jsonl")
        #expect(issues.count == 1)
        #expect(issues[0].id == "articles")
        #expect(issues[0].articles.count == 540)
        #expect(Set(issues[0].articles.compactMap(\.label)).count == 9)
        #expect(issues[0].articles.allSatisfy { !$0.title.isEmpty && $0.label != nil })
        #expect(issues[0].articles[0].id == "C000008_15")
    }
}

/// `IssueReader.open`: a JSONL export read in two passes (lines checked and grouped, then one
/// issue's articles at a time) gives what reading it whole gives, in every encoding.
@Suite struct IssueSourceTests {
    static let lines = [
        #"{"id": "a1", "issue": "第12期", "title": "标题一", "text": "正文一。", "page": 2}"#,
        #"{"id": "b1", "paper": "人民日报", "date": "1998/1/1", "title": "标题二", "text": "正文二。", "page": "3"}"#,
        "",
        #"{"id": "a2", "issue": "第12期", "title": "标题三", "text": "正文三。\r\n第二段。"}"#,
        #"{"id": "b2", "paper": "人民日报", "date": "1998-01-01", "text": "正文四。", "label": "财经"}"#,
    ]

    func write(_ bytes: [UInt8], _ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func expectSameIssues(_ a: [ParsedIssue], _ b: [ParsedIssue]) {
        #expect(a.map(\.id) == b.map(\.id))
        #expect(a.map(\.contentHash) == b.map(\.contentHash))
        #expect(a.map(\.paper) == b.map(\.paper) && a.map(\.date) == b.map(\.date) && a.map(\.source) == b.map(\.source))
        for (x, y) in zip(a, b) {
            #expect(x.articles.map(\.id) == y.articles.map(\.id))
            #expect(x.articles.map(\.text) == y.articles.map(\.text))
            #expect(x.articles.map(\.title) == y.articles.map(\.title))
            #expect(x.articles.map(\.page) == y.articles.map(\.page) && x.articles.map(\.label) == y.articles.map(\.label))
        }
    }

    @Test func streamedIssuesEqualAWholeRead() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let utf8 = Array(Self.lines.joined(separator: "\n").utf8)
        let crlf = Array(Self.lines.joined(separator: "\r\n").utf8) + [0x0D, 0x0A]
        let variants: [(String, [UInt8])] = [
            ("plain.jsonl", utf8),
            ("bom.jsonl", [0xEF, 0xBB, 0xBF] + utf8),
            ("crlf.ndjson", crlf),
            ("utf16.jsonl", [0xFF, 0xFE] + Self.lines.joined(separator: "\n").utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
        ]
        for (name, bytes) in variants {
            let path = try write(bytes, name, in: folder)
            let source = try IssueReader.open(path: path)
            #expect(source.count == 2, "\(name)")
            let streamed = try source.all()
            expectSameIssues(streamed, try IssueReader.read(path: path))
            #expect(streamed.map(\.id) == ["第12期", "人民日报-1998-01-01"], "\(name)")
            #expect(streamed[0].articles[1].text == "正文三。\n第二段。")
        }
        // The same lines in different files hash alike whatever their encoding or BOM, so
        // re-ingesting a re-encoded export changes nothing.
        let hashes = try variants.map { try IssueReader.open(path: folder.appendingPathComponent($0.0).path).all().map(\.contentHash) }
        #expect(Set(hashes).count == 1)
        // GBK: {"text":"中国。"}
        let gbk = Array(#"{"text":""#.utf8) + [0xD6, 0xD0, 0xB9, 0xFA, 0xA1, 0xA3] + Array(#""}"#.utf8)
        let gbkIssues = try IssueReader.open(path: try write(gbk, "gbk.jsonl", in: folder)).all()
        #expect(gbkIssues.first?.articles.first?.text == "中国。")
        #expect(gbkIssues.first?.id == "gbk")
    }

    @Test func aBadLineFailsTheOpenNamingItsLine() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = Self.lines
        lines.append(#"{"id": "z", "text": 5}"#)
        let path = try write(Array(lines.joined(separator: "\n").utf8), "bad.jsonl", in: folder)
        let bad = zhutiError { _ = try IssueReader.open(path: path) }
        #expect(bad?.kind == .badInput)
        #expect(bad?.file == path && bad?.line == 6)
        let truncated = try write(Array(#"{"text": "好"#.utf8), "cut.jsonl", in: folder)
        #expect(zhutiError { _ = try IssueReader.open(path: truncated) }?.line == 1)
        let binary = try write([0x7B, 0x00, 0x7D], "nul.jsonl", in: folder)
        #expect(zhutiError { _ = try IssueReader.open(path: binary) }?.message.contains("binary") == true)
        #expect(zhutiError { _ = try IssueReader.open(path: try write([], "empty.jsonl", in: folder)) }?.kind == .badInput)
        #expect(zhutiError { _ = try IssueReader.open(path: try write(Array(" \n\n".utf8), "blank.jsonl", in: folder)) }?.kind == .badInput)
        #expect(zhutiError { _ = try IssueReader.open(path: folder.appendingPathComponent("gone.jsonl").path) }?.kind == .notFound)
        let dir = folder.appendingPathComponent("dir.jsonl")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        #expect(zhutiError { _ = try IssueReader.open(path: dir.path) }?.kind == .badInput)
    }
}
