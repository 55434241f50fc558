import Foundation
import GRDB

/// The audit trail: who changed what, when, with the state before and after as JSON,
/// so that a change can be reviewed and undone.
public enum AuditLog {
    /// Records one change inside the caller's transaction.
    ///
    /// - Parameters:
    ///   - action: a short verb phrase (`import`, `code`, `codebook.rename`, ...).
    ///   - summary: one line for people.
    ///   - actor: the coder or user responsible, if known.
    ///   - before: the affected state before the change (any `Encodable`), if any.
    ///   - after: the state after the change, if any.
    ///
    /// Deprecated path kept while features move to `Store.recordAudit`, which takes the
    /// acting user from the project instead of the environment.
    static func record(
        _ db: Database, action: String, summary: String, actor: String? = nil,
        before: (any Encodable)? = nil, after: (any Encodable)? = nil
    ) throws {
        try insert(db, action: action, summary: summary,
                   actor: actor ?? ProcessInfo.processInfo.environment["QCODE_CODER"], before: before, after: after)
    }

    static func insert(
        _ db: Database, action: String, summary: String, actor: String?,
        before: (any Encodable)?, after: (any Encodable)?
    ) throws {
        try db.execute(
            sql: "INSERT INTO audit_log(at, actor, action, summary, before, after) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [Clock.now(), actor, action, summary, try json(before), try json(after)])
    }

    private static func json(_ value: (any Encodable)?) throws -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// One entry of the audit trail.
    public struct Entry: Sendable, Codable, FetchableRecord {
        public var id: Int64
        public var at: String
        public var actor: String?
        public var action: String
        public var summary: String
        public var before: String?
        public var after: String?
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
