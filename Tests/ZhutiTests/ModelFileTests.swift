import Foundation
import Testing
@testable import Zhuti

@Suite struct ModelFileTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "zhuti-modelfile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func sampleSections() -> [ModelFile.Section] {
        [
            ModelFile.Section(tag: "META", bytes: Array(#"{"dims":2}"#.utf8)),
            ModelFile.Section(tag: "VECS", array: [Float(1.5), -2, 0.25, 3]),
            ModelFile.Section(tag: "IDS ", strings: ["a-001", "荆州日报-002", ""]),
        ]
    }

    @Test func roundTripsSectionsAligned() throws {
        let path = folder + "/m/model.zhuti"
        try ModelFile.write(sampleSections(), to: path)
        let file = try MappedModelFile(path: path)
        #expect(Array(try file.array("VECS", of: Float.self, count: 4)) == [1.5, -2, 0.25, 3])
        #expect(try file.strings("IDS ") == ["a-001", "荆州日报-002", ""])
        #expect(String(decoding: try file.bytes("META"), as: UTF8.self) == #"{"dims":2}"#)
        #expect(Int(bitPattern: try file.bytes("VECS").baseAddress) % 64 == 0)
        #expect(throws: ZhutiError.self) { try file.array("VECS", of: Float.self, count: 5) }
        #expect(throws: ZhutiError.self) { try file.bytes("NONE") }
    }

    @Test func writingTwiceGivesIdenticalBytes() throws {
        try ModelFile.write(sampleSections(), to: folder + "/a")
        try ModelFile.write(sampleSections(), to: folder + "/b")
        #expect(FileManager.default.contents(atPath: folder + "/a") == FileManager.default.contents(atPath: folder + "/b"))
    }

    @Test func refusesTruncatedAndCorruptFiles() throws {
        let path = folder + "/model.zhuti"
        try ModelFile.write(sampleSections(), to: path)
        let good = try #require(FileManager.default.contents(atPath: path))

        for cut in [0, 10, 30, good.count - 1] {
            _ = FileManager.default.createFile(atPath: path, contents: good.prefix(cut))
            let error = try #require(throws: ZhutiError.self) { try MappedModelFile(path: path) }
            #expect(error.kind == .corruptModel)
            #expect(error.description.hasPrefix(path + ": "))
        }
        // Flip one bit in every byte position past the magic: each must be caught.
        for position in stride(from: 8, to: good.count, by: 7) {
            var bad = good
            bad[position] ^= 0x10
            _ = FileManager.default.createFile(atPath: path, contents: bad)
            #expect(throws: ZhutiError.self, "bit flip at \(position)") { try MappedModelFile(path: path) }
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data("not a model at all, just text".utf8))
        let error = try #require(throws: ZhutiError.self) { try MappedModelFile(path: path) }
        #expect(error.message.contains("not a Zhuti model"))
    }

    @Test func missingModelIsNotFound() {
        let error = #expect(throws: ZhutiError.self) { try MappedModelFile(path: folder + "/absent.zhuti") }
        #expect(error?.kind == .notFound)
    }

    @Test func failedWriteLeavesExistingFile() throws {
        let path = folder + "/keep.zhuti"
        try ModelFile.write(sampleSections(), to: path)
        let before = FileManager.default.contents(atPath: path)
        // A directory squatting on the temporary name makes the write fail.
        try FileManager.default.createDirectory(atPath: path + ".tmp-\(getpid())", withIntermediateDirectories: true)
        #expect(throws: ZhutiError.self) { try ModelFile.write([ModelFile.Section(tag: "XXXX", bytes: [1])], to: path) }
        #expect(FileManager.default.contents(atPath: path) == before)
    }
}
