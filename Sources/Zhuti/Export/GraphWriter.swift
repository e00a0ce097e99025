import Foundation

/// What one `GraphWriter.write` call produced.
public struct GraphWriteSummary: Sendable, Equatable {
    /// Every file written, in the order they were published (CSV: node table, then edges).
    public var files: [String]
    public var nodeCount: Int
    public var edgeCount: Int
}

/// Streams a similarity graph to GraphML, GEXF 1.3, networkx node-link JSON, CSV or DOT.
///
/// Nodes are written first, then edges, through a 1 MB buffer into `<path>.tmp-<pid>`, which
/// is renamed to `path` only when complete; on any error the temporary file is removed and
/// an existing file at `path` is left as it was. The document is never held in memory: the
/// only per-graph state is the nodes' escaped ids (so each edge can name its endpoints).
///
/// Edges are taken as given (use `SimilarityGraphBuilder` to dedupe them); an edge whose
/// endpoints are out of range or equal, or whose weight is not finite, throws `.badInput`.
/// Node ids must be unique.
public enum GraphWriter {
    /// Edge count above which `warningIfLarge` speaks up.
    public static let largeEdgeCount = 1_000_000

    @discardableResult
    public static func write(nodes: [GraphNode], edges: some Sequence<GraphEdge>, format: GraphFormat,
                             to path: String, graphName: String) throws -> GraphWriteSummary {
        try checkUniqueIDs(nodes)
        switch format {
        case .graphml:
            return try writeSingle(path: path, nodes: nodes) { sink in
                try GraphMLFormat.write(nodes: nodes, edges: edges, graphName: graphName, to: sink)
            }
        case .gexf:
            return try writeSingle(path: path, nodes: nodes) { sink in
                try GEXFFormat.write(nodes: nodes, edges: edges, graphName: graphName, to: sink)
            }
        case .json:
            return try writeSingle(path: path, nodes: nodes) { sink in
                try NodeLinkJSONFormat.write(nodes: nodes, edges: edges, graphName: graphName, to: sink)
            }
        case .dot:
            return try writeSingle(path: path, nodes: nodes) { sink in
                try DOTFormat.write(nodes: nodes, edges: edges, graphName: graphName, to: sink)
            }
        case .csv:
            let paths = csvPaths(for: path)
            let nodeSink = try AtomicFileSink(path: paths.nodes)
            defer { nodeSink.abort() }
            let edgeSink = try AtomicFileSink(path: paths.edges)
            defer { edgeSink.abort() }
            try CSVFormat.writeNodes(nodes, to: nodeSink)
            let edgeCount = try CSVFormat.writeEdges(edges, nodes: nodes, to: edgeSink)
            // Both files complete before either replaces an older export.
            try nodeSink.finish()
            try edgeSink.finish()
            try nodeSink.publish()
            try edgeSink.publish()
            return GraphWriteSummary(files: [paths.nodes, paths.edges], nodeCount: nodes.count, edgeCount: edgeCount)
        }
    }

    /// The files `write` creates for `path` in `format`: one, except CSV's edge list plus node table.
    ///
    /// CSV naming: `out.csv` -> edges `out.csv`, nodes `out.nodes.csv`; a path without `.csv`
    /// gets `.nodes.csv` appended for the node table; a path ending in `/` or naming an
    /// existing directory gets `edges.csv` and `nodes.csv` inside it.
    public static func outputFiles(for path: String, format: GraphFormat) -> [String] {
        guard format == .csv else { return [path] }
        let paths = csvPaths(for: path)
        return [paths.nodes, paths.edges]
    }

    /// A one-line warning when a graph will have more than 1,000,000 edges, naming the
    /// options that thin it (as `ZhutiError.Parameter` markers: `ZhutiError.Parameter.render`
    /// spells them for the front end); nil otherwise.
    public static func warningIfLarge(edgeCount: Int) -> String? {
        guard edgeCount > largeEdgeCount else { return nil }
        return "warning: the graph will have \(edgeCount) edges; thin it with \(ZhutiError.Parameter.knn) K (smaller) or \(ZhutiError.Parameter.threshold) T (higher) or \(ZhutiError.Parameter.mutual)"
    }

    // MARK: - Internals

    static func csvPaths(for path: String) -> (nodes: String, edges: String) {
        var isDirectory: ObjCBool = false
        if path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            let dir = path.hasSuffix("/") ? path : path + "/"
            return (dir + "nodes.csv", dir + "edges.csv")
        }
        if path.lowercased().hasSuffix(".csv") {
            return (String(path.dropLast(4)) + ".nodes.csv", path)
        }
        return (path + ".nodes.csv", path)
    }

    private static func writeSingle(path: String, nodes: [GraphNode],
                                    body: (AtomicFileSink) throws -> Int) throws -> GraphWriteSummary {
        let sink = try AtomicFileSink(path: path)
        defer { sink.abort() }
        let edgeCount = try body(sink)
        try sink.commit()
        return GraphWriteSummary(files: [path], nodeCount: nodes.count, edgeCount: edgeCount)
    }

    private static func checkUniqueIDs(_ nodes: [GraphNode]) throws {
        var seen = Set<String>(minimumCapacity: nodes.count)
        for (index, node) in nodes.enumerated() where !seen.insert(node.id).inserted {
            throw ZhutiError(.badInput, "duplicate node id '\(node.id)' (node \(index)): graph node ids must be unique")
        }
    }

    /// Throws for an edge no format can represent faithfully.
    @inline(__always)
    static func check(_ edge: GraphEdge, nodeCount: Int) throws {
        guard edge.source >= 0, edge.source < nodeCount, edge.target >= 0, edge.target < nodeCount else {
            throw ZhutiError(.badInput, "edge \(edge.source)-\(edge.target) refers to a node outside 0..<\(nodeCount)")
        }
        guard edge.source != edge.target else {
            throw ZhutiError(.badInput, "edge \(edge.source)-\(edge.target) is a self-loop")
        }
        guard edge.weight.isFinite else {
            throw ZhutiError(.badInput, "edge \(edge.source)-\(edge.target) has a non-finite weight")
        }
    }
}

/// Every node's id escaped once for a format, packed in one array, so each edge copies its
/// endpoints' bytes instead of re-escaping their ids.
struct EscapedIDs {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init(_ nodes: [GraphNode], escape: (String, inout [UInt8]) -> Void) {
        ends.reserveCapacity(nodes.count)
        for node in nodes {
            escape(node.id, &bytes)
            ends.append(bytes.count)
        }
    }

    @inline(__always)
    func append(_ index: Int, to out: inout [UInt8]) {
        let start = index == 0 ? 0 : ends[index - 1]
        out.append(contentsOf: bytes[start..<ends[index]])
    }
}

extension OutputEscaping {
    /// True for a date Gephi's timeline accepts with `timeformat="date"`: `yyyy-MM-dd`.
    static func isISODate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        for (i, b) in bytes.enumerated() where i != 4 && i != 7 {
            if b < 0x30 || b > 0x39 { return false }
        }
        let month = Int(bytes[5] - 0x30) * 10 + Int(bytes[6] - 0x30)
        let day = Int(bytes[8] - 0x30) * 10 + Int(bytes[9] - 0x30)
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
