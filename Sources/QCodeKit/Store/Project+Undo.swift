import Foundation
import GRDB

/// Why an undo or redo was refused.
public enum UndoError: Error, CustomStringConvertible, Equatable {
    /// The change cannot be undone (an entry from an older qcode without undo data).
    case notUndoable(id: Int64, action: String, summary: String)
    /// The project has changed since, so the change cannot be reversed exactly.
    case conflict(id: Int64, reason: String)
    /// The entry's recorded state cannot be read.
    case unreadable(id: Int64, action: String)

    public var description: String {
        switch self {
        case .notUndoable(let id, let action, let summary):
            return "change #\(id) ('\(action)': \(summary)) was recorded by an older qcode without what undo needs"
        case .conflict(let id, let reason):
            return "cannot reverse change #\(id): \(reason)"
        case .unreadable(let id, let action):
            return "change #\(id) ('\(action)') does not record enough to be reversed"
        }
    }
}

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

/// A coding's memo change, as older `coding.memo.set` audit entries record it: the coding
/// by its natural key (ids change when a removal is undone) and the memo.
typealias CodingMemoAuditRecord = CodingSnapshot


/// Undo and redo of any change, derived from the audit log.
///
/// - Every entry written by format 3 or later keeps the changeset of its transaction:
///   the rows it inserted, deleted and updated (SQLite's session extension). Undo applies
///   the inverse changeset; an import also names the documents it added (their text is not
///   recorded twice), and undo removes them with their turns. If a later change touched the
///   same rows, undo refuses and says what changed; nothing is half-undone.
/// - An undo writes an entry `undo` (`{"undid": ID}`) whose changeset is what the undo
///   did; redo applies that changeset's inverse and writes `redo` (`{"redid": ID}`). An
///   entry is *undone* when the newest undo/redo naming it is an undo.
/// - `undo` takes the newest change (by that coder, if given) that is not an undo or redo
///   and not undone: the project's latest change, whoever made it, by default.
/// - `redo` re-applies the undone change whose undo is newest, provided no new change (by
///   that coder, if given) came after that undo: a new change clears the redo stack.
/// - Entries from older qcode versions (no changeset) are reversed from their payloads
///   where those say enough: codings added or removed, coding and document memos.
///
/// Undo and redo run with foreign-key enforcement off for their one transaction, so rows
/// come back exactly as recorded whatever the order of tables; a foreign-key check before
/// commit refuses any result that would leave a dangling link.
extension Project {
    /// Undoes the newest change (by `coder`, if given) that has not been undone.
    ///
    /// - Returns: the entry that was undone, or nil when there is nothing to undo.
    /// - Throws: `UndoError` when the change cannot be reversed exactly.
    @discardableResult
    public func undo(coder: String? = nil) throws -> AuditLog.Entry? {
        try reversing { store in
            let state = try UndoState(store.db)
            guard let entry = try state.newestUndoable(store.db, coder: coder) else { return nil }
            try Self.undo(entry, in: store)
            try store.record(.undo(entry: entry.id), summary: "undid #\(entry.id): \(entry.summary)", actor: coder)
            return entry
        }
    }

    /// Undoes one entry, named by id (the terminal workspace undoes only its own changes).
    ///
    /// - Throws: `UndoError` when the entry is already undone, is an undo or redo, or
    ///   cannot be reversed exactly.
    @discardableResult
    public func undo(entryID: Int64, actor: String? = nil) throws -> AuditLog.Entry {
        try reversing { store in
            let state = try UndoState(store.db)
            guard let entry = try AuditLog.Entry.fetchOne(store.db, key: entryID), !entry.auditAction.isUndoOrRedo else {
                throw UndoEntryError.noSuchEntry(entryID)
            }
            guard !state.isUndone(entryID) else {
                throw UndoEntryError.alreadyUndone(id: entry.id, summary: entry.summary)
            }
            try Self.undo(entry, in: store)
            try store.record(.undo(entry: entry.id), summary: "undid #\(entry.id): \(entry.summary)", actor: actor)
            return entry
        }
    }

    /// Re-applies the most recently undone change (by `coder`, if given), unless a new
    /// change was made since it was undone.
    ///
    /// - Returns: the entry that was redone, or nil when there is nothing to redo.
    @discardableResult
    public func redo(coder: String? = nil) throws -> AuditLog.Entry? {
        try reversing { store in
            let state = try UndoState(store.db)
            guard let entry = try state.newestRedoable(store.db, coder: coder) else { return nil }
            try Self.redo(entry, state: state, in: store)
            try store.record(.redo(entry: entry.id), summary: "redid #\(entry.id): \(entry.summary)", actor: coder)
            return entry
        }
    }

    /// Redoes one undone entry, named by id.
    @discardableResult
    public func redo(entryID: Int64, actor: String? = nil) throws -> AuditLog.Entry {
        try reversing { store in
            let state = try UndoState(store.db)
            guard let entry = try AuditLog.Entry.fetchOne(store.db, key: entryID), !entry.auditAction.isUndoOrRedo else {
                throw UndoEntryError.noSuchEntry(entryID)
            }
            guard state.isUndone(entryID) else {
                throw UndoEntryError.notUndone(id: entry.id, summary: entry.summary)
            }
            try Self.redo(entry, state: state, in: store)
            try store.record(.redo(entry: entry.id), summary: "redid #\(entry.id): \(entry.summary)", actor: actor)
            return entry
        }
    }

    /// Whether `undo(coder:)` / `redo(coder:)` would find something (undo may still refuse).
    public func undoAvailability(coder: String? = nil) throws -> (undo: AuditLog.Entry?, redo: AuditLog.Entry?) {
        try database.read { db in
            let state = try UndoState(db)
            return (try state.newestUndoable(db, coder: coder), try state.newestRedoable(db, coder: coder))
        }
    }

    /// Runs an undo or redo in one write transaction with foreign keys off (rows come back
    /// in any table order) and checked before commit.
    private func reversing<T>(_ body: (Store) throws -> T) throws -> T {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            var result: T?
            try db.inTransaction(.immediate) {
                let recorder = try ChangeRecorder(db)
                result = try body(Store(db, user: user, recorder: recorder))
                if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil {
                    throw UndoError.conflict(id: 0, reason: "the result would leave a dangling link")
                }
                return .commit
            }
            return result!
        }
    }

    // MARK: Applying

    private static func undo(_ entry: AuditLog.Entry, in store: Store) throws {
        let action = entry.auditAction
        guard !action.isUndoOrRedo else {
            throw UndoError.notUndoable(id: entry.id, action: entry.action, summary: entry.summary)
        }
        if let changes = entry.changes {
            do {
                try Changeset.apply(try Changeset.invert(changes), to: store.db)
            } catch let error as ChangeRecorderError {
                throw UndoError.conflict(id: entry.id, reason: error.description)
            }
            if case .importDocuments(let imported) = action, !imported.ids.isEmpty {
                try removeImportedDocuments(imported.ids, entry: entry, in: store)
            }
            return
        }
        try applyLegacy(store.db, entry, reverse: true)
    }

    private static func redo(_ entry: AuditLog.Entry, state: UndoState, in store: Store) throws {
        guard let undoID = state.marks[entry.id]?.at,
              let undoEntry = try AuditLog.Entry.fetchOne(store.db, key: undoID) else {
            throw UndoError.unreadable(id: entry.id, action: entry.action)
        }
        if let changes = undoEntry.changes {
            do {
                try Changeset.apply(try Changeset.invert(changes), to: store.db)
            } catch let error as ChangeRecorderError {
                throw UndoError.conflict(id: entry.id, reason: error.description)
            }
            return
        }
        try applyLegacy(store.db, entry, reverse: false)
    }

    /// Removes the documents an import added, with their turns. Codings made on them since
    /// (not part of the import) refuse the undo.
    private static func removeImportedDocuments(_ ids: [Int64], entry: AuditLog.Entry, in store: Store) throws {
        for id in ids {
            let later = try Int.fetchOne(store.db, sql: "SELECT count(*) FROM codings WHERE document_id = ?", arguments: [id]) ?? 0
            if later > 0 {
                let name = try String.fetchOne(store.db, sql: "SELECT name FROM documents WHERE id = ?", arguments: [id]) ?? String(id)
                throw UndoError.conflict(id: entry.id, reason: "document '\(name)' has \(later) coding(s) made since; undo or remove them first")
            }
            try store.db.execute(sql: "DELETE FROM turns WHERE document_id = ?", arguments: [id])
            try store.db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [id])
        }
    }

    /// Reverses (or re-applies) an entry written before changesets were kept.
    private static func applyLegacy(_ db: Database, _ entry: AuditLog.Entry, reverse: Bool) throws {
        switch entry.auditAction {
        case .code(let records) where !records.isEmpty:
            if reverse { try delete(db, records, entry) } else { try insert(db, records, entry) }
        case .uncode(let records) where !records.isEmpty:
            if reverse { try insert(db, records, entry) } else { try delete(db, records, entry) }
        case .codingMemo(let change) where change.legacyCodingID == nil:
            guard let record = reverse ? change.before : change.after else {
                throw UndoError.unreadable(id: entry.id, action: entry.action)
            }
            let id = try codingID(db, document: record.document, code: record.code, coder: record.coder,
                                  start: record.start, end: record.end, entry)
            try db.execute(sql: "UPDATE codings SET memo = ? WHERE id = ?", arguments: [record.memo, id])
        case .codingMemo(let change):
            // Format 1: memo strings, the coding id only in the summary "memo on coding N".
            guard let id = entry.summary.split(separator: " ").last.flatMap({ Int64($0) }) else {
                throw UndoError.unreadable(id: entry.id, action: entry.action)
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM codings WHERE id = ?", arguments: [id]) == true else {
                throw UndoError.conflict(id: entry.id, reason: "coding \(id) no longer exists")
            }
            try db.execute(sql: "UPDATE codings SET memo = ? WHERE id = ?",
                           arguments: [reverse ? change.legacyBefore : change.legacyAfter, id])
        case .documentMemo(let change):
            // Format 2: the memos, the document as the user named it in the summary.
            let prefix = "memo on document "
            let name = change.document.isEmpty && entry.summary.hasPrefix(prefix)
                ? String(entry.summary.dropFirst(prefix.count)) : change.document
            let id = try documentID(db, name)
            try db.execute(sql: "UPDATE documents SET memo = ? WHERE id = ?",
                           arguments: [reverse ? change.before : change.after, id])
        default:
            throw UndoError.notUndoable(id: entry.id, action: entry.action, summary: entry.summary)
        }
    }

    private static func codingID(
        _ db: Database, document: Int64, code: String, coder: String, start: Int, end: Int, _ entry: AuditLog.Entry
    ) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: """
            SELECT k.id FROM codings k JOIN coders r ON r.id = k.coder_id
            WHERE k.document_id = ? AND k.code_id = ? AND r.name = ? AND k.start = ? AND k."end" = ?
            """, arguments: [document, code, coder, start, end]) else {
            throw UndoError.conflict(id: entry.id, reason: "\(coder)'s coding \(code) at \(start)-\(end) no longer exists")
        }
        return id
    }

    private static func delete(_ db: Database, _ records: [CodingSnapshot], _ entry: AuditLog.Entry) throws {
        for record in records {
            let id = try codingID(db, document: record.document, code: record.code, coder: record.coder,
                                  start: record.start, end: record.end, entry)
            try db.execute(sql: "DELETE FROM codings WHERE id = ?", arguments: [id])
        }
    }

    private static func insert(_ db: Database, _ records: [CodingSnapshot], _ entry: AuditLog.Entry) throws {
        let now = Clock.now()
        for record in records {
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE id = ?", arguments: [record.document]) == true else {
                throw UndoError.conflict(id: entry.id, reason: "document \(record.document) no longer exists")
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM codes WHERE id = ?", arguments: [record.code]) == true else {
                throw UndoError.conflict(id: entry.id, reason: "code '\(record.code)' no longer exists")
            }
            let coderID = try coderID(db, name: record.coder)
            try db.execute(sql: """
                INSERT INTO codings(document_id, code_id, coder_id, start, "end", memo, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(document_id, code_id, coder_id, start, "end") DO NOTHING
                """, arguments: [record.document, record.code, coderID, record.start, record.end, record.memo, now])
            if db.changesCount == 0 {
                throw UndoError.conflict(id: entry.id, reason: "\(record.coder)'s coding \(record.code) at \(record.start)-\(record.end) exists again")
            }
        }
    }
}

/// The undo state read from the log: which entries are undone, and when.
private struct UndoState {
    /// Entry id -> (is undone, id of the newest undo/redo entry naming it).
    var marks: [Int64: (undone: Bool, at: Int64)] = [:]

    init(_ db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, action, after FROM audit_log WHERE action IN ('undo', 'redo') ORDER BY id
            """)
        while let row = try rows.next() {
            let id: Int64 = row["id"]
            let action: String = row["action"]
            guard let json: String = row["after"],
                  let object = try? JSONDecoder().decode([String: Int64].self, from: Data(json.utf8)),
                  let target = object[action == "undo" ? "undid" : "redid"] else { continue }
            marks[target] = (action == "undo", id)
        }
    }

    func isUndone(_ id: Int64) -> Bool { marks[id]?.undone ?? false }

    /// The newest change in scope that is not undone (whatever its action).
    func newestUndoable(_ db: Database, coder: String?) throws -> AuditLog.Entry? {
        let cursor = try AuditLog.Entry.fetchCursor(db, sql: """
            SELECT * FROM audit_log WHERE action NOT IN ('undo', 'redo') \(coder == nil ? "" : "AND actor = ?")
            ORDER BY id DESC
            """, arguments: coder.map { [$0] } ?? [])
        while let entry = try cursor.next() {
            if !isUndone(entry.id) { return entry }
        }
        return nil
    }

    /// The undone change in scope whose undo is newest, unless a change in scope followed it.
    func newestRedoable(_ db: Database, coder: String?) throws -> AuditLog.Entry? {
        let undone = marks.filter(\.value.undone).sorted { $0.value.at > $1.value.at }
        for (id, mark) in undone {
            guard let entry = try AuditLog.Entry.fetchOne(db, sql: "SELECT * FROM audit_log WHERE id = ?", arguments: [id]) else { continue }
            if let coder, entry.actor != coder { continue }
            let newer = try Bool.fetchOne(db, sql: """
                SELECT 1 FROM audit_log WHERE id > ? AND action NOT IN ('undo', 'redo') \(coder == nil ? "" : "AND actor = ?") LIMIT 1
                """, arguments: coder.map { [mark.at, $0] } ?? [mark.at]) == true
            return newer ? nil : entry
        }
        return nil
    }
}
