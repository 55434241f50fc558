import GRDB

/// The named queries of the terminal workspace (`Workspace/`).
///
/// The workspace names every coding it changes by what its user saw (document, code,
/// coder, range), never by the row id it read earlier: ids are reused by SQLite once the
/// newest row is deleted, so a stale id could point at someone else's coding.
extension Store {
    /// SQLite's `PRAGMA data_version`: a number that changes (on this connection) whenever
    /// another connection has committed a change to the file since it was last read. The
    /// connection's own changes do not move it.
    func dataVersion() throws -> Int64 {
        try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
    }

    /// Every coding of a document (all coders), by start, end and id.
    func workspaceCodings(documentID: Int64) throws -> [WorkspaceCoding] {
        try Row.fetchAll(db, sql: """
            SELECT k.id, k.document_id, k.code_id, r.name AS coder, k.start, k."end", k.memo
            FROM codings k JOIN coders r ON r.id = k.coder_id
            WHERE k.document_id = ? ORDER BY k.start, k."end", k.id
            """, arguments: [documentID]).map {
            WorkspaceCoding(id: $0["id"], documentID: $0["document_id"], codeID: $0["code_id"], coder: $0["coder"],
                            start: $0["start"], end: $0["end"], memo: $0["memo"])
        }
    }

    /// The coding with exactly this document, code, coder and range (unique in the
    /// schema), as it is now; nil when there is none.
    func coding(matching target: CodingTarget) throws -> WorkspaceCoding? {
        try Row.fetchOne(db, sql: """
            SELECT k.id, k.memo FROM codings k JOIN coders r ON r.id = k.coder_id
            WHERE k.document_id = ? AND k.code_id = ? AND r.name = ? AND k.start = ? AND k."end" = ?
            """, arguments: [target.documentID, target.codeID, target.coder, target.start, target.end]).map {
            WorkspaceCoding(id: $0["id"], documentID: target.documentID, codeID: target.codeID, coder: target.coder,
                            start: target.start, end: target.end, memo: $0["memo"])
        }
    }

    /// The coding whose row id is `rowID` now, or nil.
    func coding(rowID: Int64) throws -> WorkspaceCoding? {
        try Row.fetchOne(db, sql: """
            SELECT k.id, k.document_id, k.code_id, r.name AS coder, k.start, k."end", k.memo
            FROM codings k JOIN coders r ON r.id = k.coder_id WHERE k.id = ?
            """, arguments: [rowID]).map {
            WorkspaceCoding(id: $0["id"], documentID: $0["document_id"], codeID: $0["code_id"], coder: $0["coder"],
                            start: $0["start"], end: $0["end"], memo: $0["memo"])
        }
    }

    /// Deletes one coding row (found with `coding(matching:)` in this transaction).
    func deleteCoding(rowID: Int64) throws {
        try CodingRecord.deleteOne(db, key: rowID)
    }

    /// A document's name, or nil when there is no document with that id.
    func documentName(id: Int64) throws -> String? {
        try DocumentRecord.select(DocumentRecord.Columns.name).filter(key: id).asRequest(of: String.self).fetchOne(db)
    }

    /// The code with exactly this id (never a path or suffix match), with its path.
    func code(exactID id: String) throws -> FlatCode? {
        try Project.flatCodes(db).first { $0.id == id }
    }

    /// Codes `spans` of a document with a code for a coder (exact duplicates are left
    /// alone), recording one `code` audit entry as `qcode code` does.
    ///
    /// - Returns: the change and the id of its audit entry (nil when nothing was added).
    func code(documentID: Int64, documentName: String, code: FlatCode, coder: String,
              spans: [TextSpan]) throws -> (change: CodingChange, auditID: Int64?) {
        try Project.applyCode(self, documentID: documentID, documentName: documentName,
                              code: code, coder: coder, spans: spans, memo: nil)
    }
}
