import Foundation
import GRDB

/// A memo as read from `documents` or `codings` (code by id; see `Project.memos`).
struct MemoRow: Sendable, Equatable {
    var isDocument: Bool
    var documentID: Int64
    var documentName: String
    var codingID: Int64?
    var codeID: String?
    var start: Int?
    var end: Int?
    var author: String?
    var at: String?
    var text: String
}

/// Named queries on memos: the `memo`, `memo_by` and `memo_at` columns of `documents`
/// and `codings`.
extension Store {
    /// Every document memo and coding memo, document by document in import order, each
    /// document's own memo before its codings' memos (in text order); only one
    /// document's when `documentID` is given.
    func memoRows(documentID: Int64? = nil) throws -> [MemoRow] {
        let onlyDocument = documentID == nil ? "" : "AND d.id = ?"
        let onlyCodings = documentID == nil ? "" : "AND k.document_id = ?"
        let arguments: StatementArguments = documentID.map { [$0, $0] } ?? []
        return try Row.fetchAll(db, sql: """
            SELECT 0 AS sort, d.id AS document_id, d.name AS document, NULL AS coding_id, NULL AS code_id,
                   NULL AS start, NULL AS "end", d.memo_by, d.memo_at, d.memo
            FROM documents d WHERE d.memo IS NOT NULL \(onlyDocument)
            UNION ALL
            SELECT 1, k.document_id, d.name, k.id, k.code_id, k.start, k."end", k.memo_by, k.memo_at, k.memo
            FROM codings k JOIN documents d ON d.id = k.document_id
            WHERE k.memo IS NOT NULL \(onlyCodings)
            ORDER BY document_id, sort, start, "end", coding_id
            """, arguments: arguments).map { row in
            MemoRow(isDocument: row["sort"] == 0, documentID: row["document_id"], documentName: row["document"],
                    codingID: row["coding_id"], codeID: row["code_id"], start: row["start"], end: row["end"],
                    author: row["memo_by"], at: row["memo_at"], text: row["memo"])
        }
    }
}
