import Foundation
import GRDB

/// One coding as agreement reads it: document, coder, code (`rowid`) and span.
struct AgreementCodingRow {
    var documentID: Int64
    var coderID: Int64
    var codeRowID: Int64
    var start: Int
    var end: Int
}

extension Store {
    /// Every coder's name, sorted.
    func allCoderNames() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM coders ORDER BY name")
    }

    /// The coder named `name` (compared ignoring case, as the table does), if any.
    func coder(named name: String) throws -> CoderRecord? {
        try CoderRecord.fetchOne(db, sql: "SELECT id, name FROM coders WHERE name = ?", arguments: [name])
    }

    /// The documents that every one of `coderIDs` has coded at least once, by id.
    func documentsCodedByAll(_ coderIDs: [Int64]) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT document_id FROM codings WHERE coder_id IN (\(databaseQuestionMarks(count: coderIDs.count)))
            GROUP BY document_id HAVING count(DISTINCT coder_id) = ? ORDER BY document_id
            """, arguments: StatementArguments(coderIDs) + [coderIDs.count])
    }

    /// A document's name and length in characters, or nil when there is no such document.
    func documentNameAndLength(_ id: Int64) throws -> (name: String, characters: Int)? {
        try Row.fetchOne(db, sql: "SELECT name, characters FROM documents WHERE id = ?", arguments: [id])
            .map { ($0["name"], $0["characters"]) }
    }

    /// Calls `body` with every coding by one of `coderIDs`, in no particular order.
    func forEachCoding(byCoders coderIDs: [Int64], _ body: (AgreementCodingRow) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT k.document_id, k.coder_id, c.rowid, k.start, k."end"
            FROM codings k JOIN codes c ON c.id = k.code_id
            WHERE k.coder_id IN (\(databaseQuestionMarks(count: coderIDs.count)))
            """, arguments: StatementArguments(coderIDs))
        while let row = try cursor.next() {
            try body(AgreementCodingRow(documentID: row[0], coderID: row[1], codeRowID: row[2], start: row[3], end: row[4]))
        }
    }

    /// Every document's turn spans in turn order, by document id, read in one query.
    func turnSpansByDocument() throws -> [Int64: [TextSpan]] {
        var spans: [Int64: [TextSpan]] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT document_id, start, \"end\" FROM turns ORDER BY document_id, number")
        while let row = try cursor.next() {
            spans[row[0], default: []].append(TextSpan(start: row[1], end: row[2]))
        }
        return spans
    }

    /// A document's sentence spans (empty when there is no such document).
    func sentenceSpans(ofDocument id: Int64) throws -> [TextSpan] {
        SpanPacking.unpack(try Data.fetchOne(db, sql: "SELECT sentences FROM documents WHERE id = ?", arguments: [id]) ?? Data())
    }

    /// A document's paragraph spans (empty when there is no such document).
    func paragraphSpans(ofDocument id: Int64) throws -> [TextSpan] {
        SpanPacking.unpack(try Data.fetchOne(db, sql: "SELECT paragraphs FROM documents WHERE id = ?", arguments: [id]) ?? Data())
    }
}
