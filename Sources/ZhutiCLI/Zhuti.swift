import ArgumentParser
import Foundation
import Zhuti

@main
struct ZhutiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhuti",
        abstract: "Topic clustering and similarity for Chinese newspaper archives.",
        discussion: """
            A typical session:
              zhuti ingest archive/           # issue files, folders, JSONL; UTF-8/16, GBK
              zhuti build                     # char n-gram TF-IDF + truncated SVD (LSA)
              zhuti related 2025-03-10-001    # what else did we publish about this?
              zhuti themes --svg themes.svg   # campaign themes across issues
              zhuti graph -o net.gexf         # similarity network for Gephi
              zhuti serve                     # HTTP API and web page on 127.0.0.1:8080

            Everything lives in one home folder: --home DIR, else $ZHUTI_HOME, else ./.zhuti.

            Exit codes: 0 success, 64 bad option, 65 bad input data or corrupt model,
            66 not found (file, article, model), 70 numerical failure, 74 storage error.
            """,
        version: ZhutiVersion.string,
        subcommands: [
            Ingest.self, Issues.self, Articles.self, Build.self, Models.self, Topics.self, Related.self, Update.self,
            Themes.self, Track.self, Eval.self, Graph.self, Serve.self, BenchQuery.self, Worker.self,
        ]
    )

    /// As ArgumentParser's own `main`, except that a usage error (an unknown option or a value
    /// outside an option's set) is one line on stderr, `zhuti: ...`, like every other error,
    /// with the same exit code (64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = self.message(for: error)
            guard code != .success, !(error is ExitCode), !message.isEmpty else { exit(withError: error) }
            var line = message.split(separator: "\n").first.map(String.init) ?? message
            if line.hasPrefix("Error: ") { line.removeFirst("Error: ".count) }
            Terminal.error(line + " (see --help)")
            Foundation.exit(code.rawValue)
        }
    }
}
