import Foundation

/// Facts about a built model, stored in its META section.
public struct LSAModelInfo: Codable, Sendable, Equatable {
    public var formatVersion: Int
    public var parameters: LSAParameters
    public var documentCount: Int
    public var termCount: Int
    public var dimensions: Int
    public var nonZeros: Int
    /// Documents appended after the fit by folding in (`zhuti update`).
    public var foldedInCount: Int
    /// `ArticleLibrary.fingerprint()` at build time.
    public var corpusFingerprint: String

    /// The model file format this build writes (`ModelFile` in Store reads it from here).
    public static let currentFormatVersion = 1
}
