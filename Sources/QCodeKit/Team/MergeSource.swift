import Foundation

/// The other project's contents, read once in one snapshot before a merge writes anything.
///
/// Document texts are not held here: only documents missing from this project need theirs,
/// and ``document(_:)`` reads them one at a time.
struct MergeSource {
    let project: Project
    /// Every document (without text), code, attribute, case and coding there.
    let side: MergeSide
    /// The state the other project started from, if it was made by `copy`.
    let base: MergeBase?

    init(_ project: Project) throws {
        self.project = project
        (side, base) = try project.read { store in
            (try store.mergeSide(), try store.loadMergeBase())
        }
    }

    /// A document's whole row (text and packed spans) and its turns, from the other project.
    func document(_ id: Int64) throws -> (document: DocumentRecord, turns: [TurnRecord]) {
        try project.read { store in try store.documentWithTurns(id) }
    }
}
