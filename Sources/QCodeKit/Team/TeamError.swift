/// Errors from copying a project for a coder or merging another project into this one.
public enum TeamError: Error, CustomStringConvertible, Equatable {
    /// The other project is this project's own file.
    case sameProject(String)
    /// A document in the other project whose stored text does not match its hash or length.
    case corruptDocument(name: String, reason: String)
    /// A coding in the other project that SQLite refused here (for example past its document's end).
    case invalidCoding(document: String, start: Int, end: Int, reason: String)
    /// A code in the other project whose parent is not in its codebook.
    case brokenCodebook(code: String)

    public var description: String {
        switch self {
        case .sameProject(let path):
            return "\(path) is this project's own file; merge another coder's copy"
        case .corruptDocument(let name, let reason):
            return "document '\(name)' in the other project is damaged: \(reason); nothing merged"
        case .invalidCoding(let document, let start, let end, let reason):
            return "coding \(start)-\(end) of document '\(document)' in the other project was refused: \(reason); nothing merged"
        case .brokenCodebook(let code):
            return "code '\(code)' in the other project has no parent in its codebook; nothing merged"
        }
    }
}
