import Foundation
import GRDB

/// Named queries for renaming, removing and replacing documents.
extension Store {
    /// The document row, by id.
    func documentRecord(_ id: Int64) throws -> DocumentRecord? {
        try DocumentRecord.fetchOne(db, key: id)
    }

    /// The document whose name equals `name` ignoring case, other than `except`.
    func documentNamed(_ name: String, except: Int64? = nil) throws -> DocumentRecord? {
        try DocumentRecord
            .filter(sql: "name = ? COLLATE NOCASE AND id IS NOT ?", arguments: [name, except])
            .fetchOne(db)
    }

    /// Renames a document.
    func renameDocument(_ id: Int64, to name: String) throws {
        try db.execute(sql: "UPDATE documents SET name = ? WHERE id = ?", arguments: [name, id])
    }

    /// How many codings a document has, and how many of them carry a memo.
    func codingCounts(ofDocument id: Int64) throws -> (codings: Int, memos: Int) {
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*), count(memo) FROM codings WHERE document_id = ?
            """, arguments: [id])!
        return (row[0], row[1])
    }

    /// Removes a document with its turns and codings.
    func deleteDocument(_ id: Int64) throws {
        try db.execute(sql: "DELETE FROM codings WHERE document_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM turns WHERE document_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [id])
    }

    /// Every coding of a document with its code path and coder name, by start.
    func documentCodings(_ id: Int64) throws -> [DocumentCodingRow] {
        let paths = try Project.codePaths(db)
        return try Row.fetchAll(db, sql: """
            SELECT k.id, k.code_id, r.name AS coder, k.start, k."end", k.memo
            FROM codings k JOIN coders r ON r.id = k.coder_id
            WHERE k.document_id = ? ORDER BY k.start, k."end", k.id
            """, arguments: [id]).map { row in
            DocumentCodingRow(id: row["id"], codeID: row["code_id"], codePath: paths[row["code_id"] as String] ?? row["code_id"],
                              coder: row["coder"], span: TextSpan(start: row["start"], end: row["end"]), memo: row["memo"])
        }
    }

    /// Replaces a document's text and structure (a new revision) and its turns.
    func replaceDocumentText(_ id: Int64, with document: ParsedDocument, sourceFile: String, sha256: String) throws {
        try db.execute(sql: """
            UPDATE documents SET text = ?, characters = ?, paragraphs = ?, sentences = ?, sha256 = ?,
                   format = ?, encoding = ?, source_file = ?, revision = revision + 1
            WHERE id = ?
            """, arguments: [document.text, document.text.unicodeScalars.count,
                             SpanPacking.pack(document.paragraphs), SpanPacking.pack(document.sentences),
                             sha256, document.format.rawValue, document.encoding?.rawValue, sourceFile, id])
        try db.execute(sql: "DELETE FROM turns WHERE document_id = ?", arguments: [id])
        let insertTurn = try db.makeStatement(sql: """
            INSERT INTO turns(document_id, number, speaker, start, "end", time, end_time) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, turn) in document.turns.enumerated() {
            try insertTurn.execute(arguments: [id, index + 1, turn.speaker, turn.span.start, turn.span.end, turn.time, turn.endTime])
        }
    }

    /// Moves codings to new ranges, all at once, keeping their ids and everything else:
    /// they are removed and put back, so that no intermediate state collides with the
    /// uniqueness of (document, code, coder, range) and the text-end trigger sees only
    /// final ranges.
    func moveCodings(_ moves: [(id: Int64, span: TextSpan)]) throws {
        guard !moves.isEmpty else { return }
        var records: [CodingRecord] = []
        for move in moves {
            guard var record = try CodingRecord.fetchOne(db, key: move.id) else { continue }
            record.start = move.span.start
            record.end = move.span.end
            records.append(record)
            _ = try CodingRecord.deleteOne(db, key: move.id)
        }
        for var record in records { try record.insert(db) }
    }
}

/// A coding of one document, as the lifecycle operations see it.
struct DocumentCodingRow: Sendable {
    var id: Int64
    var codeID: String
    var codePath: String
    var coder: String
    var span: TextSpan
    var memo: String?
}
