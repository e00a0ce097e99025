/// GEXF 1.3 for Gephi. When any node has an ISO date the graph is `mode="dynamic"` with
/// `timeformat="date"` and each dated node starts on its date, so Gephi's timeline plays the
/// archive issue by issue; nodes without a (well-formed) date are present throughout.
/// The title is the node's `label`; the other fields are declared, typed attributes.
enum GEXFFormat {
    static func write(nodes: [GraphNode], edges: some Sequence<GraphEdge>, graphName: String,
                      to sink: AtomicFileSink) throws -> Int {
        let dynamic = nodes.contains { $0.date.map(GraphEscaping.isISODate) ?? false }
        try sink.appendRaw { out in
            GraphEscaping.appendASCII("""
                <?xml version="1.0" encoding="UTF-8"?>
                <gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
                  <meta>
                    <creator>Zhuti</creator>
                    <description>
                """, to: &out)
            GraphEscaping.appendXML(graphName, to: &out)
            GraphEscaping.appendASCII("</description>\n  </meta>\n", to: &out)
            if dynamic {
                GraphEscaping.appendASCII("  <graph defaultedgetype=\"undirected\" mode=\"dynamic\" timeformat=\"date\">\n", to: &out)
            } else {
                GraphEscaping.appendASCII("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n", to: &out)
            }
            GraphEscaping.appendASCII("""
                    <attributes class="node" mode="static">
                      <attribute id="date" title="date" type="string"/>
                      <attribute id="issue" title="issue" type="string"/>
                      <attribute id="paper" title="paper" type="string"/>
                      <attribute id="page" title="page" type="integer"/>
                      <attribute id="theme_id" title="theme_id" type="integer"/>
                      <attribute id="theme_label" title="theme_label" type="string"/>
                    </attributes>
                    <attributes class="edge" mode="static">
                      <attribute id="duplicate" title="duplicate" type="boolean"/>
                    </attributes>
                    <nodes>

                """, to: &out)
        }

        for node in nodes {
            try sink.appendRaw { out in
                GraphEscaping.appendASCII("      <node id=\"", to: &out)
                GraphEscaping.appendXML(node.id, to: &out)
                GraphEscaping.appendASCII("\" label=\"", to: &out)
                GraphEscaping.appendXML(node.title, to: &out)
                if dynamic, let date = node.date, GraphEscaping.isISODate(date) {
                    GraphEscaping.appendASCII("\" start=\"", to: &out)
                    GraphEscaping.appendXML(date, to: &out)
                }
                GraphEscaping.appendASCII("\">", to: &out)
                let hasValues = node.date != nil || node.issue != nil || node.paper != nil
                    || node.page != nil || node.themeID != nil || node.themeLabel != nil
                if hasValues {
                    GraphEscaping.appendASCII("<attvalues>", to: &out)
                    if let date = node.date { appendValue("date", date, to: &out) }
                    if let issue = node.issue { appendValue("issue", issue, to: &out) }
                    if let paper = node.paper { appendValue("paper", paper, to: &out) }
                    if let page = node.page { appendValue("page", page, to: &out) }
                    if let themeID = node.themeID { appendValue("theme_id", themeID, to: &out) }
                    if let label = node.themeLabel { appendValue("theme_label", label, to: &out) }
                    GraphEscaping.appendASCII("</attvalues>", to: &out)
                }
                GraphEscaping.appendASCII("</node>\n", to: &out)
            }
        }
        try sink.write("    </nodes>\n    <edges>\n")

        let ids = EscapedIDs(nodes, escape: GraphEscaping.appendXML)
        var count = 0
        for edge in edges {
            try GraphWriter.check(edge, nodeCount: nodes.count)
            try sink.appendRaw { out in
                // GEXF requires edge ids; the running number is unique and deterministic.
                GraphEscaping.appendASCII("      <edge id=\"", to: &out)
                GraphEscaping.appendInt(count, to: &out)
                GraphEscaping.appendASCII("\" source=\"", to: &out)
                ids.append(edge.source, to: &out)
                GraphEscaping.appendASCII("\" target=\"", to: &out)
                ids.append(edge.target, to: &out)
                GraphEscaping.appendASCII("\" weight=\"", to: &out)
                GraphEscaping.appendFloat(edge.weight, to: &out)
                if edge.duplicate {
                    GraphEscaping.appendASCII("\"><attvalues><attvalue for=\"duplicate\" value=\"true\"/></attvalues></edge>\n", to: &out)
                } else {
                    GraphEscaping.appendASCII("\"><attvalues><attvalue for=\"duplicate\" value=\"false\"/></attvalues></edge>\n", to: &out)
                }
            }
            count += 1
        }
        try sink.write("    </edges>\n  </graph>\n</gexf>\n")
        return count
    }

    private static func appendValue(_ key: StaticString, _ value: String, to out: inout [UInt8]) {
        GraphEscaping.appendASCII("<attvalue for=\"", to: &out)
        GraphEscaping.appendASCII(key, to: &out)
        GraphEscaping.appendASCII("\" value=\"", to: &out)
        GraphEscaping.appendXML(value, to: &out)
        GraphEscaping.appendASCII("\"/>", to: &out)
    }

    private static func appendValue(_ key: StaticString, _ value: Int, to out: inout [UInt8]) {
        GraphEscaping.appendASCII("<attvalue for=\"", to: &out)
        GraphEscaping.appendASCII(key, to: &out)
        GraphEscaping.appendASCII("\" value=\"", to: &out)
        GraphEscaping.appendInt(value, to: &out)
        GraphEscaping.appendASCII("\"/>", to: &out)
    }
}
