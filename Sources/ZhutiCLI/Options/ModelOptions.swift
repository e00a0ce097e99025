import ArgumentParser
import Foundation
import Zhuti

/// `--model NAME`: which built model a query command uses.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Model to use (as listed by `zhuti models`).", valueName: "name"))
    var model: String = "default"

    func load(home: ZhutiHome) throws -> LSAModel {
        try ZhutiHome.validateModelName(model)
        let path = home.modelPath(named: model)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ZhutiError(.notFound, "no model '\(model)' in \(home.path); build one with `zhuti build --name \(model)`")
        }
        return try LSAModel.load(path: path)
    }
}
