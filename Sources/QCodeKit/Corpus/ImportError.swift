/// Why a file could not be read, as one line naming the file and the problem.
///
///     ImportError(file: "P07.docx", reason: "word/document.xml missing").description
///     // "P07.docx: word/document.xml missing"
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as the caller named it.
    public var file: String
    /// What is wrong, in one line.
    public var reason: String

    /// Creates an error.
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    /// `"<file>: <reason>"`.
    public var description: String { "\(file): \(reason)" }
}
