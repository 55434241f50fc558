import Foundation
import GRDB

/// The audit trail: who changed what (`AuditAction`), when, and the changeset of the
/// change, so that it can be reviewed and undone. Entries are written by `Store.record`.
public enum AuditLog {
    /// Inserts one row; returns its id.
    @discardableResult
    static func insert(
        _ db: Database, name: String, summary: String, actor: String?,
        before: String?, after: String?, changes: Data?
    ) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO audit_log(at, actor, action, summary, before, after, changes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [Clock.now(), actor, name, summary, before, after, changes])
        return db.lastInsertedRowID
    }

    static func json(_ value: (any Encodable)?) throws -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// One entry of the audit trail.
    public struct Entry: Sendable, Codable, FetchableRecord, TableRecord {
        public static let databaseTableName = "audit_log"

        public var id: Int64
        public var at: String
        public var actor: String?
        public var action: String
        public var summary: String
        public var before: String?
        public var after: String?
        /// The changeset of the entry's transaction (nil in entries older than format 3).
        var changes: Data?

        /// What the entry did, typed.
        public var auditAction: AuditAction { AuditAction(name: action, before: before, after: after) }
    }
}

extension Project {
    /// The audit trail, newest first.
    public func auditEntries(limit: Int = 50) throws -> [AuditLog.Entry] {
        try database.read { db in
            try AuditLog.Entry.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [limit])
        }
    }
}
