import Foundation
import Testing

/// The engine's folders depend on each other one way (docs/architecture.md): a folder
/// depends on another when one of its files names a type declared there. No cycles, and
/// none pointing against the pipeline.
@Suite struct ArchitectureTests {
    static let engine = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Zhuti")

    /// The order the pipeline gives: a folder may use only folders before it.
    static let layers = ["Support", "Corpus", "Vectorize", "Decompose", "Store", "Query", "Themes", "Export"]

    static func dependencies() throws -> [String: Set<String>] {
        let manager = FileManager.default
        var files: [String: [String]] = [:]  // folder -> file texts
        for folder in try manager.contentsOfDirectory(atPath: engine.path) {
            let url = engine.appendingPathComponent(folder)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            files[folder] = try manager.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".swift") }
                .map { try String(contentsOf: url.appendingPathComponent($0), encoding: .utf8) }
        }
        var owner: [String: String] = [:]  // type -> folder declaring it
        let declaration = try Regex(#"(?m)^(?:public |internal |private |fileprivate )?(?:final )?(?:struct|class|enum|protocol|typealias|actor) ([A-Z][A-Za-z0-9_]*)"#)
        for (folder, texts) in files {
            for text in texts {
                for match in text.matches(of: declaration) {
                    if let name = match.output[1].substring { owner[String(name)] = folder }
                }
            }
        }
        let identifier = try Regex(#"\b[A-Z][A-Za-z0-9_]*\b"#)
        var edges: [String: Set<String>] = [:]
        for (folder, texts) in files {
            for text in texts {
                // Comments name types too; only code counts.
                let code = text.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { line in line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line) }.joined(separator: "\n")
                for match in code.matches(of: identifier) {
                    if let other = owner[String(code[match.range])], other != folder { edges[folder, default: []].insert(other) }
                }
            }
        }
        return edges
    }

    @Test func foldersDependOneWay() throws {
        let edges = try Self.dependencies()
        #expect(!edges.isEmpty)
        for (folder, targets) in edges {
            let rank = try #require(Self.layers.firstIndex(of: folder), "a folder docs/architecture.md does not place: \(folder)")
            for target in targets {
                let targetRank = try #require(Self.layers.firstIndex(of: target))
                #expect(targetRank < rank, "\(folder) uses \(target), which comes after it")
            }
        }
    }
}
