import Foundation
@testable import Zhuti

/// The repository root: this file is <repo>/Tests/ZhutiTests/CorpusTestSupport.swift.
func repositoryRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

func seedURL(_ name: String) -> URL {
    repositoryRoot().appendingPathComponent("seeds").appendingPathComponent(name)
}

/// The shared corpora folder: `$ZHUTI_SHARED`, else `<repo>/../shared`; nil when neither exists
/// (tests that need it skip).
func sharedCorpusURL() -> URL? {
    let fm = FileManager.default
    if let env = ProcessInfo.processInfo.environment["ZHUTI_SHARED"], !env.isEmpty {
        let url = URL(fileURLWithPath: env)
        if fm.fileExists(atPath: url.path) { return url }
    }
    let sibling = repositoryRoot().deletingLastPathComponent().appendingPathComponent("shared")
    if fm.fileExists(atPath: sibling.path) { return sibling }
    return nil
}

/// A fresh temporary folder, removed by the caller.
func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("zhuti-corpus-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Two ideographs separated by whitespace: the stray spaces PDF extraction leaves.
func hasStraySpaceBetweenHan(_ text: String) -> Bool {
    let a = Array(text.unicodeScalars)
    var i = 1
    while i < a.count {
        if a[i] == " " || a[i].value == 0x3000 {
            var j = i
            while j < a.count, a[j] == " " || a[j].value == 0x3000 { j += 1 }
            if j < a.count, ScalarClass.isHan(a[i - 1]), ScalarClass.isHan(a[j]) { return true }
            i = j
        } else {
            i += 1
        }
    }
    return false
}

/// Catch a thrown ZhutiError (or record the absence of one).
func zhutiError(_ body: () throws -> Void) -> ZhutiError? {
    do {
        try body()
        return nil
    } catch let e as ZhutiError {
        return e
    } catch {
        return ZhutiError(.io, "unexpected error \(error)")
    }
}
