import Foundation
import GRDB

/// The name and length of the document a checked coding or turn belongs to.
struct CheckedDocumentSize {
    var name: String
    var characters: Int
}

/// A coding whose range is empty, reversed, or not inside its document (``Store/codingsOutsideDocuments()``).
struct CheckedCoding {
    var coding: CodingRecord
    /// Nil when the coding's document does not exist.
    var document: CheckedDocumentSize?
}

/// A coding whose code or coder does not exist (``Store/codingsWithMissingReferences()``).
struct DanglingCoding {
    var coding: CodingRecord
    var codeMissing: Bool
    var coderMissing: Bool
}

/// A turn with its document's name and length (nil when the document does not exist).
struct CheckedTurn {
    var turn: TurnRecord
    var document: CheckedDocumentSize?
}

/// A row that refers to a row that is gone (SQLite's `foreign_key_check`).
struct ForeignKeyViolation {
    var table: String
    var rowID: Int64?
    var parent: String
}

/// Named queries for ``Project/check(limit:)``: SQLite's own checks and the rows qcode's
/// rules are checked against. All read only.
extension Store {
    /// `PRAGMA integrity_check`: `["ok"]`, or one line per problem.
    func sqliteIntegrityCheck() throws -> [String] {
        try String.fetchAll(db, sql: "PRAGMA integrity_check")
    }

    /// `PRAGMA foreign_key_check`.
    func foreignKeyViolations() throws -> [ForeignKeyViolation] {
        try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map {
            ForeignKeyViolation(table: $0[0], rowID: $0[1], parent: $0[2])
        }
    }

    /// Codings with an empty or reversed range, a range past their document's end, or no document, by id.
    func codingsOutsideDocuments() throws -> [CheckedCoding] {
        try Row.fetchAll(db, sql: """
            SELECT c.*, d.name AS document_name, d.characters AS document_characters
            FROM codings c LEFT JOIN documents d ON d.id = c.document_id
            WHERE d.id IS NULL OR c.start < 0 OR c.start >= c."end" OR c."end" > d.characters
            ORDER BY c.id
            """).map { CheckedCoding(coding: try CodingRecord(row: $0), document: Self.documentSize($0)) }
    }

    /// A left-joined document's name and length (columns `document_name`, `document_characters`),
    /// nil when there was no document to join.
    private static func documentSize(_ row: Row) -> CheckedDocumentSize? {
        guard let name: String = row["document_name"], let characters: Int = row["document_characters"] else { return nil }
        return CheckedDocumentSize(name: name, characters: characters)
    }

    /// Codings whose code or coder does not exist, by id.
    func codingsWithMissingReferences() throws -> [DanglingCoding] {
        try Row.fetchAll(db, sql: """
            SELECT c.*, k.id IS NULL AS no_code, u.id IS NULL AS no_coder
            FROM codings c LEFT JOIN codes k ON k.id = c.code_id LEFT JOIN coders u ON u.id = c.coder_id
            WHERE k.id IS NULL OR u.id IS NULL ORDER BY c.id
            """).map { DanglingCoding(coding: try CodingRecord(row: $0), codeMissing: $0["no_code"], coderMissing: $0["no_coder"]) }
    }

    /// Every turn, by document and number, streamed (one row in memory at a time).
    func forEachTurnForCheck(_ body: (CheckedTurn) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.*, d.name AS document_name, d.characters AS document_characters
            FROM turns t LEFT JOIN documents d ON d.id = t.document_id
            ORDER BY t.document_id, t.number
            """)
        while let row = try rows.next() {
            try body(CheckedTurn(turn: try TurnRecord(row: row), document: Self.documentSize(row)))
        }
    }

    /// Every code's id and parent id (as stored, even if the parent is missing).
    func codeParents() throws -> [(id: String, parentID: String?)] {
        try Row.fetchAll(db, sql: "SELECT id, parent_id FROM codes").map { ($0[0], $0[1]) }
    }

    /// Every document's text and derived columns, by id, streamed (one text in memory at a time).
    func forEachDocumentForCheck(_ body: (DocumentRecord) throws -> Void) throws {
        let rows = try DocumentRecord.order(DocumentRecord.Columns.id).fetchCursor(db)
        while let document = try rows.next() {
            try body(document)
        }
    }
}
