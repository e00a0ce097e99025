import Foundation
import Testing
@testable import Zhuti

/// The PKU-tagged People's Daily format (`199801.txt`).
@Suite struct CorpusTaggedTests {
    static let sample = """
    19980101-01-001-001/m  迈向/v  充满/v  希望/n  的/u  新/a  世纪/n  ——/w  一九九八年/t  新年/t  讲话/n  \r
    19980101-01-001-002/m  在/p  [中央/n  人民/n  广播/vn  电台/n]nt  、/w  [香港/ns  特别/a  行政区/n]ns  同胞/n  。/w  \r
    \r
    19980101-01-002-001/m  中国/ns  驻/v  突尼斯/ns  大使/n  提供/v  了/u  价值/n  ３００万/m  人民币/n  的/u  设备/n  。/w  \r
    19980102-02-001-001/m  新年/t  第一天/t  \r

    """

    @Test func stripsTagsAndGroupsByDate() throws {
        let issues = try IssueReader.read(bytes: Array(Self.sample.utf8), name: "corpus/199801.txt")
        #expect(issues.map(\.id) == ["1998-01-01", "1998-01-02"])
        let day1 = issues[0].articles
        #expect(day1.map(\.id) == ["19980101-01-001", "19980101-01-002"])
        #expect(day1[0].title == "迈向充满希望的新世纪——一九九八年新年讲话")
        #expect(day1[0].text == "迈向充满希望的新世纪——一九九八年新年讲话\n在中央人民广播电台、香港特别行政区同胞。")
        #expect(day1[0].page == 1)
        #expect(day1[0].date == "1998-01-01")
        // A first paragraph with `。` is no headline: the first clause stands in.
        #expect(day1[1].title == "中国驻突尼斯大使提供了价值３００万人民币的设备")
        #expect(issues[1].articles[0].page == 2)
        #expect(issues[0].date == "1998-01-01")
    }

    @Test func brokenTaggedLineIsAnError() {
        let bad = Self.sample + "这一行不是语料格式\n"
        let e = zhutiError { _ = try IssueReader.read(bytes: Array(bad.utf8), name: "199801.txt") }
        #expect(e?.kind == .badInput)
        #expect(e?.line == 6)
    }

    @Test func realCorpusFileMatchesItsJSONLExport() throws {
        guard let shared = sharedCorpusURL() else {
            print("skipping: shared corpora not found (set ZHUTI_SHARED or provide <repo>/../shared)")
            return
        }
        let folder = shared.appendingPathComponent("corpora/peoples-daily-1998-01")
        let tagged = try IssueReader.read(path: folder.appendingPathComponent("199801.txt").path)
        let exported = try IssueReader.read(path: folder.appendingPathComponent("articles.jsonl").path)
        #expect(tagged.count == 31)
        #expect(tagged.map(\.id) == exported.map(\.id))
        let t = tagged.flatMap(\.articles), x = exported.flatMap(\.articles)
        #expect(t.count == 3148)
        #expect(t.map(\.id) == x.map(\.id))
        #expect(t.map(\.text) == x.map(\.text))
        #expect(t.map(\.page) == x.map(\.page))
    }
}
