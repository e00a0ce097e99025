import Foundation
import Testing
@testable import Zhuti

@Suite struct CorpusReaderTests {
    @Test func foldersExpandToSortedTextFiles() throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("b/deeper"), withIntermediateDirectories: true)
        for name in ["z.txt", "a.jsonl", "b/deeper/c.TXT", "b/notes.md", "b/image.png", ".hidden.txt"] {
            try Data("内容".utf8).write(to: dir.appendingPathComponent(name))
        }
        let single = dir.appendingPathComponent("b/notes.md").path
        let files = try IssueReader.sourceFiles(for: [dir.path, single, dir.appendingPathComponent("z.txt").path])
        #expect(files == [
            dir.appendingPathComponent("a.jsonl").path,
            dir.appendingPathComponent("b/deeper/c.TXT").path,
            single,   // a file named explicitly is taken whatever its extension
            dir.appendingPathComponent("z.txt").path,
        ])
    }

    @Test func missingPathAndEmptyFolderAreErrors() throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("x".utf8).write(to: dir.appendingPathComponent("readme.md"))
        let missing = zhutiError { _ = try IssueReader.sourceFiles(for: [dir.appendingPathComponent("nope").path]) }
        #expect(missing?.kind == .notFound)
        #expect(missing?.file == dir.appendingPathComponent("nope").path)
        let empty = zhutiError { _ = try IssueReader.sourceFiles(for: [dir.path]) }
        #expect(empty?.kind == .badInput)
        #expect(empty?.file == dir.path)
        #expect(empty?.message == "folder has no .txt or .jsonl files")
    }

    @Test func badFilesAreRefusedWithTheirName() throws {
        let dir = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let e1 = zhutiError { _ = try IssueReader.read(path: empty.path) }
        #expect(e1?.description == "\(empty.path): empty file")

        let blank = dir.appendingPathComponent("blank.txt")
        try Data(" \n\u{3000}\r\n".utf8).write(to: blank)
        #expect(zhutiError { _ = try IssueReader.read(path: blank.path) }?.kind == .badInput)

        let binary = dir.appendingPathComponent("photo.txt")
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00]).write(to: binary)
        let e3 = zhutiError { _ = try IssueReader.read(path: binary.path) }
        #expect(e3?.kind == .badInput)
        #expect(e3?.file == binary.path)

        let missing = zhutiError { _ = try IssueReader.read(path: dir.appendingPathComponent("gone.txt").path) }
        #expect(missing?.kind == .notFound)
        #expect(zhutiError { _ = try IssueReader.read(path: dir.path) }?.kind == .badInput)
    }

    @Test func sameBytesSameHashAndIdFromStem() throws {
        let text = Array("一篇文章的标题\n\n本报讯（记者王五）这是一篇足够长的新闻正文，记录了某地举行的一次重要会议和会议作出的安排部署。".utf8)
        let a = try IssueReader.read(bytes: text, name: "/some/where/2024-05-01.txt")
        let b = try IssueReader.read(bytes: text, name: "other/2024-05-01.txt")
        #expect(a[0].id == "2024-05-01")
        #expect(a[0].contentHash == b[0].contentHash)
        #expect(a[0].contentHash == StableHash.hex(of: text))
        let changed = text + Array("另".utf8)
        #expect(try IssueReader.read(bytes: changed, name: "x.txt")[0].contentHash != a[0].contentHash)
        // FNV-1a reference values: empty input is the offset basis; "a" is af63dc4c8601ec8c.
        #expect(StableHash.hex(of: []) == "cbf29ce484222325")
        #expect(StableHash.hex(of: [0x61]) == "af63dc4c8601ec8c")
    }
}
