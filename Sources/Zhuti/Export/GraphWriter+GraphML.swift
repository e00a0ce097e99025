/// GraphML with typed `<key>` declarations, readable by networkx, Gephi, Cytoscape and yEd.
/// Missing optional node fields are simply left out (GraphML's way of saying "no value").
enum GraphMLFormat {
    static func write(nodes: [GraphNode], edges: some Sequence<GraphEdge>, graphName: String,
                      to sink: AtomicFileSink) throws -> Int {
        try sink.appendRaw { out in
            OutputEscaping.appendASCII("""
                <?xml version="1.0" encoding="UTF-8"?>
                <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns \
                http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
                  <key id="title" for="node" attr.name="title" attr.type="string"/>
                  <key id="date" for="node" attr.name="date" attr.type="string"/>
                  <key id="issue" for="node" attr.name="issue" attr.type="string"/>
                  <key id="paper" for="node" attr.name="paper" attr.type="string"/>
                  <key id="page" for="node" attr.name="page" attr.type="int"/>
                  <key id="theme_id" for="node" attr.name="theme_id" attr.type="int"/>
                  <key id="theme_label" for="node" attr.name="theme_label" attr.type="string"/>
                  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
                  <key id="duplicate" for="edge" attr.name="duplicate" attr.type="boolean"/>
                  <graph id="
                """, to: &out)
            OutputEscaping.appendXML(graphName, to: &out)
            OutputEscaping.appendASCII("\" edgedefault=\"undirected\">\n", to: &out)
        }

        for node in nodes {
            try sink.appendRaw { out in
                OutputEscaping.appendASCII("    <node id=\"", to: &out)
                OutputEscaping.appendXML(node.id, to: &out)
                OutputEscaping.appendASCII("\">", to: &out)
                appendData("title", node.title, to: &out)
                if let date = node.date { appendData("date", date, to: &out) }
                if let issue = node.issue { appendData("issue", issue, to: &out) }
                if let paper = node.paper { appendData("paper", paper, to: &out) }
                if let page = node.page { appendData("page", page, to: &out) }
                if let themeID = node.themeID { appendData("theme_id", themeID, to: &out) }
                if let label = node.themeLabel { appendData("theme_label", label, to: &out) }
                OutputEscaping.appendASCII("</node>\n", to: &out)
            }
        }

        let ids = EscapedIDs(nodes, escape: OutputEscaping.appendXML)
        var count = 0
        for edge in edges {
            try GraphWriter.check(edge, nodeCount: nodes.count)
            try sink.appendRaw { out in
                OutputEscaping.appendASCII("    <edge source=\"", to: &out)
                ids.append(edge.source, to: &out)
                OutputEscaping.appendASCII("\" target=\"", to: &out)
                ids.append(edge.target, to: &out)
                OutputEscaping.appendASCII("\"><data key=\"weight\">", to: &out)
                OutputEscaping.appendFloat(edge.weight, to: &out)
                OutputEscaping.appendASCII("</data><data key=\"duplicate\">", to: &out)
                if edge.duplicate {
                    OutputEscaping.appendASCII("true", to: &out)
                } else {
                    OutputEscaping.appendASCII("false", to: &out)
                }
                OutputEscaping.appendASCII("</data></edge>\n", to: &out)
            }
            count += 1
        }
        try sink.write("  </graph>\n</graphml>\n")
        return count
    }

    private static func appendData(_ key: StaticString, _ value: String, to out: inout [UInt8]) {
        OutputEscaping.appendASCII("<data key=\"", to: &out)
        OutputEscaping.appendASCII(key, to: &out)
        OutputEscaping.appendASCII("\">", to: &out)
        OutputEscaping.appendXML(value, to: &out)
        OutputEscaping.appendASCII("</data>", to: &out)
    }

    private static func appendData(_ key: StaticString, _ value: Int, to out: inout [UInt8]) {
        OutputEscaping.appendASCII("<data key=\"", to: &out)
        OutputEscaping.appendASCII(key, to: &out)
        OutputEscaping.appendASCII("\">", to: &out)
        OutputEscaping.appendInt(value, to: &out)
        OutputEscaping.appendASCII("</data>", to: &out)
    }
}
