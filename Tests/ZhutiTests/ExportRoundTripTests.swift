import Foundation
import Testing
@testable import Zhuti

/// Every format written by GraphWriter, read back by a real client.
@Suite struct ExportRoundTripTests {
    let nodes = ExportFixture.nodes
    let edges = ExportFixture.edges

    private func write(_ format: GraphFormat, in dir: String) throws -> GraphWriteSummary {
        try GraphWriter.write(nodes: nodes, edges: edges, format: format,
                              to: "\(dir)/graph.\(format.fileExtension)", graphName: "rmrb & <1958>")
    }

    /// Checks what every networkx-read format must carry; `title` names where the title lives.
    private func checkCommon(_ g: PeerGraph, title: String, expectedTitle: String) throws {
        #expect(g.nodes.count == 4)
        #expect(g.edgeCount == 4)
        #expect(g.raw["directed"] as? Bool == false)

        let first = try #require(g.nodes["rmrb-1958-03-01-1"])
        #expect(first[title] as? String == expectedTitle)
        #expect(first["date"] as? String == "1958-03-01")
        #expect(first["issue"] as? String == "rmrb-1958-03-01")
        #expect(first["paper"] as? String == "人民日报")
        #expect(first["page"] as? Int == 1)
        #expect(first["theme_id"] as? Int == 3)
        #expect(first["theme_label"] as? String == "大跃进 & <钢铁>")

        let odd = try #require(g.nodes["odd \"id\" & <x>,1"])
        #expect(odd[title] as? String == "Second, \"quoted\" title")
        #expect(odd["page"] as? Int == 4)

        // Missing metadata is absent, not an empty string or a zero.
        let bare = try #require(g.nodes["bare"])
        #expect(bare[title] as? String == "无题")
        #expect(bare["date"] == nil)
        #expect(bare["page"] == nil)
        #expect(bare["theme_id"] == nil)

        let expected: [(String, String, Double, Bool)] = [
            ("rmrb-1958-03-01-1", "rmrb-1958-03-01-2", 0.91234567, true),
            ("rmrb-1958-03-01-1", "odd \"id\" & <x>,1", 0.25, false),
            ("rmrb-1958-03-01-2", "odd \"id\" & <x>,1", 1.0e-5, false),
            ("odd \"id\" & <x>,1", "bare", -0.125, false),
        ]
        for (u, v, weight, duplicate) in expected {
            let edge = try #require(g.edge(u, v), "missing edge \(u) -- \(v)")
            let w = try #require(edge["weight"] as? Double)
            #expect(abs(w - weight) < 1e-5, "weight of \(u) -- \(v): \(w)")
            #expect(edge["duplicate"] as? Bool == duplicate)
        }
    }

    @Test func graphMLReadsBackWithNetworkx() throws {
        try PythonPeer.requireNetworkx()
        let dir = try ExportFixture.temporaryDirectory("graphml")
        defer { ExportFixture.removeTemporary(dir) }
        let summary = try write(.graphml, in: dir)
        #expect(summary.files == ["\(dir)/graph.graphml"])
        #expect(summary.edgeCount == 4)
        let g = try PeerGraph(PythonPeer.run(PythonPeer.readGraph, ["graphml", "\(dir)/graph.graphml"]))
        try checkCommon(g, title: "title", expectedTitle: ExportFixture.hostileTitleSanitized)
        #expect(g.raw["multigraph"] as? Bool == false)
        let text = try String(contentsOfFile: "\(dir)/graph.graphml", encoding: .utf8)
        #expect(text.contains(#"<key id="page" for="node" attr.name="page" attr.type="int"/>"#))
        #expect(text.contains(#"<key id="duplicate" for="edge" attr.name="duplicate" attr.type="boolean"/>"#))
        #expect(text.contains(#"edgedefault="undirected""#))
    }

    @Test func gexfReadsBackWithNetworkxAndCarriesTimeline() throws {
        try PythonPeer.requireNetworkx()
        let dir = try ExportFixture.temporaryDirectory("gexf")
        defer { ExportFixture.removeTemporary(dir) }
        _ = try write(.gexf, in: dir)
        let g = try PeerGraph(PythonPeer.run(PythonPeer.readGraph, ["gexf", "\(dir)/graph.gexf"]))
        // GEXF keeps the title as the node label Gephi shows.
        try checkCommon(g, title: "label", expectedTitle: ExportFixture.hostileTitleSanitized)
        let graph = try #require(g.raw["graph"] as? [String: Any])
        #expect(graph["mode"] as? String == "dynamic")
        #expect(g.nodes["rmrb-1958-03-01-1"]?["start"] as? String == "1958-03-01")
        #expect(g.nodes["odd \"id\" & <x>,1"]?["start"] as? String == "1958-04-12")
        #expect(g.nodes["bare"]?["start"] == nil)
        let text = try String(contentsOfFile: "\(dir)/graph.gexf", encoding: .utf8)
        #expect(text.contains(#"<gexf xmlns="http://gexf.net/1.3""#))
        #expect(text.contains(#"version="1.3""#))
        #expect(text.contains(#"timeformat="date""#))
        #expect(text.contains(#"<attribute id="theme_id" title="theme_id" type="integer"/>"#))
    }

    @Test func gexfWithoutDatesIsStatic() throws {
        try PythonPeer.requireNetworkx()
        let dir = try ExportFixture.temporaryDirectory("gexf-static")
        defer { ExportFixture.removeTemporary(dir) }
        let undated = [GraphNode(id: "a", title: "甲", date: "1958年3月"), GraphNode(id: "b", title: "乙")]
        try GraphWriter.write(nodes: undated, edges: [GraphEdge(source: 0, target: 1, weight: 0.5)],
                              format: .gexf, to: "\(dir)/s.gexf", graphName: "s")
        let g = try PeerGraph(PythonPeer.run(PythonPeer.readGraph, ["gexf", "\(dir)/s.gexf"]))
        #expect((g.raw["graph"] as? [String: Any])?["mode"] as? String == "static")
        // A non-ISO date stays an attribute but is not used as a timeline start.
        #expect(g.nodes["a"]?["date"] as? String == "1958年3月")
        #expect(g.nodes["a"]?["start"] == nil)
        #expect(g.edgeCount == 1)
    }

    @Test func nodeLinkJSONReadsBackWithNetworkx() throws {
        try PythonPeer.requireNetworkx()
        let dir = try ExportFixture.temporaryDirectory("json")
        defer { ExportFixture.removeTemporary(dir) }
        _ = try write(.json, in: dir)
        let g = try PeerGraph(PythonPeer.run(PythonPeer.readGraph, ["json", "\(dir)/graph.json"]))
        // JSON escaping is lossless: even the control characters survive.
        try checkCommon(g, title: "title", expectedTitle: ExportFixture.hostileTitle)
        #expect(g.raw["multigraph"] as? Bool == false)
        #expect((g.raw["graph"] as? [String: Any])?["name"] as? String == "rmrb & <1958>")
    }

    @Test func csvReadsBackWithPythonCSV() throws {
        let dir = try ExportFixture.temporaryDirectory("csv")
        defer { ExportFixture.removeTemporary(dir) }
        let summary = try write(.csv, in: dir)
        #expect(summary.files == ["\(dir)/graph.nodes.csv", "\(dir)/graph.csv"])
        let g = try PeerGraph(PythonPeer.run(PythonPeer.readGraph, ["csv", "\(dir)/graph.nodes.csv", "\(dir)/graph.csv"]))
        #expect(g.raw["node_rows"] as? Int == 4)
        #expect(g.edgeCount == 4)
        let first = try #require(g.nodes["rmrb-1958-03-01-1"])
        #expect(first["title"] as? String == ExportFixture.hostileTitleSanitized)
        #expect(first["page"] as? String == "1")
        #expect(first["theme_id"] as? String == "3")
        #expect(first["theme_label"] as? String == "大跃进 & <钢铁>")
        #expect(g.nodes["odd \"id\" & <x>,1"]?["title"] as? String == "Second, \"quoted\" title")
        #expect(g.nodes["bare"]?["date"] as? String == "")
        #expect(g.nodes["bare"]?["page"] as? String == "")

        let dup = try #require(g.edge("rmrb-1958-03-01-1", "rmrb-1958-03-01-2"))
        #expect(abs((dup["weight"] as? Double ?? 0) - 0.91234567) < 1e-5)
        #expect(dup["duplicate"] as? String == "true")
        let odd = try #require(g.edge("odd \"id\" & <x>,1", "bare"))
        #expect(abs((odd["weight"] as? Double ?? 0) + 0.125) < 1e-5)
        #expect(odd["duplicate"] as? String == "false")

        let edgesText = try String(contentsOfFile: "\(dir)/graph.csv", encoding: .utf8)
        #expect(edgesText.hasPrefix("source,target,weight,duplicate\r\n"))
        #expect(edgesText.contains("\r\n\"odd \"\"id\"\" & <x>,1\",bare,-0.125,false\r\n"))
    }

    @Test func dotParsesAndRendersWithGraphviz() throws {
        let dir = try ExportFixture.temporaryDirectory("dot")
        defer { ExportFixture.removeTemporary(dir) }
        _ = try write(.dot, in: dir)
        let text = try String(contentsOfFile: "\(dir)/graph.dot", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == #"graph "rmrb & <1958>" {"#)
        #expect(text.hasSuffix("}\n"))
        // One statement per line: 4 node lines, 4 edge lines, header, footer, trailing empty.
        #expect(lines.count == 11)
        #expect(lines.filter { $0.contains(" -- ") }.count == 4)
        #expect(DOTScan.isBalanced(text))
        #expect(text.contains(#"  "odd \"id\" & <x>,1" -- "bare" [similarity="-0.125", duplicate=false];"#))

        guard DOTScan.hasGraphviz else {
            print("skipping Graphviz render: `dot` is not installed")
            return
        }
        let g = try PeerGraph(PythonPeer.run(PythonPeer.readDOT, ["\(dir)/graph.dot"]))
        #expect(g.nodes.count == 4)
        #expect(g.edgeCount == 4)
        #expect(g.raw["name"] as? String == "rmrb & <1958>")
        // Graphviz turns CRLF into its \n line break; the control characters became U+FFFD.
        let expectedLabel = "He said \"no\" & <tag> \u{FFFD}bell\u{FFFD} line1\nline2\ttab\nend 😀 人民日报"
        #expect(g.nodes["rmrb-1958-03-01-1"]?["label"] as? String == expectedLabel)
        #expect(g.nodes["rmrb-1958-03-01-1"]?["theme_label"] as? String == "大跃进 & <钢铁>")
        let dup = try #require(g.edge("rmrb-1958-03-01-1", "rmrb-1958-03-01-2"))
        #expect(abs((Double(dup["similarity"] as? String ?? "") ?? 0) - 0.91234567) < 1e-5)
        #expect(dup["duplicate"] as? String == "true")
        #expect(g.edge("rmrb-1958-03-01-2", "odd \"id\" & <x>,1")?["similarity"] as? String == "1e-05")
    }

    @Test func emptyGraphIsValidInEveryFormat() throws {
        try PythonPeer.requireNetworkx()
        let dir = try ExportFixture.temporaryDirectory("empty")
        defer { ExportFixture.removeTemporary(dir) }
        for format in GraphFormat.allCases {
            let summary = try GraphWriter.write(nodes: [], edges: [], format: format, to: "\(dir)/e.\(format.rawValue)", graphName: "")
            #expect(summary.nodeCount == 0 && summary.edgeCount == 0)
        }
        let counts = try PythonPeer.run(#"""
import sys, json, networkx as nx
d = sys.argv[1]
gs = [nx.read_graphml(d + "/e.graphml"), nx.read_gexf(d + "/e.gexf"), nx.node_link_graph(json.load(open(d + "/e.json")))]
print(json.dumps([[g.number_of_nodes(), g.number_of_edges()] for g in gs]))
"""#, [dir]) as? [[Int]]
        #expect(counts == [[0, 0], [0, 0], [0, 0]])
        #expect(try String(contentsOfFile: "\(dir)/e.csv", encoding: .utf8) == "source,target,weight,duplicate\r\n")
        #expect(try String(contentsOfFile: "\(dir)/e.dot", encoding: .utf8) == "graph \"\" {\n}\n")
    }

    @Test func sameInputGivesByteIdenticalFiles() throws {
        let dir = try ExportFixture.temporaryDirectory("determinism")
        defer { ExportFixture.removeTemporary(dir) }
        for format in GraphFormat.allCases {
            let a = try GraphWriter.write(nodes: nodes, edges: edges, format: format, to: "\(dir)/a.\(format.rawValue)", graphName: "g")
            let b = try GraphWriter.write(nodes: nodes, edges: edges, format: format, to: "\(dir)/b.\(format.rawValue)", graphName: "g")
            for (x, y) in zip(a.files, b.files) {
                #expect(FileManager.default.contentsEqual(atPath: x, andPath: y), "\(format) differs")
            }
        }
    }
}

/// Structural checks on DOT text that need no Graphviz.
enum DOTScan {
    /// Braces and brackets balance outside quoted strings, and every quoted string closes.
    static func isBalanced(_ text: String) -> Bool {
        var depth = 0, brackets = 0
        var inString = false, escaped = false
        for byte in text.utf8 {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"): depth -= 1; if depth < 0 { return false }
            case UInt8(ascii: "["): brackets += 1
            case UInt8(ascii: "]"): brackets -= 1; if brackets < 0 { return false }
            default: break
            }
        }
        return depth == 0 && brackets == 0 && !inString
    }

    static var hasGraphviz: Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sh", "-c", "command -v dot"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
