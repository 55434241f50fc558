import Foundation
import GRDB

/// Why an undo or redo was refused.
public enum UndoError: Error, CustomStringConvertible, Equatable {
    /// The newest change cannot be undone (e.g. an import or a codebook edit).
    case notUndoable(id: Int64, action: String, summary: String)
    /// The project has changed since, so the change cannot be reversed exactly.
    case conflict(id: Int64, reason: String)
    /// The entry's recorded state cannot be read.
    case unreadable(id: Int64, action: String)

    public var description: String {
        switch self {
        case .notUndoable(let id, let action, let summary):
            return "the latest change (#\(id), '\(action)': \(summary)) cannot be undone; only code, uncode and memo changes can"
        case .conflict(let id, let reason):
            return "cannot reverse change #\(id): \(reason)"
        case .unreadable(let id, let action):
            return "change #\(id) ('\(action)') does not record enough to be reversed"
        }
    }
}

/// A coding's memo change, as the `coding.memo.set` audit entry records it: the coding
/// by its natural key (ids change when a removal is undone) and the memo.
struct CodingMemoAuditRecord: Codable {
    var document: Int64
    var code: String
    var coder: String
    var start: Int
    var end: Int
    var memo: String?
}

/// Undo and redo, derived from the audit log alone (no extra table or column).
///
/// - An undo writes an entry with action `undo` and `after = {"undid": ID}`; a redo writes
///   `redo` with `after = {"redid": ID}`. An entry is *undone* when the newest `undo`/`redo`
///   entry naming it is an `undo`.
/// - `undo` reverses the newest change (by that coder, if given) that is not an undo or
///   redo and not undone. If that change cannot be reversed (imports, codebook edits,
///   bulk imports), it refuses rather than reaching past it.
/// - `redo` re-applies the undone change whose undo is newest, provided no new change
///   (by that coder, if given) was made after that undo: a new change clears the redo
///   stack, as in an editor.
///
/// Reversible actions: `code` (after = the codings added), `uncode` (before = the codings
/// removed), `coding.memo.set` (before/after = coding key and memo) and the older
/// `coding.memo` (memo strings, coding id in the summary). Since it reads the log, undo
/// works across sessions and processes; each undo or redo is one transaction.
extension Project {
    /// The actions `undo` knows how to reverse.
    public static let undoableActions: Set<String> = ["code", "uncode", "coding.memo", "coding.memo.set"]

    /// Undoes the newest change (by `coder`, if given) that has not been undone.
    ///
    /// - Returns: the entry that was undone, or nil when there is nothing to undo.
    /// - Throws: `UndoError` when the newest change cannot be undone.
    @discardableResult
    public func undo(coder: String? = nil) throws -> AuditLog.Entry? {
        try database.write { db in
            let state = try UndoState(db)
            guard let entry = try state.newestUndoable(db, coder: coder) else { return nil }
            guard Self.undoableActions.contains(entry.action) else {
                throw UndoError.notUndoable(id: entry.id, action: entry.action, summary: entry.summary)
            }
            try Self.apply(db, entry, reverse: true)
            try AuditLog.record(db, action: "undo", summary: "undid #\(entry.id): \(entry.summary)",
                                actor: coder, after: ["undid": entry.id])
            return entry
        }
    }

    /// Re-applies the most recently undone change (by `coder`, if given), unless a new
    /// change was made since it was undone.
    ///
    /// - Returns: the entry that was redone, or nil when there is nothing to redo.
    @discardableResult
    public func redo(coder: String? = nil) throws -> AuditLog.Entry? {
        try database.write { db in
            let state = try UndoState(db)
            guard let entry = try state.newestRedoable(db, coder: coder) else { return nil }
            try Self.apply(db, entry, reverse: false)
            try AuditLog.record(db, action: "redo", summary: "redid #\(entry.id): \(entry.summary)",
                                actor: coder, after: ["redid": entry.id])
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

    // MARK: Applying

    static func apply(_ db: Database, _ entry: AuditLog.Entry, reverse: Bool) throws {
        switch entry.action {
        case "code":
            let records = try decode([CodingAuditRecord].self, entry.after, entry)
            if reverse { try delete(db, records, entry) } else { try insert(db, records, entry) }
        case "uncode":
            let records = try decode([CodingAuditRecord].self, entry.before, entry)
            if reverse { try insert(db, records, entry) } else { try delete(db, records, entry) }
        case "coding.memo.set":
            let record = try decode(CodingMemoAuditRecord.self, reverse ? entry.before : entry.after, entry)
            let id = try codingID(db, document: record.document, code: record.code, coder: record.coder,
                                  start: record.start, end: record.end, entry)
            try db.execute(sql: "UPDATE codings SET memo = ? WHERE id = ?", arguments: [record.memo, id])
        case "coding.memo":
            // Older entries: memo strings, the coding id only in the summary "memo on coding N".
            guard let id = entry.summary.split(separator: " ").last.flatMap({ Int64($0) }) else {
                throw UndoError.unreadable(id: entry.id, action: entry.action)
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM codings WHERE id = ?", arguments: [id]) == true else {
                throw UndoError.conflict(id: entry.id, reason: "coding \(id) no longer exists")
            }
            let json = reverse ? entry.before : entry.after
            let memo = try json.map { try decode(String.self, $0, entry) }
            try db.execute(sql: "UPDATE codings SET memo = ? WHERE id = ?", arguments: [memo, id])
        default:
            throw UndoError.notUndoable(id: entry.id, action: entry.action, summary: entry.summary)
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ json: String?, _ entry: AuditLog.Entry) throws -> T {
        guard let json else { throw UndoError.unreadable(id: entry.id, action: entry.action) }
        do {
            return try JSONDecoder().decode(T.self, from: Data(json.utf8))
        } catch {
            throw UndoError.unreadable(id: entry.id, action: entry.action)
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

    private static func delete(_ db: Database, _ records: [CodingAuditRecord], _ entry: AuditLog.Entry) throws {
        for record in records {
            let id = try codingID(db, document: record.document, code: record.code, coder: record.coder,
                                  start: record.start, end: record.end, entry)
            try db.execute(sql: "DELETE FROM codings WHERE id = ?", arguments: [id])
        }
    }

    private static func insert(_ db: Database, _ records: [CodingAuditRecord], _ entry: AuditLog.Entry) throws {
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
struct UndoState {
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
