import Foundation

/// Reads issue files (plain text in any supported encoding, or JSONL exports) into parsed
/// issues. Everything is decided before anything is returned: a file either yields all of
/// its issues or throws one `ZhutiError` naming the file (and line).
public enum IssueReader {
    static let textExtensions: Set<String> = ["txt", "jsonl", "ndjson"]

    /// Expand user paths (files; folders recursively, taking .txt and .jsonl files) into a
    /// sorted list of source files.
    public static func sourceFiles(for paths: [String]) throws -> [String] {
        let fm = FileManager.default
        var found = Set<String>()
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ZhutiError(.notFound, "no such file or folder", file: path)
            }
            if !isDir.boolValue {
                found.insert(path)
                continue
            }
            var inFolder: [String] = []
            guard let walker = fm.enumerator(atPath: path) else {
                throw ZhutiError(.io, "cannot list folder", file: path)
            }
            while let rel = walker.nextObject() as? String {
                let name = (rel as NSString).lastPathComponent
                if name.hasPrefix(".") { continue }
                let ext = (name as NSString).pathExtension.lowercased()
                guard textExtensions.contains(ext) else { continue }
                let full = (path as NSString).appendingPathComponent(rel)
                var sub: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { inFolder.append(full) }
            }
            if inFolder.isEmpty {
                throw ZhutiError(.badInput, "folder has no .txt or .jsonl files", file: path)
            }
            found.formUnion(inFolder)
        }
        return found.sorted()
    }

    /// Read one source file: JSONL (`.jsonl`/`.ndjson`) groups into issues; any other file is
    /// one issue split into articles by the layout parser.
    public static func read(path: String) throws -> [ParsedIssue] {
        guard let data = FileManager.default.contents(atPath: path) else { throw unreadable(path) }
        return try read(bytes: [UInt8](data), name: path)
    }

    /// Why `path` cannot be read: missing, a folder, or refused.
    static func unreadable(_ path: String) -> ZhutiError {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            return ZhutiError(isDir.boolValue ? .badInput : .io, isDir.boolValue ? "is a folder, not a file" : "cannot read file", file: path)
        }
        return ZhutiError(.notFound, "no such file", file: path)
    }

    /// Same for in-memory bytes; `name` is used in errors, as `source`, and for the issue id.
    public static func read(bytes: [UInt8], name: String) throws -> [ParsedIssue] {
        if bytes.isEmpty { throw ZhutiError(.badInput, "empty file", file: name) }
        let text = try TextDecoding.decode(bytes, file: name)
        if !text.unicodeScalars.contains(where: { !ScalarClass.isSpace($0) && $0 != "\n" && $0 != "\r" }) {
            throw ZhutiError(.badInput, "empty file (only whitespace)", file: name)
        }
        let stem = fileStem(name)
        if isJSONL(name) {
            return try JSONLIssues.read(text: text, name: name, stem: stem)
        }
        if let tagged = try TaggedCorpus.readIfTagged(text: text, name: name) {
            return tagged
        }
        var issue = try LayoutParser.parse(text, file: name)
        issue.id = stem
        issue.source = name
        issue.contentHash = StableHash.hex(of: bytes)
        return [issue]
    }

    /// JSONL exports go by their extension: one JSON object per line.
    static func isJSONL(_ name: String) -> Bool {
        ["jsonl", "ndjson"].contains((name as NSString).pathExtension.lowercased())
    }

    static func fileStem(_ name: String) -> String {
        let last = (name as NSString).lastPathComponent
        let stem = (last as NSString).deletingPathExtension
        return stem.isEmpty ? last : stem
    }
}
