import Foundation

/// The issues of one source file, handed out one at a time.
///
/// An issue text file is read whole (it is one issue); a JSONL export is read in two passes
/// (`JSONLIssues.plan`, then `issue`) over its bytes - mapped, not copied, when they are
/// UTF-8 - so that ingesting a large export holds one issue's articles at a time rather than
/// every article of the file. Opening checks the whole file: a bad line fails here, naming
/// its line, before any issue is handed out.
public struct IssueSource: Sendable {
    public let path: String
    public let count: Int
    private let produce: @Sendable (Int) throws -> ParsedIssue

    init(path: String, count: Int, produce: @escaping @Sendable (Int) throws -> ParsedIssue) {
        self.path = path
        self.count = count
        self.produce = produce
    }

    /// Issue `index` (0..<count), in the order the file first shows them.
    public func issue(_ index: Int) throws -> ParsedIssue { try produce(index) }

    /// Every issue at once (small files, tests).
    public func all() throws -> [ParsedIssue] { try (0..<count).map(issue) }
}

extension IssueReader {
    /// Opens one source file for ingesting its issues one by one (see `IssueSource`).
    public static func open(path: String) throws -> IssueSource {
        guard isJSONL(path) else {
            let issues = try read(path: path)
            return IssueSource(path: path, count: issues.count) { issues[$0] }
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
              let mapped = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw unreadable(path)
        }
        let stem = fileStem(path)
        let text: Data
        let body: Range<Int>
        if let range = try mapped.withUnsafeBytes({ try TextDecoding.utf8Range(of: $0.bindMemory(to: UInt8.self), file: path) }) {
            (text, body) = (mapped, range)
        } else {
            // UTF-16 or GB18030: decoded to UTF-8 in memory (such exports are rare and small).
            text = Data(try TextDecoding.decode(Array(mapped), file: path).utf8)
            body = 0..<text.count
        }
        let plans = try withBytes(of: text, in: body) { try JSONLIssues.plan($0, name: path, stem: stem) }
        return IssueSource(path: path, count: plans.count) { index in
            try withBytes(of: text, in: body) { try JSONLIssues.issue(plans[index], in: $0, name: path, stem: stem) }
        }
    }

    private static func withBytes<R>(of data: Data, in range: Range<Int>, _ work: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try data.withUnsafeBytes { try work(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[range])) }
    }
}
