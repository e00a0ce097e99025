/// GEXF 1.3 for Gephi. When any node has an ISO date the graph is `mode="dynamic"` with
/// `timeformat="date"` and each dated node starts on its date, so Gephi's timeline plays the
/// archive issue by issue; nodes without a (well-formed) date are present throughout.
/// The title is the node's `label`; the other fields are declared, typed attributes.
enum GEXFFormat {
    static func write(nodes: [GraphNode], edges: some Sequence<GraphEdge>, graphName: String,
                      to sink: AtomicFileSink) throws -> Int {
        let dynamic = nodes.contains { $0.date.map(OutputEscaping.isISODate) ?? false }
        try sink.appendRaw { out in
            OutputEscaping.appendASCII("""
                <?xml version="1.0" encoding="UTF-8"?>
                <gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
                  <meta>
                    <creator>Zhuti</creator>
                    <description>
                """, to: &out)
            OutputEscaping.appendXML(graphName, to: &out)
            OutputEscaping.appendASCII("</description>\n  </meta>\n", to: &out)
            if dynamic {
                OutputEscaping.appendASCII("  <graph defaultedgetype=\"undirected\" mode=\"dynamic\" timeformat=\"date\">\n", to: &out)
            } else {
                OutputEscaping.appendASCII("  <graph defaultedgetype=\"undirected\" mode=\"static\">\n", to: &out)
            }
            OutputEscaping.appendASCII("""
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
                OutputEscaping.appendASCII("      <node id=\"", to: &out)
                OutputEscaping.appendXML(node.id, to: &out)
                OutputEscaping.appendASCII("\" label=\"", to: &out)
                OutputEscaping.appendXML(node.title, to: &out)
                if dynamic, let date = node.date, OutputEscaping.isISODate(date) {
                    OutputEscaping.appendASCII("\" start=\"", to: &out)
                    OutputEscaping.appendXML(date, to: &out)
                }
                OutputEscaping.appendASCII("\">", to: &out)
                let hasValues = node.date != nil || node.issue != nil || node.paper != nil
                    || node.page != nil || node.themeID != nil || node.themeLabel != nil
                if hasValues {
                    OutputEscaping.appendASCII("<attvalues>", to: &out)
                    if let date = node.date { appendValue("date", date, to: &out) }
                    if let issue = node.issue { appendValue("issue", issue, to: &out) }
                    if let paper = node.paper { appendValue("paper", paper, to: &out) }
                    if let page = node.page { appendValue("page", page, to: &out) }
                    if let themeID = node.themeID { appendValue("theme_id", themeID, to: &out) }
                    if let label = node.themeLabel { appendValue("theme_label", label, to: &out) }
                    OutputEscaping.appendASCII("</attvalues>", to: &out)
                }
                OutputEscaping.appendASCII("</node>\n", to: &out)
            }
        }
        try sink.write("    </nodes>\n    <edges>\n")

        let ids = EscapedIDs(nodes, escape: OutputEscaping.appendXML)
        var count = 0
        for edge in edges {
            try GraphWriter.check(edge, nodeCount: nodes.count)
            try sink.appendRaw { out in
                // GEXF requires edge ids; the running number is unique and deterministic.
                OutputEscaping.appendASCII("      <edge id=\"", to: &out)
                OutputEscaping.appendInt(count, to: &out)
                OutputEscaping.appendASCII("\" source=\"", to: &out)
                ids.append(edge.source, to: &out)
                OutputEscaping.appendASCII("\" target=\"", to: &out)
                ids.append(edge.target, to: &out)
                OutputEscaping.appendASCII("\" weight=\"", to: &out)
                OutputEscaping.appendFloat(edge.weight, to: &out)
                if edge.duplicate {
                    OutputEscaping.appendASCII("\"><attvalues><attvalue for=\"duplicate\" value=\"true\"/></attvalues></edge>\n", to: &out)
                } else {
                    OutputEscaping.appendASCII("\"><attvalues><attvalue for=\"duplicate\" value=\"false\"/></attvalues></edge>\n", to: &out)
                }
            }
            count += 1
        }
        try sink.write("    </edges>\n  </graph>\n</gexf>\n")
        return count
    }

    private static func appendValue(_ key: StaticString, _ value: String, to out: inout [UInt8]) {
        OutputEscaping.appendASCII("<attvalue for=\"", to: &out)
        OutputEscaping.appendASCII(key, to: &out)
        OutputEscaping.appendASCII("\" value=\"", to: &out)
        OutputEscaping.appendXML(value, to: &out)
        OutputEscaping.appendASCII("\"/>", to: &out)
    }

    private static func appendValue(_ key: StaticString, _ value: Int, to out: inout [UInt8]) {
        OutputEscaping.appendASCII("<attvalue for=\"", to: &out)
        OutputEscaping.appendASCII(key, to: &out)
        OutputEscaping.appendASCII("\" value=\"", to: &out)
        OutputEscaping.appendInt(value, to: &out)
        OutputEscaping.appendASCII("\"/>", to: &out)
    }
}
