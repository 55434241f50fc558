import Foundation

/// Why a document could not be renamed, removed or replaced.
public enum DocumentLifecycleError: Error, CustomStringConvertible, Equatable {
    case emptyName
    case nameTaken(String)
    /// The document has codings; removing it needs the caller's explicit consent.
    case hasCodings(document: String, codings: Int, memos: Int)

    public var description: String {
        switch self {
        case .emptyName:
            return "a document name cannot be empty"
        case .nameTaken(let name):
            return "a document named '\(name)' is already in the project"
        case .hasCodings(let document, let codings, let memos):
            return "document '\(document)' has \(codings) coding(s)\(memos > 0 ? " (\(memos) with a memo)" : "") that would be removed with it"
        }
    }
}

/// What removing a document took with it.
public struct DocumentRemoval: Sendable, Equatable {
    public var document: String
    public var codings: Int
    /// Coding memos removed, plus one if the document had a memo.
    public var memos: Int
}

extension Project {
    /// Renames a document. Names are unique ignoring case.
    ///
    /// - Returns: the old and the new name.
    @discardableResult
    public func renameDocument(_ query: String, to newName: String) throws -> (old: String, new: String) {
        let name = newName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw DocumentLifecycleError.emptyName }
        return try write { store in
            let id = try store.documentID(query)
            guard let document = try store.documentRecord(id) else { throw DocumentLookupError.notFound(query) }
            if let other = try store.documentNamed(name, except: id) {
                throw DocumentLifecycleError.nameTaken(other.name)
            }
            guard document.name != name else { return (document.name, name) }
            try store.renameDocument(id, to: name)
            try store.record(.document(DocumentEdit(operation: .rename, document: document.name, detail: name)),
                             summary: "renamed document \(document.name) to \(name)")
            return (document.name, name)
        }
    }

    /// Removes a document with its turns. A document with codings is removed only when
    /// `force` is true; the result says how many codings and memos went with it.
    @discardableResult
    public func removeDocument(_ query: String, force: Bool = false) throws -> DocumentRemoval {
        try write { store in
            let id = try store.documentID(query)
            guard let document = try store.documentRecord(id) else { throw DocumentLookupError.notFound(query) }
            let counts = try store.codingCounts(ofDocument: id)
            if counts.codings > 0 && !force {
                throw DocumentLifecycleError.hasCodings(document: document.name, codings: counts.codings, memos: counts.memos)
            }
            try store.deleteDocument(id)
            let removal = DocumentRemoval(document: document.name, codings: counts.codings,
                                          memos: counts.memos + (document.memo == nil ? 0 : 1))
            try store.record(.document(DocumentEdit(operation: .remove, document: document.name, lostCodings: counts.codings)),
                             summary: "removed document \(document.name) (\(counts.codings) coding(s), \(removal.memos) memo(s))")
            return removal
        }
    }
}
