import ArgumentParser
import Zhuti

// The engine's option types as command-line values: ArgumentParser parses them, `--help`
// and shell completion list their values, and anything else exits 64 naming what is allowed.

extension GraphFormat: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension GraphGrouping: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension ThemeCount: ExpressibleByArgument {
    /// `auto` or a whole number (0 is kept: `graph --themes 0` means no themes; `themes`
    /// refuses it with the engine's message).
    public init?(argument: String) {
        if argument.lowercased() == "auto" {
            self = .auto
        } else if let value = Int(argument), value >= 0 {
            self = .fixed(value)
        } else {
            return nil
        }
    }

    public var defaultValueDescription: String {
        switch self {
        case .auto: "auto"
        case .fixed(let value): String(value)
        }
    }
}
