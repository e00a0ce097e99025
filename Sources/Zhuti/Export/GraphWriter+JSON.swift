/// networkx's node-link form, as `networkx.node_link_graph(json.load(f))` reads it with its
/// networkx 3.6 defaults (`nodes`, `edges`, `source`, `target`, `id`); d3 reads it too by
/// giving forceLink `.id(d => d.id)` and the `edges` array. One node or edge per line.
/// Missing optional node fields are left out rather than written as null.
enum NodeLinkJSONFormat {
    static func write(nodes: [GraphNode], edges: some Sequence<GraphEdge>, graphName: String,
                      to sink: AtomicFileSink) throws -> Int {
        try sink.appendRaw { out in
            GraphEscaping.appendASCII("{\"directed\":false,\"multigraph\":false,\"graph\":{\"name\":", to: &out)
            GraphEscaping.appendJSONString(graphName, to: &out)
            GraphEscaping.appendASCII("},\n\"nodes\":[", to: &out)
        }
        for (index, node) in nodes.enumerated() {
            try sink.appendRaw { out in
                GraphEscaping.appendASCII(index == 0 ? "\n{\"id\":" : ",\n{\"id\":", to: &out)
                GraphEscaping.appendJSONString(node.id, to: &out)
                GraphEscaping.appendASCII(",\"title\":", to: &out)
                GraphEscaping.appendJSONString(node.title, to: &out)
                if let date = node.date {
                    GraphEscaping.appendASCII(",\"date\":", to: &out)
                    GraphEscaping.appendJSONString(date, to: &out)
                }
                if let issue = node.issue {
                    GraphEscaping.appendASCII(",\"issue\":", to: &out)
                    GraphEscaping.appendJSONString(issue, to: &out)
                }
                if let paper = node.paper {
                    GraphEscaping.appendASCII(",\"paper\":", to: &out)
                    GraphEscaping.appendJSONString(paper, to: &out)
                }
                if let page = node.page {
                    GraphEscaping.appendASCII(",\"page\":", to: &out)
                    GraphEscaping.appendInt(page, to: &out)
                }
                if let themeID = node.themeID {
                    GraphEscaping.appendASCII(",\"theme_id\":", to: &out)
                    GraphEscaping.appendInt(themeID, to: &out)
                }
                if let label = node.themeLabel {
                    GraphEscaping.appendASCII(",\"theme_label\":", to: &out)
                    GraphEscaping.appendJSONString(label, to: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
        }
        try sink.write("\n],\n\"edges\":[")

        let ids = EscapedIDs(nodes) { GraphEscaping.appendJSONString($0, to: &$1) }
        var count = 0
        for edge in edges {
            try GraphWriter.check(edge, nodeCount: nodes.count)
            try sink.appendRaw { out in
                GraphEscaping.appendASCII(count == 0 ? "\n{\"source\":" : ",\n{\"source\":", to: &out)
                ids.append(edge.source, to: &out)
                GraphEscaping.appendASCII(",\"target\":", to: &out)
                ids.append(edge.target, to: &out)
                GraphEscaping.appendASCII(",\"weight\":", to: &out)
                GraphEscaping.appendFloat(edge.weight, to: &out)
                if edge.duplicate {
                    GraphEscaping.appendASCII(",\"duplicate\":true}", to: &out)
                } else {
                    GraphEscaping.appendASCII(",\"duplicate\":false}", to: &out)
                }
            }
            count += 1
        }
        try sink.write("\n]}\n")
        return count
    }
}
