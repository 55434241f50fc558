import Foundation
import GRDB

/// Named queries on `codings`.
///
/// A coding is unique by (document, code, coder, start, end); inserting an exact duplicate
/// does nothing and is reported as such.
extension Store {
    // MARK: Adding

    /// Inserts codings of one code over `spans` for one coder, skipping exact duplicates.
    /// Uses one cached prepared statement.
    ///
    /// - Returns: the spans added (`changed`) and those already there (`duplicates`).
    func insertCodings(
        documentID: Int64, codeID: String, coderID: Int64, spans: [TextSpan], memo: String?
    ) throws -> CodingChange {
        let statement = try db.cachedStatement(sql: Self.insertCodingSQL)
        let now = Clock.now()
        var change = CodingChange()
        for span in spans {
            try statement.execute(arguments: [documentID, codeID, coderID, span.start, span.end, memo, now])
            if db.changesCount > 0 {
                change.changed.append(span)
            } else {
                change.duplicates.append(span)
            }
        }
        return change
    }

    /// Inserts one coding unless an exact duplicate exists; returns whether it was added.
    func insertCoding(
        documentID: Int64, codeID: String, coderID: Int64, start: Int, end: Int, memo: String?,
        createdAt: String = Clock.now()
    ) throws -> Bool {
        let statement = try db.cachedStatement(sql: Self.insertCodingSQL)
        try statement.execute(arguments: [documentID, codeID, coderID, start, end, memo, createdAt])
        return db.changesCount > 0
    }

    /// A writer for adding many codings with one prepared statement (the bulk path).
    func makeCodingInserter() throws -> CodingInserter {
        CodingInserter(db: db, statement: try db.makeStatement(sql: Self.insertCodingSQL), createdAt: Clock.now())
    }

    fileprivate static let insertCodingSQL = """
        INSERT INTO codings(document_id, code_id, coder_id, start, "end", memo, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(document_id, code_id, coder_id, start, "end") DO NOTHING
        """

    // MARK: Reading

    /// One coding by id.
    func coding(id: Int64) throws -> CodingRecord? {
        try CodingRecord.fetchOne(db, key: id)
    }

    /// The id of the coding with this natural key (coder by name), if it exists.
    func codingID(documentID: Int64, codeID: String, coderName: String, start: Int, end: Int) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT k.id FROM codings k JOIN coders r ON r.id = k.coder_id
            WHERE k.document_id = ? AND k.code_id = ? AND r.name = ? AND k.start = ? AND k."end" = ?
            """, arguments: [documentID, codeID, coderName, start, end])
    }

    /// One coder's codings in one document, in text order (start, end, code).
    func codings(documentID: Int64, coderID: Int64) throws -> [CodingRecord] {
        try CodingRecord
            .filter(CodingRecord.Columns.documentID == documentID && CodingRecord.Columns.coderID == coderID)
            .order(CodingRecord.Columns.start, CodingRecord.Columns.end, CodingRecord.Columns.codeID, CodingRecord.Columns.id)
            .fetchAll(db)
    }

    /// Every coding of any of these codes, by code id, then in id order.
    func codings(codeIDs: [String]) throws -> [CodingRecord] {
        try CodingRecord.filter(codeIDs.contains(CodingRecord.Columns.codeID))
            .order(CodingRecord.Columns.codeID, CodingRecord.Columns.id)
            .fetchAll(db)
    }

    /// The number of codings of any of these codes.
    func codingCount(codeIDs: [String]) throws -> Int {
        try CodingRecord.filter(codeIDs.contains(CodingRecord.Columns.codeID)).fetchCount(db)
    }

    /// The number of codings of each code that has any (optionally one coder's, by name;
    /// an unknown coder has none).
    func codingCountsByCode(coderName: String? = nil) throws -> [String: Int] {
        let sql = coderName == nil
            ? "SELECT code_id, count(*) FROM codings GROUP BY code_id"
            : "SELECT code_id, count(*) FROM codings WHERE coder_id = (SELECT id FROM coders WHERE name = ?) GROUP BY code_id"
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: coderName.map { [$0] } ?? []) {
            counts[row[0]] = row[1]
        }
        return counts
    }

    // MARK: Changing

    /// Sets or clears a coding's memo, recording who wrote it and when (both cleared with
    /// the memo).
    func setCodingMemo(id: Int64, memo: String?, author: String?) throws {
        _ = try CodingRecord.filter(key: id).updateAll(db, [
            CodingRecord.Columns.memo.set(to: memo),
            CodingRecord.Columns.memoBy.set(to: memo == nil ? nil : author),
            CodingRecord.Columns.memoAt.set(to: memo == nil ? nil : Clock.now()),
        ])
    }

    /// Deletes one coding.
    func deleteCoding(id: Int64) throws {
        _ = try CodingRecord.deleteOne(db, key: id)
    }

    /// Deletes every coding of any of these codes.
    func deleteCodings(codeIDs: [String]) throws {
        _ = try CodingRecord.filter(codeIDs.contains(CodingRecord.Columns.codeID)).deleteAll(db)
    }

    /// Makes every coding of code `sourceID` a coding of `targetID`; those that would
    /// duplicate an existing coding of the target are dropped.
    func moveCodings(fromCode sourceID: String, toCode targetID: String) throws {
        try db.execute(sql: "UPDATE OR IGNORE codings SET code_id = ? WHERE code_id = ?", arguments: [targetID, sourceID])
        try db.execute(sql: "DELETE FROM codings WHERE code_id = ?", arguments: [sourceID])
    }
}

/// Adds codings with one prepared statement, skipping exact duplicates (from
/// `Store.makeCodingInserter()`). Valid inside the transaction that made it.
struct CodingInserter {
    fileprivate let db: Database
    fileprivate let statement: Statement
    fileprivate let createdAt: String

    /// Inserts one coding; returns whether it was added (false for an exact duplicate).
    func insert(documentID: Int64, codeID: String, coderID: Int64, start: Int, end: Int, memo: String?) throws -> Bool {
        statement.setUncheckedArguments([documentID, codeID, coderID, start, end, memo, createdAt])
        try statement.execute()
        return db.changesCount > 0
    }
}
