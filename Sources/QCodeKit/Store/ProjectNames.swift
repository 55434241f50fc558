import Foundation

/// Names in a project for shell completion: documents, code paths, coders.
///
/// Opens the file read-only and never changes it (a file of an older format is read
/// through a private migrated copy, removed again at once; see ``ReadOnlyProject``).
public enum ProjectNames {
    /// What to list.
    public enum Kind: Sendable {
        /// Document names, in import order.
        case documents
        /// Code paths, in codebook order.
        case codes
        /// Coders with at least one coding, sorted.
        case coders
    }

    /// The names of `kind` in the project at `url`.
    /// - Throws: `ProjectError` when the file cannot be opened as a project.
    public static func list(_ kind: Kind, inProjectAt url: URL) throws -> [String] {
        let project = try ReadOnlyProject.open(at: url)
        defer { project.close() }
        return try project.read { store in
            switch kind {
            case .documents: return try store.filterValues().documents
            case .coders: return try store.filterValues().coders
            case .codes: return try store.flatCodes().map(\.path)
            }
        }
    }
}
