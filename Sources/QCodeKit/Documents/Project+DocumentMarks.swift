import Foundation

/// What marking documents did.
public struct DocumentMarking: Sendable, Equatable {
    /// The documents whose mark changed, by name.
    public var changed: [String]
    /// The documents that already were as asked, by name.
    public var unchanged: [String]
    /// The coder as stored.
    public var coder: String
}

extension Project {
    /// Marks documents as fully coded by a coder (or, with `done` false, takes the mark off),
    /// in one transaction and one audit entry; `qcode undo` reverses it.
    ///
    /// A mark tells the exports that the coder read the whole document: a case whose documents
    /// hold none of the coder's codings is "coded, nothing found" (0) when one of them is
    /// marked, and "not coded" (missing) otherwise.
    ///
    /// - Parameters:
    ///   - queries: each document's id, name or unique name prefix.
    ///   - coder: the coder (created on first use).
    ///   - done: true to mark, false to unmark.
    /// - Throws: ``DocumentLookupError`` for a document it cannot find (nothing is changed).
    @discardableResult
    public func markDocumentsDone(_ queries: [String], coder: String, done: Bool = true) throws -> DocumentMarking {
        try write { store in
            let coderID = try store.coderID(named: coder)
            let coderName = try store.coderNamesByID()[coderID] ?? coder
            var marking = DocumentMarking(changed: [], unchanged: [], coder: coderName)
            var seen = Set<Int64>()
            for query in queries {
                let id = try store.documentID(query)
                guard seen.insert(id).inserted, let document = try store.documentRecord(id) else { continue }
                let changed = done
                    ? try store.markDocumentDone(documentID: id, coderID: coderID, at: Clock.now())
                    : try store.unmarkDocumentDone(documentID: id, coderID: coderID)
                if changed { marking.changed.append(document.name) } else { marking.unchanged.append(document.name) }
            }
            if !marking.changed.isEmpty {
                let operation: DocumentEdit.Operation = done ? .done : .undone
                let list = marking.changed.count == 1 ? marking.changed[0] : "\(marking.changed.count) documents"
                try store.record(.document(DocumentEdit(operation: operation, document: marking.changed.joined(separator: ", "),
                                                        detail: coderName)),
                                 summary: done ? "\(coderName) marked \(list) fully coded" : "\(coderName) took the done mark off \(list)",
                                 actor: coderName)
            }
            return marking
        }
    }

    /// The project at a glance: per document, turns and each coder's codings, turns coded
    /// and done mark; per coder, totals and last activity. See ``ProjectStatus``.
    public func projectStatus() throws -> ProjectStatus {
        try read { store in
            ProjectStatus(documents: try store.documentIDsAndNames(), turns: try store.turnRanges(),
                          codings: try store.codingRangesByCoder(),
                          marks: try store.allDocumentMarks().map { ($0.documentID, $0.coder) },
                          lastActivity: try store.lastActivityByCoder())
        }
    }
}
