import Foundation
import Testing
@testable import Zhuti

/// Shared fixtures and the Python peer used by the Export* suites.
enum ExportFixture {
    /// Titles a bad OCR run or a careless JSONL export can produce.
    static let hostileTitle = "He said \"no\" & <tag> \u{0001}bell\u{0007} line1\nline2\ttab\r\nend 😀 人民日报"
    /// The same title after XML/CSV sanitising: the two C0 controls become U+FFFD, tab/CR/LF stay.
    static let hostileTitleSanitized = "He said \"no\" & <tag> \u{FFFD}bell\u{FFFD} line1\nline2\ttab\r\nend 😀 人民日报"

    /// Four articles: two in one issue and theme, one with a hostile id, one with no metadata.
    static let nodes: [GraphNode] = [
        GraphNode(id: "rmrb-1958-03-01-1", title: hostileTitle, date: "1958-03-01", issue: "rmrb-1958-03-01",
                  paper: "人民日报", page: 1, themeID: 3, themeLabel: "大跃进 & <钢铁>"),
        GraphNode(id: "rmrb-1958-03-01-2", title: "全民炼钢", date: "1958-03-01", issue: "rmrb-1958-03-01",
                  paper: "人民日报", page: 2, themeID: 3, themeLabel: "大跃进 & <钢铁>"),
        GraphNode(id: "odd \"id\" & <x>,1", title: "Second, \"quoted\" title", date: "1958-04-12", issue: "rmrb-1958-04-12",
                  paper: "人民日报", page: 4, themeID: 7, themeLabel: "农业"),
        GraphNode(id: "bare", title: "无题"),
    ]

    static let edges: [GraphEdge] = [
        GraphEdge(source: 0, target: 1, weight: 0.91234567, duplicate: true),
        GraphEdge(source: 0, target: 2, weight: 0.25, duplicate: false),
        GraphEdge(source: 1, target: 2, weight: 1.0e-5, duplicate: false),
        GraphEdge(source: 2, target: 3, weight: -0.125, duplicate: false),
    ]

    /// A fresh directory; remove it with `removeTemporary` when done.
    static func temporaryDirectory(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("zhuti-export-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func removeTemporary(_ dir: String) {
        try? FileManager.default.removeItem(atPath: dir)
    }
}

/// Runs a Python 3 script (the real peer client) and returns its stdout parsed as JSON.
enum PythonPeer {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func run(_ script: String, _ arguments: [String]) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and stall the child.
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 exited \(process.terminationStatus): \(String(decoding: err, as: UTF8.self))")
        }
        return try JSONSerialization.jsonObject(with: out)
    }

    /// Fails the calling test with a clear message when networkx is missing (CI installs it).
    static func requireNetworkx() throws {
        if let problem = networkxProblem {
            Issue.record("networkx is required for the graph export tests: pip install networkx (\(problem))")
            throw Failure(description: problem)
        }
    }

    /// Checked once per test run: importing networkx costs about a second.
    private static let networkxProblem: String? = {
        do {
            _ = try run("import networkx, json; print(json.dumps([networkx.__version__]))", [])
            return nil
        } catch {
            return "\(error)"
        }
    }()

    /// Reads a written graph with networkx (or Python's csv module) and prints it canonically:
    /// {"nodes": {id: attrs}, "edges": [[u, v, attrs]], "directed": bool}.
    static let readGraph = #"""
import sys, json, csv
fmt, paths = sys.argv[1], sys.argv[2:]
if fmt == "csv":
    with open(paths[0], newline="", encoding="utf-8") as f:
        node_rows = list(csv.DictReader(f))
    with open(paths[1], newline="", encoding="utf-8") as f:
        edge_rows = list(csv.DictReader(f))
    nodes = {r["id"]: {k: v for k, v in r.items() if k != "id"} for r in node_rows}
    edges = [[r["source"], r["target"], {"weight": float(r["weight"]), "duplicate": r["duplicate"]}] for r in edge_rows]
    print(json.dumps({"nodes": nodes, "edges": edges, "directed": False, "node_rows": len(node_rows)}))
    sys.exit(0)
import networkx as nx
if fmt == "graphml":
    G = nx.read_graphml(paths[0])
elif fmt == "gexf":
    G = nx.read_gexf(paths[0])
elif fmt == "json":
    with open(paths[0], encoding="utf-8") as f:
        G = nx.node_link_graph(json.load(f))
else:
    raise SystemExit("unknown format " + fmt)
nodes = {str(n): dict(d) for n, d in G.nodes(data=True)}
edges = [[str(u), str(v), {k: val for k, val in d.items()}] for u, v, d in G.edges(data=True)]
graph = {k: v for k, v in G.graph.items() if isinstance(v, (str, int, float, bool))}
print(json.dumps({"nodes": nodes, "edges": edges, "directed": G.is_directed(),
                  "multigraph": G.is_multigraph(), "graph": graph}))
"""#

    /// Lays a DOT file out with Graphviz (`dot -Tjson0`) and prints its nodes (name, decoded
    /// label, attributes) and edges (tail/head names, attributes).
    static let readDOT = #"""
import sys, json, re, subprocess
out = subprocess.run(["dot", "-Tjson0", sys.argv[1]], check=True, capture_output=True).stdout
d = json.loads(out)
def unescape(s):
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), s)
objs = d.get("objects", [])
nodes = {unescape(o["name"]): {k: (unescape(v) if isinstance(v, str) else v) for k, v in o.items()} for o in objs}
edges = [[unescape(objs[e["tail"]]["name"]), unescape(objs[e["head"]]["name"]), e] for e in d.get("edges", [])]
print(json.dumps({"name": d.get("name"), "directed": d.get("directed"), "nodes": nodes, "edges": edges}))
"""#
}

/// Typed access to the JSON the peer printed.
struct PeerGraph {
    var nodes: [String: [String: Any]]
    /// Keyed by the unordered endpoint pair "u|v" with u < v.
    var edges: [String: [String: Any]]
    var edgeCount: Int
    var raw: [String: Any]

    init(_ json: Any) throws {
        let object = try #require(json as? [String: Any])
        raw = object
        nodes = try #require(object["nodes"] as? [String: [String: Any]])
        let list = try #require(object["edges"] as? [[Any]])
        edgeCount = list.count
        var map: [String: [String: Any]] = [:]
        for item in list {
            let u = try #require(item[0] as? String), v = try #require(item[1] as? String)
            map[PeerGraph.key(u, v)] = try #require(item[2] as? [String: Any])
        }
        edges = map
    }

    static func key(_ u: String, _ v: String) -> String { u < v ? "\(u)|\(v)" : "\(v)|\(u)" }

    func edge(_ u: String, _ v: String) -> [String: Any]? { edges[PeerGraph.key(u, v)] }
}
