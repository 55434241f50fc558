import Foundation
import GRDB

/// One coding as the workspace shows it.
public struct WorkspaceCoding: Sendable, Equatable {
    public var id: Int64
    public var codeID: String
    public var coder: String
    public var start: Int
    public var end: Int
    public var memo: String?
}

/// The data operations of the coding workspace. Each is one transaction and writes the
/// same audit entries as the CLI, so `qcode undo` reverses them.
extension Project {
    /// Every coding of a document (all coders), by start.
    public func workspaceCodings(documentID: Int64) throws -> [WorkspaceCoding] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT k.id, k.code_id, r.name AS coder, k.start, k."end", k.memo
                FROM codings k JOIN coders r ON r.id = k.coder_id
                WHERE k.document_id = ? ORDER BY k.start, k."end", k.id
                """, arguments: [documentID]).map {
                WorkspaceCoding(id: $0["id"], codeID: $0["code_id"], coder: $0["coder"],
                                start: $0["start"], end: $0["end"], memo: $0["memo"])
            }
        }
    }

    /// Codes `spans` of a document with a code (by id) for a coder; exact duplicates are
    /// left alone and reported. Records a `code` audit entry.
    public func code(documentID: Int64, codeID: String, coder: String, spans: [TextSpan]) throws -> CodingChange {
        try database.write { db in
            guard let name = try String.fetchOne(db, sql: "SELECT name FROM documents WHERE id = ?", arguments: [documentID]) else {
                throw DocumentLookupError.notFound(String(documentID))
            }
            return try Self.applyCode(db, documentID: documentID, documentName: name,
                                      code: try Self.resolveCode(db, codeID), coder: coder, spans: spans, memo: nil)
        }
    }

    /// Removes one coding. Records an `uncode` audit entry.
    public func removeCoding(id: Int64, coder: String) throws {
        try database.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT k.document_id, d.name AS document, k.code_id, r.name AS coder, k.start, k."end", k.memo
                FROM codings k JOIN coders r ON r.id = k.coder_id JOIN documents d ON d.id = k.document_id
                WHERE k.id = ?
                """, arguments: [id]) else { throw CodingError.noSuchCoding(id) }
            try db.execute(sql: "DELETE FROM codings WHERE id = ?", arguments: [id])
            let record = CodingAuditRecord(document: row["document_id"], code: row["code_id"], coder: row["coder"],
                                           start: row["start"], end: row["end"], memo: row["memo"])
            let path = (try? Self.codePaths(db)[record.code]) ?? record.code
            try AuditLog.record(db, action: "uncode",
                                summary: "\(coder) removed 1 coding(s) (\(path)) from \(row["document"] as String)",
                                actor: coder, before: [record])
        }
    }

    /// Sets or clears one coding's memo. Records a `coding.memo.set` audit entry naming the
    /// coding by document, code, coder and range, so it can be undone after the coding
    /// was removed and restored.
    public func setCodingMemo(id: Int64, memo: String?, coder: String) throws {
        try database.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT k.document_id, k.code_id, r.name AS coder, k.start, k."end", k.memo
                FROM codings k JOIN coders r ON r.id = k.coder_id WHERE k.id = ?
                """, arguments: [id]) else { throw CodingError.noSuchCoding(id) }
            try db.execute(sql: "UPDATE codings SET memo = ? WHERE id = ?", arguments: [memo, id])
            let before = CodingMemoAuditRecord(document: row["document_id"], code: row["code_id"], coder: row["coder"],
                                               start: row["start"], end: row["end"], memo: row["memo"])
            var after = before
            after.memo = memo
            try AuditLog.record(db, action: "coding.memo.set",
                                summary: "\(coder) \(memo == nil ? "cleared the memo" : "set a memo") on coding \(id) (\(before.code) \(before.start)-\(before.end))",
                                actor: coder, before: before, after: after)
        }
    }
}
