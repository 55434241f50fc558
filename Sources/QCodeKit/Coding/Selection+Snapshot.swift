import Foundation

/// A selection's spans, worked out from a read snapshot before any write transaction opens.
///
/// A regular expression can run for seconds (up to its time limit); inside `BEGIN IMMEDIATE`
/// that would hold every other writer out. So `code` and `uncode` read the document, compute
/// the spans with no transaction open, and then, inside the write, check that the document
/// is still the one they were computed on (the same id, text and turns) before using them.
struct SnapshotSelection {
    /// The document as it was when the spans were computed.
    let document: StoredDocument
    /// The selection's spans in that document.
    let spans: [TextSpan]

    /// The spans, if `current` (the document as the write transaction sees it) is the one
    /// they were computed on.
    ///
    /// - Throws: ``SelectionError/documentChanged(document:)`` if it changed meanwhile.
    func spans(confirmedBy current: StoredDocument) throws -> [TextSpan] {
        guard current.id == document.id, current.text == document.text, current.turns == document.turns else {
            throw SelectionError.documentChanged(document: current.name)
        }
        return spans
    }
}

extension Project {
    /// Looks up the document (and the code, so an unknown code is reported first) in a read
    /// snapshot, then computes the selection's spans outside any transaction.
    func selectedSpans(document query: String, code codeQuery: String?, selection: Selection) throws -> SnapshotSelection {
        let document = try read { store in
            let document = try store.document(named: query)
            if let codeQuery { _ = try store.resolveCode(codeQuery) }
            return document
        }
        return SnapshotSelection(document: document, spans: try document.spans(for: selection))
    }
}
