import Foundation

/// One article in an exported similarity graph. Optional fields are left out of the
/// written file (GraphML/GEXF/JSON) or written as an empty field (CSV) when nil.
public struct GraphNode: Sendable, Hashable {
    public var id: String
    public var title: String
    /// ISO date `yyyy-MM-dd`; GEXF uses it as the node's `start` so Gephi's timeline plays it.
    public var date: String?
    public var issue: String?
    public var paper: String?
    public var page: Int?
    public var themeID: Int?
    public var themeLabel: String?

    public init(id: String, title: String, date: String? = nil, issue: String? = nil,
                paper: String? = nil, page: Int? = nil, themeID: Int? = nil, themeLabel: String? = nil) {
        self.id = id
        self.title = title
        self.date = date
        self.issue = issue
        self.paper = paper
        self.page = page
        self.themeID = themeID
        self.themeLabel = themeLabel
    }
}

/// An undirected edge between two nodes, given as indices into the node array (source < target).
public struct GraphEdge: Sendable, Hashable {
    public var source: Int
    public var target: Int
    /// Cosine similarity of the two articles.
    public var weight: Float
    /// True where Related flags the pair as a (near-)duplicate.
    public var duplicate: Bool

    public init(source: Int, target: Int, weight: Float, duplicate: Bool = false) {
        self.source = source
        self.target = target
        self.weight = weight
        self.duplicate = duplicate
    }
}

/// The file formats `zhuti graph` writes.
public enum GraphFormat: String, CaseIterable, Sendable {
    case graphml, gexf, json, csv, dot

    /// Parses a user-given format name (case-insensitive, surrounding spaces ignored).
    public init(parsing text: String) throws {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let format = GraphFormat(rawValue: name) else {
            throw ZhutiError(.badOption, "unknown graph format '\(text)' (expected graphml, gexf, json, csv or dot)")
        }
        self = format
    }

    /// Parses a comma-separated list such as `graphml,gexf` (for `--formats`), keeping the
    /// user's order and dropping repeats.
    public static func parseList(_ text: String) throws -> [GraphFormat] {
        var formats: [GraphFormat] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let format = try GraphFormat(parsing: String(part))
            if !formats.contains(format) { formats.append(format) }
        }
        if formats.isEmpty {
            throw ZhutiError(.badOption, "no graph format given (expected graphml, gexf, json, csv or dot)")
        }
        return formats
    }

    /// The format a file name implies by its extension (`.graphml`, `.gexf`, `.json`, `.csv`,
    /// `.dot`/`.gv`), for `-o FILE` without `--format`; nil when the extension says nothing.
    public init?(inferringFrom path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        let ext = path[path.index(after: dot)...].lowercased()
        if ext == "gv" { self = .dot; return }
        guard let format = GraphFormat(rawValue: ext) else { return nil }
        self = format
    }

    /// File extension written by this format (without the dot).
    public var fileExtension: String { rawValue }
}

/// How the edge set is chosen from each article's nearest-neighbour list.
public enum GraphEdgeMode: Sendable, Equatable {
    /// Keep each article's top `k` neighbours.
    case knn(Int)
    /// Keep every pair whose cosine is at least the value.
    case threshold(Float)

    /// Throws `.badOption` for `--knn` below 1 or a `--threshold` outside (-1, 1].
    public func validate() throws {
        switch self {
        case .knn(let k):
            if k < 1 {
                throw ZhutiError(.badOption, "\(ZhutiError.Parameter.knn) must be at least 1 (got \(k))")
            }
        case .threshold(let t):
            if !(t > -1 && t <= 1) {
                throw ZhutiError(.badOption, "\(ZhutiError.Parameter.threshold) must be a cosine in (-1, 1] (got \(t))")
            }
        }
    }
}
