import ArgumentParser
import Zhuti

@main
struct ZhutiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zhuti",
        abstract: "Topic clustering and similarity for Chinese newspaper archives."
    )
}
