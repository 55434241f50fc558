import Foundation
import GRDB

/// Named queries for listing, renaming and merging coders. Coder names compare ignoring
/// case (the column's collation); `coder(named:)` and `allCoderNames()` are in
/// `Store+Agreement.swift`.
extension Store {
    /// How many codings each coder has in each document (pairs with none are left out).
    func codingCountsByCoderAndDocument() throws -> [(coder: String, documentID: Int64, codings: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT r.name, k.document_id, count(*) FROM codings k JOIN coders r ON r.id = k.coder_id
            GROUP BY k.coder_id, k.document_id
            """).map { ($0[0], $0[1], $0[2]) }
    }

    /// Every document's id and name, in import order.
    func documentIDsAndNames() throws -> [(id: Int64, name: String)] {
        try Row.fetchAll(db, sql: "SELECT id, name FROM documents ORDER BY id").map { ($0[0], $0[1]) }
    }

    /// Renames a coder.
    func renameCoder(id: Int64, to name: String) throws {
        _ = try CoderRecord.filter(key: id).updateAll(db, CoderRecord.Columns.name.set(to: name))
    }

    /// Re-attributes the memos written by `old` (compared ignoring case) to `new`.
    func renameMemoAuthor(from old: String, to new: String) throws {
        try db.execute(sql: "UPDATE documents SET memo_by = ? WHERE memo_by = ? COLLATE NOCASE", arguments: [new, old])
        try db.execute(sql: "UPDATE codings SET memo_by = ? WHERE memo_by = ? COLLATE NOCASE", arguments: [new, old])
    }

    /// The number of codings a coder has.
    func codingCount(coderID: Int64) throws -> Int {
        try CodingRecord.filter(CodingRecord.Columns.coderID == coderID).fetchCount(db)
    }

    /// Makes every coding of coder `sourceID` one of `targetID`, except those that would
    /// duplicate one of the target's exactly (same document, code and range), which are
    /// deleted. Returns how many were moved and how many dropped.
    func moveCodings(fromCoder sourceID: Int64, toCoder targetID: Int64) throws -> (moved: Int, dropped: Int) {
        let total = try codingCount(coderID: sourceID)
        try db.execute(sql: "UPDATE OR IGNORE codings SET coder_id = ? WHERE coder_id = ?", arguments: [targetID, sourceID])
        let dropped = try codingCount(coderID: sourceID)
        try db.execute(sql: "DELETE FROM codings WHERE coder_id = ?", arguments: [sourceID])
        try db.execute(sql: "UPDATE OR IGNORE document_marks SET coder_id = ? WHERE coder_id = ?", arguments: [targetID, sourceID])
        try db.execute(sql: "DELETE FROM document_marks WHERE coder_id = ?", arguments: [sourceID])
        return (total - dropped, dropped)
    }

    /// Deletes a coder (who must have no codings left).
    func deleteCoder(id: Int64) throws {
        _ = try CoderRecord.deleteOne(db, key: id)
    }
}
