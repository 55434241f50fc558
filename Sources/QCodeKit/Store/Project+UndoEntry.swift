import Foundation
import GRDB

/// Why undoing or redoing one named entry was refused.
enum UndoEntryError: Error, CustomStringConvertible, Equatable {
    /// No audit entry has this id.
    case noSuchEntry(Int64)
    /// The entry is already undone (by another session, or `qcode undo`).
    case alreadyUndone(id: Int64, summary: String)
    /// The entry is not undone, so there is nothing to redo (it was redone elsewhere).
    case notUndone(id: Int64, summary: String)

    var description: String {
        switch self {
        case .noSuchEntry(let id): return "change #\(id) is not in the log"
        case .alreadyUndone(let id, let summary): return "change #\(id) (\(summary)) was already undone in another session"
        case .notUndone(let id, let summary): return "change #\(id) (\(summary)) was already redone in another session"
        }
    }
}

/// Undo and redo of one named audit entry, for callers that keep their own history (the
/// terminal workspace undoes only the changes it made). The log is read and written as
/// `undo(coder:)` and `redo(coder:)` do (`undo` and `redo` entries naming the id), so the
/// command-line undo sees these too. The state is checked inside the transaction: an entry
/// undone elsewhere is not undone twice, and a coding that changed since is a conflict.
extension Project {
    /// Undoes the change recorded as audit entry `entryID`, as `actor`.
    ///
    /// - Returns: the entry that was undone.
    /// - Throws: `UndoEntryError` when the entry does not exist or is already undone,
    ///   `UndoError` when it cannot be reversed.
    @discardableResult
    func undo(entryID: Int64, actor: String?) throws -> AuditLog.Entry {
        try write { store in
            let entry = try Self.entry(store.db, entryID)
            guard Self.undoableActions.contains(entry.action) else {
                throw UndoError.notUndoable(id: entry.id, action: entry.action, summary: entry.summary)
            }
            guard try !UndoState(store.db).isUndone(entry.id) else {
                throw UndoEntryError.alreadyUndone(id: entry.id, summary: entry.summary)
            }
            try Self.apply(store.db, entry, reverse: true)
            try store.recordAudit(action: "undo", summary: "undid #\(entry.id): \(entry.summary)",
                                  actor: actor, after: ["undid": entry.id])
            return entry
        }
    }

    /// Re-applies the change recorded as audit entry `entryID`, which must be undone now.
    ///
    /// - Returns: the entry that was redone.
    /// - Throws: `UndoEntryError` when the entry does not exist or is not undone,
    ///   `UndoError` when it cannot be re-applied.
    @discardableResult
    func redo(entryID: Int64, actor: String?) throws -> AuditLog.Entry {
        try write { store in
            let entry = try Self.entry(store.db, entryID)
            guard Self.undoableActions.contains(entry.action) else {
                throw UndoError.notUndoable(id: entry.id, action: entry.action, summary: entry.summary)
            }
            guard try UndoState(store.db).isUndone(entry.id) else {
                throw UndoEntryError.notUndone(id: entry.id, summary: entry.summary)
            }
            try Self.apply(store.db, entry, reverse: false)
            try store.recordAudit(action: "redo", summary: "redid #\(entry.id): \(entry.summary)",
                                  actor: actor, after: ["redid": entry.id])
            return entry
        }
    }

    private static func entry(_ db: Database, _ id: Int64) throws -> AuditLog.Entry {
        guard let entry = try AuditLog.Entry.fetchOne(db, sql: "SELECT * FROM audit_log WHERE id = ?", arguments: [id]),
              entry.action != "undo", entry.action != "redo" else {
            throw UndoEntryError.noSuchEntry(id)
        }
        return entry
    }
}
