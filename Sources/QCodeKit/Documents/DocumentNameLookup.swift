import Foundation

/// Finds a document by what a user typed, among (id, name) pairs sorted by name: its id;
/// its exact name; a unique prefix of its name; then the same ignoring case. The project
/// file's `Store.documentID(named:)` asks SQLite the same questions; a team server's store
/// uses this.
enum DocumentNameLookup {
    static func resolve(_ query: String, in documents: [(id: Int64, name: String)]) throws -> Int64 {
        if let id = Int64(query), documents.contains(where: { $0.id == id }) { return id }
        if let exact = documents.first(where: { $0.name == query }) { return exact.id }
        let prefixed = documents.filter { $0.name.unicodeScalars.starts(with: query.unicodeScalars) }
        switch prefixed.count {
        case 1: return prefixed[0].id
        case 0: break
        default: throw DocumentLookupError.ambiguous(query, prefixed.map(\.name))
        }
        return try resolveIgnoringCase(query, in: documents)
    }

    /// The last step, when the id, the exact name and a unique prefix found nothing: the
    /// same ignoring case (exact name first, then prefix), compared in Swift, since SQLite
    /// folds only ASCII.
    static func resolveIgnoringCase(_ query: String, in documents: [(id: Int64, name: String)]) throws -> Int64 {
        let folded = query.lowercased()
        let exact = documents.filter { $0.name.lowercased() == folded }
        let candidates = exact.isEmpty ? documents.filter { $0.name.lowercased().hasPrefix(folded) } : exact
        switch candidates.count {
        case 1: return candidates[0].id
        case 0: throw DocumentLookupError.notFound(query)
        default: throw DocumentLookupError.ambiguous(query, candidates.map(\.name))
        }
    }
}
