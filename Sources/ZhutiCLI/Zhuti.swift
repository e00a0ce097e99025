import ArgumentParser
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
            Themes.self, Track.self, Eval.self, Graph.self, Serve.self, BenchQuery.self,
        ]
    )
}
