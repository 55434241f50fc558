import Foundation

/// The other project's contents, read once in one snapshot before a merge writes anything.
///
/// Document texts are not held here: only documents missing from this project need theirs,
/// and ``document(_:)`` reads them one at a time. The other file is only ever read (an
/// older format is read through a private migrated copy; see ``ReadOnlyProject``).
struct MergeSource {
    let project: ReadOnlyProject
    /// Every document (without text), code, attribute, case and coding there.
    let side: MergeSide
    /// The state the other project started from, if it was made by `copy`.
    let base: MergeBase?

    /// Reads the other project in one snapshot, after checking every document's text
    /// against its stored SHA-256 and length: documents match by hash, so a text changed
    /// behind its hash would have codings land on the wrong words here.
    ///
    /// - Throws: ``TeamError/corruptDocument(name:reason:)`` naming the first damaged document.
    init(_ project: ReadOnlyProject) throws {
        self.project = project
        (side, base) = try project.read { store in
            try store.forEachDocumentForCheck { document in
                if ContentHash.of(document.text) != document.sha256.lowercased() {
                    throw TeamError.corruptDocument(name: document.name, reason: "its text does not match its stored SHA-256")
                }
                if document.text.unicodeScalars.count != document.characters {
                    throw TeamError.corruptDocument(name: document.name, reason: "its length does not match its text")
                }
            }
            return (try store.mergeSide(), try store.loadMergeBase())
        }
    }

    /// A document's whole row (text and packed spans) and its turns, from the other project.
    func document(_ id: Int64) throws -> (document: DocumentRecord, turns: [TurnRecord]) {
        try project.read { store in try store.documentWithTurns(id) }
    }
}
