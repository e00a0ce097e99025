/// The one error type Zhuti's engine throws. Its `description` is the single line a user
/// sees: `file:line: message` when the input has a place, else just the message.
public struct ZhutiError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The user's input (a file, a JSON line, pasted text) cannot be used.
        case badInput
        /// An id, issue, model or file that does not exist.
        case notFound
        /// An option value outside its meaningful range.
        case badOption
        /// A model file that fails its checks.
        case corruptModel
        /// A BLAS/LAPACK routine reported failure.
        case numerical
        /// Reading or writing storage failed.
        case io
    }

    public var kind: Kind
    public var message: String
    public var file: String?
    public var line: Int?

    public init(_ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
    }

    /// The line with parameters named plainly (`k`, `min-df`).
    public var description: String { description(naming: \.rawValue) }

    /// The line with each parameter the message names spelt as the front end's user knows it:
    /// `--min-df` on the command line, `'min_df'` in an HTTP query.
    public func description(naming name: (Parameter) -> String) -> String {
        let text = Parameter.render(message, naming: name)
        guard let file else { return text }
        if let line { return "\(file):\(line): \(text)" }
        return "\(file): \(text)"
    }

    /// An engine parameter an error can name. Interpolated into a message (`"\(Parameter.k)
    /// must be at least 1"`) it leaves a marker that `description(naming:)` replaces, so the
    /// engine never spells a CLI flag or an HTTP field.
    public enum Parameter: String, Sendable, CaseIterable, CustomStringConvertible {
        case k, top, minSize = "min-size", since, until, paper, excludeSameIssue = "exclude-same-issue"
        case ngrams, minDF = "min-df", maxDF = "max-df", maxTerms = "max-terms", dims
        case knn, threshold, mutual
        case expansionNeighbours = "expansion-neighbours", expansionWeight = "expansion-weight"

        // Private-use code points: no text a user gives can close a marker by accident.
        static let open: Character = "\u{E000}", close: Character = "\u{E001}"

        public var description: String { "\(Self.open)\(rawValue)\(Self.close)" }

        /// `message` with every parameter marker spelt by `name`.
        public static func render(_ message: String, naming name: (Parameter) -> String) -> String {
            guard message.contains(open) else { return message }
            var out = "", rest = Substring(message)
            while let start = rest.firstIndex(of: open), let end = rest[start...].firstIndex(of: close) {
                out += rest[..<start]
                let raw = rest[rest.index(after: start)..<end]
                out += Parameter(rawValue: String(raw)).map(name) ?? String(raw)
                rest = rest[rest.index(after: end)...]
            }
            return out + rest
        }
    }
}
