/// RFC 4180 CSV (CRLF line ends, UTF-8 without BOM): an edge list naming nodes by id, and a
/// node table. Empty fields stand for missing values.
enum CSVFormat {
    static func writeNodes(_ nodes: [GraphNode], to sink: AtomicFileSink) throws {
        try sink.write("id,title,date,issue,paper,page,theme_id,theme_label\r\n")
        for node in nodes {
            try sink.appendRaw { out in
                OutputEscaping.appendCSVField(node.id, to: &out)
                out.append(UInt8(ascii: ","))
                OutputEscaping.appendCSVField(node.title, to: &out)
                out.append(UInt8(ascii: ","))
                if let date = node.date { OutputEscaping.appendCSVField(date, to: &out) }
                out.append(UInt8(ascii: ","))
                if let issue = node.issue { OutputEscaping.appendCSVField(issue, to: &out) }
                out.append(UInt8(ascii: ","))
                if let paper = node.paper { OutputEscaping.appendCSVField(paper, to: &out) }
                out.append(UInt8(ascii: ","))
                if let page = node.page { OutputEscaping.appendInt(page, to: &out) }
                out.append(UInt8(ascii: ","))
                if let themeID = node.themeID { OutputEscaping.appendInt(themeID, to: &out) }
                out.append(UInt8(ascii: ","))
                if let label = node.themeLabel { OutputEscaping.appendCSVField(label, to: &out) }
                OutputEscaping.appendASCII("\r\n", to: &out)
            }
        }
    }

    static func writeEdges(_ edges: some Sequence<GraphEdge>, nodes: [GraphNode], to sink: AtomicFileSink) throws -> Int {
        try sink.write("source,target,weight,duplicate\r\n")
        let ids = EscapedIDs(nodes, escape: OutputEscaping.appendCSVField)
        var count = 0
        for edge in edges {
            try GraphWriter.check(edge, nodeCount: nodes.count)
            try sink.appendRaw { out in
                ids.append(edge.source, to: &out)
                out.append(UInt8(ascii: ","))
                ids.append(edge.target, to: &out)
                out.append(UInt8(ascii: ","))
                OutputEscaping.appendFloat(edge.weight, to: &out)
                if edge.duplicate {
                    OutputEscaping.appendASCII(",true\r\n", to: &out)
                } else {
                    OutputEscaping.appendASCII(",false\r\n", to: &out)
                }
            }
            count += 1
        }
        return count
    }
}
