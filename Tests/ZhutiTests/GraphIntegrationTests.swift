import Foundation
import Testing
@testable import Zhuti

/// Issue 6: the archive graph of a real model, written in every networkx-readable format and
/// read back by networkx, agrees with the related-articles table it is built from.
@Suite(.serialized) struct GraphIntegrationTests {
    typealias Corpus = IntegrationCorpus

    /// The kNN table as `RelatedFinder.relatedForAll(k: 3)` reports it by plain cosine (graph
    /// edges are the symmetric cosine, `related --all --no-expansion`), as unordered pairs
    /// "u|v" with the cosine.
    private static func knnPairs(_ finder: RelatedFinder) throws -> [String: Float] {
        var pairs: [String: Float] = [:]
        try finder.relatedForAll(k: 3, expansion: nil, explain: false) { response in
            let id = try #require(response.id)
            for result in response.results {
                let key = PeerGraph.key(id, result.id)
                if let known = pairs[key] {
                    // Both directions of a pair carry the same cosine.
                    #expect(abs(known - result.score) < 1e-5)
                }
                pairs[key] = max(pairs[key] ?? -2, result.score)
            }
        }
        return pairs
    }

    @Test func graphFilesAgreeWithTheNeighbourTable() throws {
        try PythonPeer.requireNetworkx()
        let home = Corpus.Home("graph")
        defer { home.remove() }
        let library = try Corpus.library(in: home)
        let model = try Corpus.fit(library)
        let finder = try RelatedFinder(model: model, library: library)
        let themes = try ThemeReportBuilder.build(vectors: Array(model.documentVectors.buffer), dims: model.dimensions,
                                                  articles: try ThemeArticle.load(for: model, from: library),
                                                  options: ClusteringOptions(k: .fixed(3), minSize: 2, seed: 1))
        let graph = try ArchiveGraph.build(model: model, library: library, mode: .knn(3), mutual: false, themes: themes)
        let pairs = try Self.knnPairs(finder)

        // In memory: one node per article, one edge per distinct kNN pair, same weights.
        #expect(graph.nodes.map(\.id) == model.documentIDs)
        #expect(graph.edges.count == pairs.count)
        #expect(pairs.count >= Corpus.articleCount * 3 / 2 && pairs.count <= Corpus.articleCount * 3)
        for edge in graph.edges {
            let key = PeerGraph.key(graph.nodes[edge.source].id, graph.nodes[edge.target].id)
            let weight = try #require(pairs[key], "edge \(key) is not a kNN pair")
            #expect(abs(weight - edge.weight) < 1e-5)
        }
        let reprintPair = PeerGraph.key(Corpus.id(.ecology, 0), Corpus.reprintID)
        let digestPair = PeerGraph.key(Corpus.id(.investment, 3), Corpus.digestID)
        let flagged = Set(graph.edges.filter(\.duplicate).map { PeerGraph.key(graph.nodes[$0.source].id, graph.nodes[$0.target].id) })
        #expect(flagged == [reprintPair, digestPair])

        let dir = try ExportFixture.temporaryDirectory("integration")
        defer { ExportFixture.removeTemporary(dir) }
        let headers = try library.headers()
        let themeOf = Dictionary(uniqueKeysWithValues: themes.themes.flatMap { theme in theme.articles.map { ($0, theme) } })

        for format in [GraphFormat.graphml, .gexf, .json, .csv] {
            let path = "\(dir)/archive.\(format.fileExtension)"
            let summary = try GraphWriter.write(nodes: graph.nodes, edges: graph.edges, format: format, to: path, graphName: "荆州 archive")
            #expect(summary.nodeCount == Corpus.articleCount)
            #expect(summary.edgeCount == pairs.count)
            let files = GraphWriter.outputFiles(for: path, format: format) // CSV: node table, then edges
            let peer = try PeerGraph(PythonPeer.run(PythonPeer.readGraph, [format.rawValue] + files))

            #expect(peer.nodes.count == Corpus.articleCount, "\(format)")
            #expect(Set(peer.nodes.keys) == Set(model.documentIDs), "\(format)")
            #expect(peer.edgeCount == pairs.count, "\(format)")
            #expect(peer.edges.count == pairs.count, "\(format): repeated edges")
            for (key, weight) in pairs {
                let ends = key.split(separator: "|").map(String.init)
                let edge = try #require(peer.edge(ends[0], ends[1]), "\(format): kNN pair \(key) has no edge")
                let written = try #require(Self.number(edge["weight"]), "\(format): edge \(key) weight")
                #expect(abs(written - Double(weight)) < 1e-5, "\(format): \(key) weight \(written) vs \(weight)")
                let duplicate = Self.flag(edge["duplicate"])
                #expect(duplicate == (key == reprintPair || key == digestPair), "\(format): \(key) duplicate \(String(describing: edge["duplicate"]))")
            }
            for id in model.documentIDs {
                let node = try #require(peer.nodes[id])
                let header = try #require(headers[id])
                let title = format == .gexf ? node["label"] : node["title"]
                #expect(title as? String == header.title, "\(format): \(id) title")
                #expect(Self.text(node["date"]) == header.date, "\(format): \(id) date")
                #expect(Self.text(node["issue"]) == header.issue, "\(format): \(id) issue")
                #expect(Self.text(node["paper"]) == header.paper, "\(format): \(id) paper")
                #expect(Self.number(node["page"]).map { Int($0) } == header.page, "\(format): \(id) page")
                let theme = themeOf[id]
                #expect(Self.number(node["theme_id"]).map { Int($0) } == theme?.id, "\(format): \(id) theme")
                #expect(Self.text(node["theme_label"]) == theme?.label, "\(format): \(id) theme label")
            }
        }
    }

    @Test func mutualGraphKeepsOnlyPairsBothSidesChose() throws {
        let home = Corpus.Home("graph-mutual")
        defer { home.remove() }
        let library = try Corpus.library(in: home)
        let model = try Corpus.fit(library)
        var chosen = Set<String>()
        try RelatedFinder(model: model, library: library).relatedForAll(k: 3, expansion: nil, explain: false) { response in
            for result in response.results { chosen.insert("\(response.id ?? "")>\(result.id)") }
        }
        let graph = try ArchiveGraph.build(model: model, library: library, mode: .knn(3), mutual: true, themes: nil)
        let expected = chosen.filter { pair in
            let ends = pair.split(separator: ">").map(String.init)
            return ends[0] < ends[1] && chosen.contains("\(ends[1])>\(ends[0])")
        }
        let edges = Set(graph.edges.map { edge -> String in
            let (a, b) = (graph.nodes[edge.source].id, graph.nodes[edge.target].id)
            return a < b ? "\(a)>\(b)" : "\(b)>\(a)"
        })
        #expect(!expected.isEmpty)
        #expect(edges == expected)
        #expect(graph.nodes.allSatisfy { $0.themeID == nil && $0.themeLabel == nil })
    }

    /// networkx gives numbers as Int or Double depending on the format; CSV gives strings.
    private static func number(_ value: Any?) -> Double? {
        switch value {
        case let number as NSNumber: number.doubleValue
        case let text as String: Double(text)
        default: nil
        }
    }

    /// CSV writes a missing value as an empty field; the other formats leave it out.
    private static func text(_ value: Any?) -> String? {
        guard let text = value as? String, !text.isEmpty else { return nil }
        return text
    }

    private static func flag(_ value: Any?) -> Bool? {
        switch value {
        case let flag as Bool: flag
        case let text as String: ["true", "1"].contains(text.lowercased()) ? true : (["false", "0", ""].contains(text.lowercased()) ? false : nil)
        case let number as NSNumber: number.boolValue
        default: nil
        }
    }
}
