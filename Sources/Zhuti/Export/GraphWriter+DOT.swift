/// Graphviz DOT: `graph "name" { … }` with every id and value quoted and escaped, one
/// statement per line. The cosine is written as `similarity`, not `weight`: Graphviz's dot
/// layout reserves `weight` for non-negative integer layout weights. Duplicates are dashed.
enum DOTFormat {
    static func write(nodes: [GraphNode], edges: some Sequence<GraphEdge>, graphName: String,
                      to sink: AtomicFileSink) throws -> Int {
        try sink.appendRaw { out in
            GraphEscaping.appendASCII("graph ", to: &out)
            GraphEscaping.appendDOTString(graphName, to: &out)
            GraphEscaping.appendASCII(" {\n", to: &out)
        }
        for node in nodes {
            try sink.appendRaw { out in
                out.append(contentsOf: [0x20, 0x20])
                GraphEscaping.appendDOTString(node.id, to: &out)
                GraphEscaping.appendASCII(" [label=", to: &out)
                GraphEscaping.appendDOTString(node.title, to: &out)
                if let date = node.date { appendAttribute("date", date, to: &out) }
                if let issue = node.issue { appendAttribute("issue", issue, to: &out) }
                if let paper = node.paper { appendAttribute("paper", paper, to: &out) }
                if let page = node.page { appendAttribute("page", page, to: &out) }
                if let themeID = node.themeID { appendAttribute("theme_id", themeID, to: &out) }
                if let label = node.themeLabel { appendAttribute("theme_label", label, to: &out) }
                GraphEscaping.appendASCII("];\n", to: &out)
            }
        }

        let ids = EscapedIDs(nodes) { GraphEscaping.appendDOTString($0, to: &$1) }
        var count = 0
        for edge in edges {
            try GraphWriter.check(edge, nodeCount: nodes.count)
            try sink.appendRaw { out in
                out.append(contentsOf: [0x20, 0x20])
                ids.append(edge.source, to: &out)
                GraphEscaping.appendASCII(" -- ", to: &out)
                ids.append(edge.target, to: &out)
                // Quoted: DOT numerals have no exponent form, and a weight can print as `1e-05`.
                GraphEscaping.appendASCII(" [similarity=\"", to: &out)
                GraphEscaping.appendFloat(edge.weight, to: &out)
                if edge.duplicate {
                    GraphEscaping.appendASCII("\", duplicate=true, style=dashed];\n", to: &out)
                } else {
                    GraphEscaping.appendASCII("\", duplicate=false];\n", to: &out)
                }
            }
            count += 1
        }
        try sink.write("}\n")
        return count
    }

    private static func appendAttribute(_ name: StaticString, _ value: String, to out: inout [UInt8]) {
        GraphEscaping.appendASCII(", ", to: &out)
        GraphEscaping.appendASCII(name, to: &out)
        out.append(UInt8(ascii: "="))
        GraphEscaping.appendDOTString(value, to: &out)
    }

    private static func appendAttribute(_ name: StaticString, _ value: Int, to out: inout [UInt8]) {
        GraphEscaping.appendASCII(", ", to: &out)
        GraphEscaping.appendASCII(name, to: &out)
        out.append(UInt8(ascii: "="))
        GraphEscaping.appendInt(value, to: &out)
    }
}
