import ArgumentParser
import Foundation
import Zhuti

/// `--home`, shared by every command.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder holding the library and models (default: $ZHUTI_HOME, else ./.zhuti).", valueName: "dir"))
    var home: String?

    var resolved: ZhutiHome { ZhutiHome.resolve(home) }

    func openLibrary(create: Bool = false) throws -> ArticleLibrary {
        try ArticleLibrary(home: resolved, create: create)
    }
}

/// Output formats: every listing command takes all four (see `Listing`); --help and shell
/// completion list them, and any other value is refused with exit 64.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, csv

    static let help = ArgumentHelp("Output format: text, json (one document), jsonl (one object per line) or csv (header and RFC 4180 rows).",
                                   valueName: "format")
}

/// Runs a command body, turning Zhuti's errors into one line on stderr and an exit code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ZhutiError {
        Terminal.error(error.description(naming: \.flag))
        throw ExitCode(exitCode(for: error.kind))
    }
}

extension ZhutiError.Parameter {
    /// The option that sets this parameter on the command line.
    var flag: String { "--" + rawValue }
}

func exitCode(for kind: ZhutiError.Kind) -> Int32 {
    switch kind {
    case .badOption: 64
    case .badInput, .corruptModel: 65
    case .notFound: 66
    case .numerical: 70
    case .io: 74
    }
}

/// stdout for results, stderr for progress and errors.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("zhuti: \(message)\n".utf8))
    }

    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// Buffered stdout: `print` per line is slow for large JSONL outputs.
    nonisolated(unsafe) static var buffer: [UInt8] = []

    static func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    /// Text as it is, no line end added (CSV rows end in CRLF themselves).
    static func writeRaw(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 16 { flush() }
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
