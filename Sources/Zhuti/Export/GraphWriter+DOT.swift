/// Graphviz DOT: `graph "name" { … }` with every id and value quoted and escaped, one
/// statement per line. The cosine is written as `similarity`, not `weight`: Graphviz's dot
/// layout reserves `weight` for non-negative integer layout weights. Duplicates are dashed.
enum DOTFormat {
    static func write(nodes: [GraphNode], edges: some Sequence<GraphEdge>, graphName: String,
                      to sink: AtomicFileSink) throws -> Int {
        try sink.appendRaw { out in
            OutputEscaping.appendASCII("graph ", to: &out)
            OutputEscaping.appendDOTString(graphName, to: &out)
            OutputEscaping.appendASCII(" {\n", to: &out)
        }
        for node in nodes {
            try sink.appendRaw { out in
                out.append(contentsOf: [0x20, 0x20])
                OutputEscaping.appendDOTString(node.id, to: &out)
                OutputEscaping.appendASCII(" [label=", to: &out)
                OutputEscaping.appendDOTString(node.title, to: &out)
                if let date = node.date { appendAttribute("date", date, to: &out) }
                if let issue = node.issue { appendAttribute("issue", issue, to: &out) }
                if let paper = node.paper { appendAttribute("paper", paper, to: &out) }
                if let page = node.page { appendAttribute("page", page, to: &out) }
                if let themeID = node.themeID { appendAttribute("theme_id", themeID, to: &out) }
                if let label = node.themeLabel { appendAttribute("theme_label", label, to: &out) }
                OutputEscaping.appendASCII("];\n", to: &out)
            }
        }

        let ids = EscapedIDs(nodes) { OutputEscaping.appendDOTString($0, to: &$1) }
        var count = 0
        for edge in edges {
            try GraphWriter.check(edge, nodeCount: nodes.count)
            try sink.appendRaw { out in
                out.append(contentsOf: [0x20, 0x20])
                ids.append(edge.source, to: &out)
                OutputEscaping.appendASCII(" -- ", to: &out)
                ids.append(edge.target, to: &out)
                // Quoted: DOT numerals have no exponent form, and a weight can print as `1e-05`.
                OutputEscaping.appendASCII(" [similarity=\"", to: &out)
                OutputEscaping.appendFloat(edge.weight, to: &out)
                if edge.duplicate {
                    OutputEscaping.appendASCII("\", duplicate=true, style=dashed];\n", to: &out)
                } else {
                    OutputEscaping.appendASCII("\", duplicate=false];\n", to: &out)
                }
            }
            count += 1
        }
        try sink.write("}\n")
        return count
    }

    private static func appendAttribute(_ name: StaticString, _ value: String, to out: inout [UInt8]) {
        OutputEscaping.appendASCII(", ", to: &out)
        OutputEscaping.appendASCII(name, to: &out)
        out.append(UInt8(ascii: "="))
        OutputEscaping.appendDOTString(value, to: &out)
    }

    private static func appendAttribute(_ name: StaticString, _ value: Int, to out: inout [UInt8]) {
        OutputEscaping.appendASCII(", ", to: &out)
        OutputEscaping.appendASCII(name, to: &out)
        out.append(UInt8(ascii: "="))
        OutputEscaping.appendInt(value, to: &out)
    }
}
