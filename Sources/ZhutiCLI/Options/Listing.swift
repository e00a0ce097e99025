import Foundation
import Zhuti

/// One output convention for every listing command (`--format text|json|jsonl|csv`):
/// - text: lines for people;
/// - json: one document (an array of the rows);
/// - jsonl: one JSON object per line;
/// - csv: a header row, then one rectangular row per item, RFC 4180 (quoted fields, CRLF).
///
/// Rows are written as they come, so a long listing streams in every format.
struct Listing {
    let format: OutputFormat
    private var rows = 0

    /// Starts the listing: the CSV header or the JSON array's opening bracket.
    init(format: OutputFormat, csvHeader: [String]) {
        self.format = format
        switch format {
        case .csv: Terminal.writeRaw(Self.csvLine(csvHeader))
        case .json: Terminal.writeRaw("[")
        case .text, .jsonl: break
        }
    }

    /// One item, in each form; only the one the format asks for is computed.
    mutating func row(json: @autoclosure () throws -> String, csv: @autoclosure () -> [String], text: @autoclosure () -> String?) rethrows {
        switch format {
        case .json: Terminal.writeRaw((rows == 0 ? "\n" : ",\n") + (try json()))
        case .jsonl: Terminal.write(try json())
        case .csv: Terminal.writeRaw(Self.csvLine(csv()))
        case .text: if let line = text() { Terminal.write(line) }
        }
        rows += 1
    }

    /// One item already formatted for this listing's format (JSON text, CSV rows ending in
    /// CRLF, or text lines), as work done in parallel produces it.
    mutating func formatted(_ item: String) {
        switch format {
        case .json: Terminal.writeRaw((rows == 0 ? "\n" : ",\n") + item)
        case .jsonl, .text: Terminal.write(item)
        case .csv: Terminal.writeRaw(item)
        }
        rows += 1
    }

    /// Ends the listing (the JSON array's closing bracket) and flushes stdout.
    func finish() {
        if format == .json { Terminal.writeRaw(rows == 0 ? "]\n" : "\n]\n") }
        Terminal.flush()
    }

    static func csvLine(_ fields: [String]) -> String { CSV.line(fields) }
}
