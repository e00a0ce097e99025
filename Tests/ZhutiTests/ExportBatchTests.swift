import Foundation
import Testing
@testable import Zhuti

/// `zhuti graph --batch`: subgraphs per group, the whole archive, and index.json.
@Suite struct ExportBatchTests {
    /// Two issues in March, one in April; themes 3 and 7; one article with nothing.
    let nodes: [GraphNode] = [
        GraphNode(id: "a", title: "甲", date: "1958-03-01", issue: "i/1", paper: "人民日报", page: 1, themeID: 7, themeLabel: "农业"),
        GraphNode(id: "b", title: "乙", date: "1958-03-01", issue: "i/1", paper: "人民日报", page: 2, themeID: 3, themeLabel: "钢铁"),
        GraphNode(id: "c", title: "丙", date: "1958-03-09", issue: "i/2", paper: "人民日报", page: 1, themeID: 3, themeLabel: "钢铁"),
        GraphNode(id: "d", title: "丁", date: "1958-04-02", issue: "i/3", paper: "人民日报", page: 1, themeID: 7, themeLabel: "农业"),
        GraphNode(id: "e", title: "戊"),
    ]
    let edges: [GraphEdge] = [
        GraphEdge(source: 0, target: 1, weight: 0.9),
        GraphEdge(source: 0, target: 3, weight: 0.6),
        GraphEdge(source: 1, target: 2, weight: 0.8, duplicate: true),
        GraphEdge(source: 2, target: 4, weight: 0.2),
    ]

    private func readIndex(_ dir: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/index.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test func byIssueWritesEachIssueAndTheWholeArchive() throws {
        try PythonPeer.requireNetworkx()
        let base = try ExportFixture.temporaryDirectory("batch-issue")
        defer { ExportFixture.removeTemporary(base) }
        // The batch creates missing parent directories.
        let dir = base + "/out/nested"
        let entries = try GraphBatchExporter.export(nodes: nodes, edges: edges, by: .issue,
                                                    formats: [.graphml, .csv], to: dir)
        let index = try readIndex(dir)
        #expect(index.count == 4)
        #expect(entries.count == 4)
        #expect(index.map { $0["group"] as? String } == ["all", "i/1", "i/2", "i/3"])
        #expect(index.map { $0["kind"] as? String } == ["all", "issue", "issue", "issue"])
        #expect(index.map { $0["nodes"] as? Int } == [5, 2, 1, 1])
        // i/1 holds a-b; b-c and a-d cross issues.
        #expect(index.map { $0["edges"] as? Int } == [4, 1, 0, 0])
        #expect(index[0]["files"] as? [String] == ["all.graphml", "all.nodes.csv", "all.csv"])
        // The slash in the issue id cannot be part of a file name.
        #expect(index[1]["files"] as? [String] == ["issue-i_1.graphml", "issue-i_1.nodes.csv", "issue-i_1.csv"])
        for entry in index {
            for file in entry["files"] as? [String] ?? [] {
                #expect(FileManager.default.fileExists(atPath: "\(dir)/\(file)"), "missing \(file)")
            }
        }

        let issue1 = try PeerGraph(PythonPeer.run(PythonPeer.readGraph, ["graphml", "\(dir)/issue-i_1.graphml"]))
        #expect(Set(issue1.nodes.keys) == ["a", "b"])
        #expect(issue1.edgeCount == 1)
        #expect(abs((issue1.edge("a", "b")?["weight"] as? Double ?? 0) - 0.9) < 1e-6)
        let all = try PeerGraph(PythonPeer.run(PythonPeer.readGraph, ["graphml", "\(dir)/all.graphml"]))
        #expect(all.nodes.count == 5)
        #expect(all.edgeCount == 4)
        #expect(all.edge("b", "c")?["duplicate"] as? Bool == true)
    }

    @Test func byThemeAndByMonth() throws {
        let dir = try ExportFixture.temporaryDirectory("batch-theme")
        defer { ExportFixture.removeTemporary(dir) }
        let themes = try GraphBatchExporter.export(nodes: nodes, edges: edges, by: .theme, formats: [.json], to: dir)
        // Themes come in id order; "e" has no theme and is only in the whole graph.
        #expect(themes.map(\.group) == ["all", "3", "7"])
        #expect(themes.map(\.label) == [nil, "钢铁", "农业"])
        #expect(themes.map(\.nodes) == [5, 2, 2])
        #expect(themes.map(\.edges) == [4, 1, 1])  // theme 3: b-c; theme 7: a-d
        let index = try readIndex(dir)
        #expect(index[1]["label"] as? String == "钢铁")
        #expect(index[1]["files"] as? [String] == ["theme-3.json"])

        // The theme-3 subgraph renumbers its nodes: its only edge joins its own two nodes.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/theme-3.json"))) as? [String: Any]
        let links = try #require(json?["edges"] as? [[String: Any]])
        #expect(links.count == 1)
        #expect(links.first?["source"] as? String == "b")
        #expect(links.first?["target"] as? String == "c")
        #expect(links.first?["duplicate"] as? Bool == true)

        let monthDir = try ExportFixture.temporaryDirectory("batch-month")
        defer { ExportFixture.removeTemporary(monthDir) }
        let months = try GraphBatchExporter.export(nodes: nodes, edges: edges, by: .month, formats: [.gexf, .dot], to: monthDir)
        #expect(months.map(\.group) == ["all", "1958-03", "1958-04"])
        #expect(months.map(\.nodes) == [5, 3, 1])
        #expect(months.map(\.edges) == [4, 2, 0])
        #expect(months[1].files == ["month-1958-03.gexf", "month-1958-03.dot"])
    }

    @Test func batchErrors() throws {
        let dir = try ExportFixture.temporaryDirectory("batch-errors")
        defer { ExportFixture.removeTemporary(dir) }
        let file = "\(dir)/plain-file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: ZhutiError.self) {
            try GraphBatchExporter.export(nodes: nodes, edges: edges, by: .issue, formats: [.json], to: file)
        }
        #expect(throws: ZhutiError.self) {
            try GraphBatchExporter.export(nodes: nodes, edges: edges, by: .issue, formats: [], to: dir)
        }
        #expect(throws: ZhutiError(.badOption, "unknown grouping 'year' (expected issue, theme or month)")) {
            try GraphGrouping(parsing: "year")
        }
        #expect(try GraphGrouping(parsing: "Month") == .month)
    }

    @Test func clashingGroupNamesGetDistinctFiles() throws {
        let dir = try ExportFixture.temporaryDirectory("batch-clash")
        defer { ExportFixture.removeTemporary(dir) }
        // "a/b" and "a:b" both sanitise to "a_b"; "A_B" differs only in case; "x.nodes" would
        // collide with the CSV node table of issue "x".
        let clashing = [
            GraphNode(id: "1", title: "t", issue: "a/b"), GraphNode(id: "2", title: "t", issue: "a:b"),
            GraphNode(id: "3", title: "t", issue: "A_B"), GraphNode(id: "4", title: "t", issue: "x"),
            GraphNode(id: "5", title: "t", issue: "x.nodes"),
        ]
        let entries = try GraphBatchExporter.export(nodes: clashing, edges: [], by: .issue, formats: [.csv], to: dir)
        #expect(entries.map(\.group) == ["all", "A_B", "a/b", "a:b", "x", "x.nodes"])
        #expect(entries.map { $0.files.last } == ["all.csv", "issue-A_B.csv", "issue-a_b-2.csv", "issue-a_b-3.csv",
                                                  "issue-x.csv", "issue-x.nodes-2.csv"])
        let files = Set(entries.flatMap(\.files))
        #expect(files.count == 12)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).count == 13)  // + index.json
    }

    @Test func fileNamesStaySafeAndUnique() {
        #expect(GraphBatchExporter.safeFileName("../etc/passwd") == "_._etc_passwd")
        #expect(GraphBatchExporter.safeFileName("人民日报:1958") == "人民日报_1958")
        #expect(GraphBatchExporter.safeFileName("") == "_")
        #expect(GraphBatchExporter.safeFileName(String(repeating: "报", count: 60)).utf8.count == 99)
        #expect(GraphBatchExporter.monthKey("1958-03-01") == "1958-03")
        #expect(GraphBatchExporter.monthKey("1958-03") == "1958-03")
        #expect(GraphBatchExporter.monthKey("1958年3月") == nil)
        #expect(GraphBatchExporter.monthKey("19580301") == nil)
    }
}
