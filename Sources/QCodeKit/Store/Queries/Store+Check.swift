import Foundation
import GRDB

/// The name and length of the document a checked coding or turn belongs to.
struct CheckedDocumentSize {
    var name: String
    var characters: Int
}

/// A coding whose range is empty, reversed, or not inside its document (``Store/codingsOutsideDocuments()``).
struct CheckedCoding {
    var id: Int64
    var start: Int
    var end: Int
    /// Nil when the coding's document does not exist.
    var document: CheckedDocumentSize?
}

/// A coding whose code or coder does not exist (``Store/codingsWithMissingReferences()``).
struct DanglingCoding {
    var id: Int64
    var codeID: String
    var coderID: Int64
    var codeMissing: Bool
    var coderMissing: Bool
}

/// A turn with its document's name and length (nil when the document does not exist).
struct CheckedTurn {
    var documentID: Int64
    var number: Int
    var start: Int
    var end: Int
    var document: CheckedDocumentSize?
}

/// A document's stored text and the columns derived from it.
struct CheckedDocument {
    var name: String
    var text: String
    var sha256: String
    var characters: Int
    var paragraphs: Data
    var sentences: Data
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
            SELECT c.id, c.start, c."end", d.name, d.characters
            FROM codings c LEFT JOIN documents d ON d.id = c.document_id
            WHERE d.id IS NULL OR c.start < 0 OR c.start >= c."end" OR c."end" > d.characters
            ORDER BY c.id
            """).map {
            CheckedCoding(id: $0[0], start: $0[1], end: $0[2], document: Self.documentSize(name: $0[3], characters: $0[4]))
        }
    }

    /// A left-joined document's name and length, nil when there was no document to join.
    private static func documentSize(name: String?, characters: Int?) -> CheckedDocumentSize? {
        guard let name, let characters else { return nil }
        return CheckedDocumentSize(name: name, characters: characters)
    }

    /// Codings whose code or coder does not exist, by id.
    func codingsWithMissingReferences() throws -> [DanglingCoding] {
        try Row.fetchAll(db, sql: """
            SELECT c.id, c.code_id, c.coder_id, k.id IS NULL AS no_code, u.id IS NULL AS no_coder
            FROM codings c LEFT JOIN codes k ON k.id = c.code_id LEFT JOIN coders u ON u.id = c.coder_id
            WHERE k.id IS NULL OR u.id IS NULL ORDER BY c.id
            """).map {
            DanglingCoding(id: $0[0], codeID: $0[1], coderID: $0[2], codeMissing: $0[3], coderMissing: $0[4])
        }
    }

    /// Every turn, by document and number, streamed (one row in memory at a time).
    func forEachTurnForCheck(_ body: (CheckedTurn) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.document_id, t.number, t.start, t."end", d.name, d.characters
            FROM turns t LEFT JOIN documents d ON d.id = t.document_id
            ORDER BY t.document_id, t.number
            """)
        while let row = try rows.next() {
            try body(CheckedTurn(documentID: row[0], number: row[1], start: row[2], end: row[3],
                                 document: Self.documentSize(name: row[4], characters: row[5])))
        }
    }

    /// Every code's id and parent id (as stored, even if the parent is missing).
    func codeParents() throws -> [(id: String, parentID: String?)] {
        try Row.fetchAll(db, sql: "SELECT id, parent_id FROM codes").map { ($0[0], $0[1]) }
    }

    /// Every document's text and derived columns, by id, streamed (one text in memory at a time).
    func forEachDocumentForCheck(_ body: (CheckedDocument) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT name, text, sha256, characters, paragraphs, sentences FROM documents ORDER BY id
            """)
        while let row = try rows.next() {
            try body(CheckedDocument(name: row[0], text: row[1], sha256: row[2], characters: row[3],
                                     paragraphs: row[4], sentences: row[5]))
        }
    }
}
