import Foundation

/// How `zhuti graph --batch` splits the archive into subgraphs.
public enum GraphGrouping: String, CaseIterable, Sendable {
    case issue, theme, month

    public init(parsing text: String) throws {
        guard let grouping = GraphGrouping(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw ZhutiError(.badOption, "unknown grouping '\(text)' (expected issue, theme or month)")
        }
        self = grouping
    }
}

/// One line of the batch's `index.json`: a graph and the files holding it.
public struct GraphBatchEntry: Sendable, Equatable {
    /// The group's key: issue id, theme id, `yyyy-MM`, or `all` for the whole archive.
    public var group: String
    /// `all`, `issue`, `theme` or `month`.
    public var kind: String
    /// The theme's label (theme groups only).
    public var label: String?
    public var nodes: Int
    public var edges: Int
    /// File names relative to the batch directory.
    public var files: [String]
}

/// Writes the whole-archive graph plus one subgraph per issue, theme or month into a
/// directory, in each requested format, and an `index.json` listing what was written:
/// `[{"group","kind","nodes","edges","files":[…]}, …]` (theme entries add `"label"`).
///
/// A subgraph holds the group's nodes (in their original order) and the edges between them.
/// Nodes with no value for the grouping (no issue, no theme, no `yyyy-MM` date) appear only
/// in the whole-archive graph. File names are `all.<ext>` and `<kind>-<group>.<ext>`, with
/// characters a file name cannot hold replaced by `_` (and `-2`, `-3` … on a clash).
/// Every file is written atomically and `index.json` last, so its presence means the batch
/// completed.
public enum GraphBatchExporter {
    public static let indexFileName = "index.json"

    @discardableResult
    public static func export(nodes: [GraphNode], edges: [GraphEdge], by grouping: GraphGrouping,
                              formats: [GraphFormat], to directory: String,
                              graphName: String = "zhuti") throws -> [GraphBatchEntry] {
        guard !formats.isEmpty else {
            throw ZhutiError(.badOption, "no graph format given (expected graphml, gexf, json, csv or dot)")
        }
        try makeDirectory(directory)
        let dirPrefix = directory.hasSuffix("/") ? directory : directory + "/"

        var entries: [GraphBatchEntry] = []
        var usedStems: Set<String> = []
        entries.append(try writeGraph(stem: uniqueStem("all", &usedStems), group: "all", kind: "all", label: nil,
                                      nodes: nodes, edges: edges, formats: formats, dirPrefix: dirPrefix,
                                      graphName: graphName))

        let groups = try partition(nodes: nodes, edges: edges, by: grouping)
        for group in groups {
            let stem = uniqueStem(grouping.rawValue + "-" + safeFileName(group.key), &usedStems)
            entries.append(try writeGraph(stem: stem, group: group.key, kind: grouping.rawValue, label: group.label,
                                          nodes: group.nodes, edges: group.edges, formats: formats,
                                          dirPrefix: dirPrefix, graphName: "\(graphName) \(grouping.rawValue) \(group.key)"))
        }

        let sink = try AtomicFileSink(path: dirPrefix + indexFileName)
        defer { sink.abort() }
        try sink.appendRaw { out in writeIndex(entries, to: &out) }
        try sink.commit()
        return entries
    }

    // MARK: - Grouping

    struct Group {
        var key: String
        var label: String?
        var nodes: [GraphNode] = []
        var edges: [GraphEdge] = []
    }

    /// Splits nodes and the edges inside each group in one pass over each; no per-group scan
    /// of all edges, so thousands of issues cost the same as one.
    static func partition(nodes: [GraphNode], edges: [GraphEdge], by grouping: GraphGrouping) throws -> [Group] {
        var groupOf = [Int](repeating: -1, count: nodes.count)
        var localIndex = [Int](repeating: -1, count: nodes.count)
        var groups: [Group] = []
        var slot = FirstSeenIndex<String>()
        var themeIDs: [Int] = []   // sort key for theme groups

        for (i, node) in nodes.enumerated() {
            let key: String
            switch grouping {
            case .issue:
                guard let issue = node.issue else { continue }
                key = issue
            case .month:
                guard let date = node.date, let month = monthKey(date) else { continue }
                key = month
            case .theme:
                guard let theme = node.themeID else { continue }
                key = String(theme)
            }
            let g = slot.position(of: key) {
                groups.append(Group(key: key, label: grouping == .theme ? node.themeLabel : nil))
                themeIDs.append(node.themeID ?? 0)
            }
            if groups[g].label == nil, grouping == .theme { groups[g].label = node.themeLabel }
            groupOf[i] = g
            localIndex[i] = groups[g].nodes.count
            groups[g].nodes.append(node)
        }

        for edge in edges {
            try GraphWriter.check(edge, nodeCount: nodes.count)
            let g = groupOf[edge.source]
            guard g >= 0, g == groupOf[edge.target] else { continue }
            groups[g].edges.append(GraphEdge(source: localIndex[edge.source], target: localIndex[edge.target],
                                             weight: edge.weight, duplicate: edge.duplicate))
        }

        let order = groups.indices.sorted { a, b in
            grouping == .theme ? themeIDs[a] < themeIDs[b] : groups[a].key < groups[b].key
        }
        return order.map { groups[$0] }
    }

    /// `yyyy-MM` from a date starting that way (`1958-03-01`, `1958-03`); nil otherwise.
    static func monthKey(_ date: String) -> String? {
        let bytes = Array(date.utf8.prefix(7))
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return nil }
        for (i, b) in bytes.enumerated() where i != 4 && !(0x30...0x39).contains(b) { return nil }
        if date.utf8.count > 7 && date.utf8[date.utf8.index(date.utf8.startIndex, offsetBy: 7)] != UInt8(ascii: "-") {
            return nil
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Files

    private static func writeGraph(stem: String, group: String, kind: String, label: String?,
                                   nodes: [GraphNode], edges: [GraphEdge], formats: [GraphFormat],
                                   dirPrefix: String, graphName: String) throws -> GraphBatchEntry {
        var files: [String] = []
        var edgeCount = 0
        for format in formats {
            let summary = try GraphWriter.write(nodes: nodes, edges: edges, format: format,
                                                to: dirPrefix + stem + "." + format.fileExtension,
                                                graphName: graphName)
            files += summary.files.map { String($0.dropFirst(dirPrefix.count)) }
            edgeCount = summary.edgeCount
        }
        return GraphBatchEntry(group: group, kind: kind, label: label, nodes: nodes.count, edges: edgeCount, files: files)
    }

    private static func makeDirectory(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ZhutiError(.io, "cannot write the batch here: it is a file, not a directory", file: directory)
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ZhutiError(.io, "cannot create the batch directory (\(error.localizedDescription))", file: directory)
        }
    }

    /// A group key as a file name part: path separators, control characters, `:` and a
    /// leading dot become `_`, and it is cut to at most 100 UTF-8 bytes.
    static func safeFileName(_ key: String) -> String {
        var result = ""
        var bytes = 0
        for scalar in key.unicodeScalars {
            var s = scalar
            if scalar == "/" || scalar == "\\" || scalar == ":" || scalar.value < 0x20 || scalar.value == 0x7F
                || (result.isEmpty && scalar == ".") {
                s = "_"
            }
            let size = String(s).utf8.count
            if bytes + size > 100 { break }
            result.unicodeScalars.append(s)
            bytes += size
        }
        return result.isEmpty ? "_" : result
    }

    private static func uniqueStem(_ stem: String, _ used: inout Set<String>) -> String {
        // Compare case-insensitively so the batch also survives a case-insensitive file system,
        // and reserve `<stem>.nodes` too: CSV's node table is `<stem>.nodes.csv`, which a group
        // literally named `….nodes` would otherwise overwrite.
        var candidate = stem
        var n = 2
        while used.contains(candidate.lowercased()) || used.contains(candidate.lowercased() + ".nodes") {
            candidate = "\(stem)-\(n)"
            n += 1
        }
        used.insert(candidate.lowercased())
        used.insert(candidate.lowercased() + ".nodes")
        return candidate
    }

    private static func writeIndex(_ entries: [GraphBatchEntry], to out: inout [UInt8]) {
        OutputEscaping.appendASCII("[", to: &out)
        for (i, entry) in entries.enumerated() {
            OutputEscaping.appendASCII(i == 0 ? "\n  {\"group\": " : ",\n  {\"group\": ", to: &out)
            OutputEscaping.appendJSONString(entry.group, to: &out)
            OutputEscaping.appendASCII(", \"kind\": ", to: &out)
            OutputEscaping.appendJSONString(entry.kind, to: &out)
            if let label = entry.label {
                OutputEscaping.appendASCII(", \"label\": ", to: &out)
                OutputEscaping.appendJSONString(label, to: &out)
            }
            OutputEscaping.appendASCII(", \"nodes\": ", to: &out)
            OutputEscaping.appendInt(entry.nodes, to: &out)
            OutputEscaping.appendASCII(", \"edges\": ", to: &out)
            OutputEscaping.appendInt(entry.edges, to: &out)
            OutputEscaping.appendASCII(", \"files\": [", to: &out)
            for (j, file) in entry.files.enumerated() {
                if j > 0 { OutputEscaping.appendASCII(", ", to: &out) }
                OutputEscaping.appendJSONString(file, to: &out)
            }
            OutputEscaping.appendASCII("]}", to: &out)
        }
        OutputEscaping.appendASCII("\n]\n", to: &out)
    }
}
