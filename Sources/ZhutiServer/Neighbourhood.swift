import Zhuti

/// A small graph around one article for the web page: the article, its `k` most related
/// articles, an edge from the article to each, and between the neighbours an edge to each
/// one's two most similar other neighbours (so clusters inside the neighbourhood show).
struct Neighbourhood: Encodable, Sendable {
    struct Node: Encodable, Sendable {
        var id: String
        var title: String
        var date: String?
        var issue: String
        /// Cosine to the centre article (1 for the centre itself).
        var score: Float
        var center: Bool
    }

    struct Link: Encodable, Sendable, Hashable {
        var source: String
        var target: String
        var weight: Float
    }

    var center: String
    var nodes: [Node]
    var links: [Link]

    static let linksPerNeighbour = 2

    static func build(around id: String, k: Int, state: QueryState) throws -> Neighbourhood {
        let related = try state.finder.related(toArticle: id, k: k)
        let header = state.finder.header(id)
        var nodes = [Node(id: id, title: related.query.title ?? header?.title ?? "", date: header?.date,
                          issue: header?.issue ?? "", score: 1, center: true)]
        nodes += related.results.map { Node(id: $0.id, title: $0.title, date: $0.date, issue: $0.issue, score: $0.score, center: false) }
        // Every link weighs the plain cosine of its two articles, as the links between
        // neighbours do; nodes keep the ranking score.
        var links = related.results.map { Link(source: id, target: $0.id, weight: $0.cosine) }

        let model = state.model
        let vectors = related.results.map { result in model.index(of: result.id).map { model.documentVector($0) } }
        var seen = Set<[String]>()
        for (a, vectorA) in vectors.enumerated() {
            guard let vectorA else { continue }
            var scored: [(other: Int, score: Float)] = []
            for (b, vectorB) in vectors.enumerated() where b != a {
                guard let vectorB else { continue }
                var dot: Float = 0
                for d in 0..<vectorA.count { dot += vectorA[d] * vectorB[d] }
                scored.append((b, dot))
            }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.other < $1.other }
            for (b, score) in scored.prefix(linksPerNeighbour) {
                let pair = [related.results[a].id, related.results[b].id].sorted()
                if seen.insert(pair).inserted {
                    links.append(Link(source: pair[0], target: pair[1], weight: (score * 10_000).rounded() / 10_000))
                }
            }
        }
        return Neighbourhood(center: id, nodes: nodes, links: links)
    }
}
