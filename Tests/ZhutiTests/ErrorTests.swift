import Testing
@testable import Zhuti

@Test func errorDescriptionNamesFileAndLine() {
    #expect(ZhutiError(.badInput, "malformed JSON", file: "a.jsonl", line: 3).description == "a.jsonl:3: malformed JSON")
    #expect(ZhutiError(.badInput, "empty file", file: "b.txt").description == "b.txt: empty file")
    #expect(ZhutiError(.notFound, "no such article").description == "no such article")
}
