/// networkx's node-link form, as `networkx.node_link_graph(json.load(f))` reads it with its
/// networkx 3.6 defaults (`nodes`, `edges`, `source`, `target`, `id`); d3 reads it too by
/// giving forceLink `.id(d => d.id)` and the `edges` array. One node or edge per line.
/// Missing optional node fields are left out rather than written as null.
enum NodeLinkJSONFormat {
    static func write(nodes: [GraphNode], edges: some Sequence<GraphEdge>, graphName: String,
                      to sink: AtomicFileSink) throws -> Int {
        try sink.appendRaw { out in
            OutputEscaping.appendASCII("{\"directed\":false,\"multigraph\":false,\"graph\":{\"name\":", to: &out)
            OutputEscaping.appendJSONString(graphName, to: &out)
            OutputEscaping.appendASCII("},\n\"nodes\":[", to: &out)
        }
        for (index, node) in nodes.enumerated() {
            try sink.appendRaw { out in
                OutputEscaping.appendASCII(index == 0 ? "\n{\"id\":" : ",\n{\"id\":", to: &out)
                OutputEscaping.appendJSONString(node.id, to: &out)
                OutputEscaping.appendASCII(",\"title\":", to: &out)
                OutputEscaping.appendJSONString(node.title, to: &out)
                if let date = node.date {
                    OutputEscaping.appendASCII(",\"date\":", to: &out)
                    OutputEscaping.appendJSONString(date, to: &out)
                }
                if let issue = node.issue {
                    OutputEscaping.appendASCII(",\"issue\":", to: &out)
                    OutputEscaping.appendJSONString(issue, to: &out)
                }
                if let paper = node.paper {
                    OutputEscaping.appendASCII(",\"paper\":", to: &out)
                    OutputEscaping.appendJSONString(paper, to: &out)
                }
                if let page = node.page {
                    OutputEscaping.appendASCII(",\"page\":", to: &out)
                    OutputEscaping.appendInt(page, to: &out)
                }
                if let themeID = node.themeID {
                    OutputEscaping.appendASCII(",\"theme_id\":", to: &out)
                    OutputEscaping.appendInt(themeID, to: &out)
                }
                if let label = node.themeLabel {
                    OutputEscaping.appendASCII(",\"theme_label\":", to: &out)
                    OutputEscaping.appendJSONString(label, to: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
        }
        try sink.write("\n],\n\"edges\":[")

        let ids = EscapedIDs(nodes) { OutputEscaping.appendJSONString($0, to: &$1) }
        var count = 0
        for edge in edges {
            try GraphWriter.check(edge, nodeCount: nodes.count)
            try sink.appendRaw { out in
                OutputEscaping.appendASCII(count == 0 ? "\n{\"source\":" : ",\n{\"source\":", to: &out)
                ids.append(edge.source, to: &out)
                OutputEscaping.appendASCII(",\"target\":", to: &out)
                ids.append(edge.target, to: &out)
                OutputEscaping.appendASCII(",\"weight\":", to: &out)
                OutputEscaping.appendFloat(edge.weight, to: &out)
                if edge.duplicate {
                    OutputEscaping.appendASCII(",\"duplicate\":true}", to: &out)
                } else {
                    OutputEscaping.appendASCII(",\"duplicate\":false}", to: &out)
                }
            }
            count += 1
        }
        try sink.write("\n]}\n")
        return count
    }
}
