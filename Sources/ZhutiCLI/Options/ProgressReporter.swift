import ArgumentParser
import Foundation

/// `--quiet`, for every command that reports progress.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "No progress on stderr (notes and errors still appear).")
    var quiet = false

    var reporter: ProgressReporter { ProgressReporter(quiet: quiet) }
}

/// Progress on stderr for long commands. The engine reports stages as text, with counts where
/// it has them (`related: 5000/100000 articles`, `vectorize: weighted 2048 of 9000 documents`).
/// On a terminal one line is redrawn in place: a bar, the counts, the rate and the time left.
/// Piped or redirected, plain lines: each new stage, then at most one a second, and the last
/// of each stage. With `--quiet`, nothing.
final class ProgressReporter: @unchecked Sendable {
    // @unchecked: every access to the mutable state goes through `lock` (the engine reports
    // from worker threads).
    private let lock = NSLock()
    private let quiet: Bool
    private let terminal: Bool
    private var stage = ""
    private var stageStarted = Date()
    private var lastLine = Date.distantPast
    private var lineOpen = false
    private let started = Date()

    init(quiet: Bool, terminal: Bool = isatty(STDERR_FILENO) == 1) {
        self.quiet = quiet
        self.terminal = terminal
    }

    /// The closure the engine calls.
    var callback: ((String) -> Void)? { quiet ? nil : { [self] in report($0) } }

    func report(_ message: String) {
        guard !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let name = message.split(separator: ":", maxSplits: 1).first.map(String.init) ?? message
        let counts = Self.counts(in: message)
        let newStage = name != stage || counts == nil
        if newStage {
            stage = name
            stageStarted = now
        }
        var line = message
        if let (done, total) = counts, total > 0 {
            let elapsed = now.timeIntervalSince(stageStarted)
            let rate = elapsed > 0.05 ? Double(done) / elapsed : 0
            let left = rate > 0 ? Double(total - done) / rate : nil
            let width = 24, filled = min(width, width * done / total)
            let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
            line = "\(name): \(bar) \(done)/\(total)" + (rate > 0 ? String(format: " %.0f/s", rate) : "")
                + (left.map { String(format: ", %.0f s left", $0) } ?? "")
        }
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
            lineOpen = true
            if counts == nil || counts!.0 >= counts!.1 { endLine() }
        } else if newStage || now.timeIntervalSince(lastLine) >= 1 || counts.map({ $0.0 >= $0.1 }) == true {
            FileHandle.standardError.write(Data((String(format: "[%6.1f s] ", now.timeIntervalSince(started)) + line + "\n").utf8))
            lastLine = now
        }
    }

    /// A note or the final summary: always printed, on a line of its own.
    func note(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        endLine()
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Ends the redrawn line (call when the command is done).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        endLine()
    }

    private func endLine() {
        if lineOpen { FileHandle.standardError.write(Data("\n".utf8)) }
        lineOpen = false
    }

    /// `done/total` or `done of total` in a message (the last, where a message has more:
    /// `ingest, file 1 of 3: 40/200 issues`).
    static func counts(in message: String) -> (Int, Int)? {
        guard let match = message.matches(of: /([0-9]+)\s*(?:\/| of )\s*([0-9]+)/).last,
              let done = Int(match.output.1), let total = Int(match.output.2) else { return nil }
        return (done, total)
    }
}
