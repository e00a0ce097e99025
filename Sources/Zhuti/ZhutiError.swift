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

    public var description: String {
        guard let file else { return message }
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
