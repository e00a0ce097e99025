import Foundation
import Testing
@testable import Zhuti

/// The model loader refuses every corrupted file with a message and never traps: a seeded
/// mutation loop over a real model's sections, each mutated file written with valid checksums
/// (so the mutation reaches the parsers behind them, not just the checksum), plus raw byte
/// damage to whole files. A trap would end the test process, failing the run.
@Suite struct ModelLoaderFuzzTests {
    typealias Corpus = IntegrationCorpus

    static func bytes(of section: ModelFile.Section) -> [UInt8] { section.withBytes { Array($0) } }

    /// One mutation of one section's bytes, chosen by `random`.
    static func mutate(_ original: [UInt8], tag: String, random: inout SplitMix64) -> [UInt8] {
        var bytes = original
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(max(1, n))) }
        switch pick(tag == "META" ? 8 : 6) {
        case 0:  // flip a few bytes
            for _ in 0...pick(8) where !bytes.isEmpty { bytes[pick(bytes.count)] ^= UInt8(truncatingIfNeeded: random.next() | 1) }
        case 1:  // truncate
            bytes = Array(bytes.prefix(pick(bytes.count + 1)))
        case 2:  // extend with junk
            bytes += (0..<(1 + pick(64))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        case 3:  // a count or length field at the start set to an edge value
            let edge: [UInt32] = [0, 1, 0xFFFF_FFFF, 0x7FFF_FFFF, UInt32(bytes.count)]
            let value = edge[pick(edge.count)]
            for i in 0..<min(4, bytes.count) { bytes[i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
        case 4:  // an offset inside a string table or array set to an edge value
            if bytes.count >= 12 {
                let at = 4 + 4 * pick((bytes.count - 8) / 4)
                let value: UInt32 = [0, 0xFFFF_FFFF, 3, UInt32(bytes.count)][pick(4)]
                for i in 0..<4 { bytes[at + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i))) }
            }
        case 5:  // empty
            bytes = []
        default:  // META: a number in the JSON replaced by an absurd one
            var text = String(decoding: bytes, as: UTF8.self)
            let numbers = text.matches(of: /-?[0-9]+(\.[0-9]+)?/)
            if !numbers.isEmpty {
                let match = numbers[pick(numbers.count)]
                let absurd = ["0", "-1", "4611686018427387904", "99999999999999999999", "1e308", "2001", "3"][pick(7)]
                text.replaceSubrange(match.range, with: absurd)
            }
            bytes = Array(text.utf8)
        }
        return bytes
    }

    @Test func corruptedModelsAreRefusedNotTrapped() throws {
        let home = Corpus.Home("loader-fuzz")
        defer { home.remove() }
        let model = try Corpus.fit(try Corpus.library(in: home))
        let sections = try model.sections()
        let path = home.home.modelPath(named: "fuzz")
        try model.write(to: path)
        #expect(try LSAModel.load(path: path).documentIDs == model.documentIDs)

        var random = SplitMix64(seed: 2026_12)
        var refused = 0, loaded = 0
        var messages = Set<String>()
        for iteration in 0..<1500 {
            var mutated = sections
            let target = Int(random.next() % UInt64(sections.count))
            let tag = sections[target].tag
            switch random.next() % 10 {
            case 0: mutated.remove(at: target)  // a missing section
            case 1: mutated.append(ModelFile.Section(tag: tag, bytes: Self.bytes(of: sections[target])))  // twice
            default: mutated[target] = ModelFile.Section(tag: tag, bytes: Self.mutate(Self.bytes(of: sections[target]), tag: tag, random: &random))
            }
            try ModelFile.write(mutated, to: path)
            do {
                let candidate = try LSAModel.load(path: path)
                loaded += 1
                // A file that loads must also answer without trapping.
                if candidate.documentCount > 1 {
                    _ = SimilarityIndex(model: candidate).nearest(to: candidate.documentVector(0), k: 3)
                    _ = try? RelatedFinder(model: candidate, library: try Corpus.library(in: home)).related(toText: "招商引资项目签约", k: 3)
                }
                _ = candidate.foldIn(normalizedText: "生态治理河湖长制")
            } catch let error as ZhutiError {
                refused += 1
                #expect(!error.message.isEmpty && !error.message.contains("\n"), "iteration \(iteration): \(error.message)")
                messages.insert(error.kind.rawValue)
            }
        }
        #expect(refused > 500, "only \(refused) of 1500 corrupted files were refused")
        #expect(messages == ["corruptModel"], "\(messages)")

        // Raw damage to the whole file (header, table, sections) is caught by the checksums.
        try model.write(to: path)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        for _ in 0..<300 {
            var damaged = [UInt8](original)
            let at = Int(random.next() % UInt64(min(damaged.count, random.next() % 2 == 0 ? 512 : damaged.count)))
            damaged[at] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            if random.next() % 4 == 0 { damaged = Array(damaged.prefix(Int(random.next() % UInt64(damaged.count)))) }
            try Data(damaged).write(to: URL(fileURLWithPath: path))
            #expect(throws: ZhutiError.self) { try LSAModel.load(path: path) }
        }
        _ = loaded
    }
}
