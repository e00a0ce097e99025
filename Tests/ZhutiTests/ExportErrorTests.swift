import Foundation
import Testing
@testable import Zhuti

/// Errors, atomic replacement, the size warning, and the escaping primitives.
@Suite struct ExportErrorTests {
    let nodes = ExportFixture.nodes
    let edges = ExportFixture.edges

    @Test func unknownFormatIsABadOption() throws {
        #expect(throws: ZhutiError(.badOption, "unknown graph format 'pdf' (expected graphml, gexf, json, csv or dot)")) {
            try GraphFormat(parsing: "pdf")
        }
        #expect(try GraphFormat(parsing: " GEXF ") == .gexf)
        #expect(try GraphFormat.parseList("graphml,gexf,graphml") == [.graphml, .gexf])
        #expect(throws: ZhutiError.self) { try GraphFormat.parseList("graphml,svg") }
        #expect(throws: ZhutiError.self) { try GraphFormat.parseList(",") }
        #expect(GraphFormat(inferringFrom: "out/g.GraphML") == .graphml)
        #expect(GraphFormat(inferringFrom: "g.gv") == .dot)
        #expect(GraphFormat(inferringFrom: "g.txt") == nil)
        #expect(GraphFormat(inferringFrom: "dir.json/graph") == nil)
    }

    @Test func unwritablePathIsAnIOErrorNamingTheFile() {
        for format in GraphFormat.allCases {
            let path = "/nonexistent-dir/x.\(format.rawValue)"
            do {
                try GraphWriter.write(nodes: nodes, edges: edges, format: format, to: path, graphName: "g")
                Issue.record("writing to \(path) should fail")
            } catch let error as ZhutiError {
                #expect(error.kind == .io)
                #expect(error.description.hasPrefix("/nonexistent-dir/x."), "\(error)")
                #expect(error.description.contains("No such file or directory"), "\(error)")
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func failedWriteLeavesTheOldFileAndNoTemporaryFile() throws {
        let dir = try ExportFixture.temporaryDirectory("atomic")
        defer { ExportFixture.removeTemporary(dir) }
        let badEdges = edges + [GraphEdge(source: 1, target: 99, weight: 0.5)]
        for format in GraphFormat.allCases {
            let path = "\(dir)/graph.\(format.rawValue)"
            let previous = GraphWriter.outputFiles(for: path, format: format)
            for file in previous { try Data("old \(file)".utf8).write(to: URL(fileURLWithPath: file)) }
            #expect(throws: ZhutiError(.badInput, "edge 1-99 refers to a node outside 0..<4")) {
                try GraphWriter.write(nodes: nodes, edges: badEdges, format: format, to: path, graphName: "g")
            }
            for file in previous {
                #expect(try String(contentsOfFile: file, encoding: .utf8) == "old \(file)")
            }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
        #expect(leftovers == [])
        // Six old files: one per format plus CSV's node table.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 6)
    }

    @Test func successfulWriteReplacesTheFileAndCleansUp() throws {
        let dir = try ExportFixture.temporaryDirectory("replace")
        defer { ExportFixture.removeTemporary(dir) }
        let path = "\(dir)/graph.json"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try GraphWriter.write(nodes: nodes, edges: edges, format: .json, to: path, graphName: "g")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix(#"{"directed":false,"multigraph":false,"graph":{"name":"g"},"#))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["graph.json"])
    }

    @Test func invalidGraphsAreRejected() throws {
        let dir = try ExportFixture.temporaryDirectory("invalid")
        defer { ExportFixture.removeTemporary(dir) }
        #expect(throws: ZhutiError(.badInput, "edge 2-2 is a self-loop")) {
            try GraphWriter.write(nodes: nodes, edges: [GraphEdge(source: 2, target: 2, weight: 1)],
                                  format: .graphml, to: "\(dir)/a.graphml", graphName: "g")
        }
        #expect(throws: ZhutiError(.badInput, "edge 0-1 has a non-finite weight")) {
            try GraphWriter.write(nodes: nodes, edges: [GraphEdge(source: 0, target: 1, weight: .infinity)],
                                  format: .json, to: "\(dir)/a.json", graphName: "g")
        }
        #expect(throws: ZhutiError(.badInput, "duplicate node id 'x' (node 1): graph node ids must be unique")) {
            try GraphWriter.write(nodes: [GraphNode(id: "x", title: "1"), GraphNode(id: "x", title: "2")], edges: [],
                                  format: .gexf, to: "\(dir)/a.gexf", graphName: "g")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [])
    }

    @Test func csvPathChoices() throws {
        #expect(GraphWriter.outputFiles(for: "out/g.csv", format: .csv) == ["out/g.nodes.csv", "out/g.csv"])
        #expect(GraphWriter.outputFiles(for: "out/edges", format: .csv) == ["out/edges.nodes.csv", "out/edges"])
        #expect(GraphWriter.outputFiles(for: "out/", format: .csv) == ["out/nodes.csv", "out/edges.csv"])
        #expect(GraphWriter.outputFiles(for: "out/g.gexf", format: .gexf) == ["out/g.gexf"])
        let dir = try ExportFixture.temporaryDirectory("csvdir")
        defer { ExportFixture.removeTemporary(dir) }
        let summary = try GraphWriter.write(nodes: nodes, edges: edges, format: .csv, to: dir, graphName: "g")
        #expect(summary.files == ["\(dir)/nodes.csv", "\(dir)/edges.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["edges.csv", "nodes.csv"])
    }

    @Test func largeGraphWarning() throws {
        #expect(GraphWriter.warningIfLarge(edgeCount: 1_000_000) == nil)
        #expect(GraphWriter.warningIfLarge(edgeCount: 0) == nil)
        let warning = try #require(GraphWriter.warningIfLarge(edgeCount: 1_000_001))
        #expect(ZhutiError.Parameter.render(warning, naming: { "--" + $0.rawValue }) ==
            "warning: the graph will have 1000001 edges; thin it with --knn K (smaller) or --threshold T (higher) or --mutual")
        #expect(ZhutiError.Parameter.render(warning, naming: { "<\($0.rawValue)>" }).hasSuffix("<knn> K (smaller) or <threshold> T (higher) or <mutual>"))
    }

    @Test func escapingPrimitives() {
        func run(_ f: (String, inout [UInt8]) -> Void, _ s: String) -> String {
            var out: [UInt8] = []
            f(s, &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(run(OutputEscaping.appendXML, "a&b<c>\"d\"\u{0}\u{1F}\t\n\r\u{FFFE}é中") ==
            "a&amp;b&lt;c&gt;&quot;d&quot;\u{FFFD}\u{FFFD}&#9;&#10;&#13;\u{FFFD}é中")
        #expect(run(OutputEscaping.appendJSONString, "q\"\\/\u{8}\u{C}\n\r\t\u{1}😀") == #""q\"\\/\b\f\n\r\t\u0001😀""#)
        #expect(run(OutputEscaping.appendCSVField, "plain 中文") == "plain 中文")
        #expect(run(OutputEscaping.appendCSVField, "a,\"b\"\n\u{0}") == "\"a,\"\"b\"\"\n\u{FFFD}\"")
        #expect(run(OutputEscaping.appendDOTString, "a\"b\\c\r\nd\ne\u{1}") == #""a\"b\\c\nd\ne"# + "\u{FFFD}\"")
        #expect(run({ OutputEscaping.appendInt(Int($0)!, to: &$1) }, "-9876543210") == "-9876543210")
        #expect(run({ _, out in OutputEscaping.appendInt(0, to: &out) }, "") == "0")
        #expect(run({ _, out in OutputEscaping.appendFloat(0.25, to: &out) }, "") == "0.25")
        #expect(OutputEscaping.isISODate("1958-03-01"))
        #expect(!OutputEscaping.isISODate("1958-13-01"))
        #expect(!OutputEscaping.isISODate("1958-3-1"))
    }
}
