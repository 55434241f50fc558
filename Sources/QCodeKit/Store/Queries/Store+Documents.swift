import Foundation
import GRDB

/// Named queries on `documents` (and the turns that belong to them).
extension Store {
    /// The id of the document named by `query`, tried in this order: its id; its exact
    /// name; a unique prefix of its name; then, if none of those matches, the same
    /// ignoring case (exact name first, then prefix), so that `interview` finds
    /// `Interview` when no other document could be meant.
    ///
    /// - Throws: `DocumentLookupError.notFound` when nothing matches, `.ambiguous` (with
    ///   the candidates) when several do.
    func documentID(named query: String) throws -> Int64 {
        if let id = Int64(query), try DocumentRecord.exists(db, key: id) {
            return id
        }
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE name = ?", arguments: [query]) {
            return id
        }
        let matches = try Row.fetchAll(db, sql: "SELECT id, name FROM documents WHERE substr(name, 1, length(?)) = ? ORDER BY name",
                                       arguments: [query, query])
        switch matches.count {
        case 1: return matches[0]["id"]
        case 0: break
        default: throw DocumentLookupError.ambiguous(query, matches.map { $0["name"] })
        }
        let all = try Row.fetchAll(db, sql: "SELECT id, name FROM documents ORDER BY name")
            .map { (id: $0["id"] as Int64, name: $0["name"] as String) }
        return try DocumentNameLookup.resolveIgnoringCase(query, in: all)
    }

    /// The document with its text, turns, paragraphs and sentences.
    func document(id: Int64) throws -> StoredDocument {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT d.id, d.name, c.name AS case_name, d.text, d.paragraphs, d.sentences, d.memo
            FROM documents d LEFT JOIN cases c ON c.id = d.case_id WHERE d.id = ?
            """, arguments: [id]) else {
            throw DocumentLookupError.notFound(String(id))
        }
        let turns = try Row.fetchAll(db, sql: """
            SELECT speaker, start, "end", time, end_time FROM turns WHERE document_id = ? ORDER BY number
            """, arguments: [id]).map { turn in
            Turn(speaker: turn["speaker"], span: TextSpan(start: turn["start"], end: turn["end"]),
                 time: turn["time"], endTime: turn["end_time"])
        }
        return StoredDocument(id: row["id"], name: row["name"], caseName: row["case_name"], text: row["text"],
                              turns: turns, paragraphs: SpanPacking.unpack(row["paragraphs"]),
                              sentences: SpanPacking.unpack(row["sentences"]), memo: row["memo"])
    }

    /// The document named by `query` (see `documentID(named:)`).
    func document(named query: String) throws -> StoredDocument {
        try document(id: documentID(named: query))
    }

    /// Whether a document with this id exists.
    func documentExists(id: Int64) throws -> Bool {
        try DocumentRecord.exists(db, key: id)
    }

    /// Every document with its case, turn count and speakers (in order of first turn), in
    /// import order.
    func documentSummaries() throws -> [DocumentSummary] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.id, d.name, c.name AS case_name, d.characters, d.format, d.memo,
                   (SELECT count(*) FROM turns t WHERE t.document_id = d.id) AS turns,
                   (SELECT json_group_array(speaker) FROM (
                        SELECT speaker, min(number) AS first FROM turns t
                        WHERE t.document_id = d.id AND speaker IS NOT NULL
                        GROUP BY speaker ORDER BY first)) AS speakers
            FROM documents d LEFT JOIN cases c ON c.id = d.case_id
            ORDER BY d.id
            """)
        return rows.map { row in
            let speakersJSON: String = row["speakers"] ?? "[]"
            let speakers = (try? JSONDecoder().decode([String].self, from: Data(speakersJSON.utf8))) ?? []
            return DocumentSummary(id: row["id"], name: row["name"], case: row["case_name"],
                                   characters: row["characters"], turns: row["turns"],
                                   speakers: speakers, format: row["format"], memo: row["memo"])
        }
    }

    /// A document's memo (nil when it has none or the document does not exist).
    func documentMemo(id: Int64) throws -> String? {
        try DocumentRecord.filter(key: id).select(DocumentRecord.Columns.memo, as: String.self).fetchOne(db)
    }

    /// Sets or clears a document's memo, recording who wrote it and when (both cleared
    /// with the memo).
    func setDocumentMemo(id: Int64, memo: String?, author: String?) throws {
        _ = try DocumentRecord.filter(key: id).updateAll(db, [
            DocumentRecord.Columns.memo.set(to: memo),
            DocumentRecord.Columns.memoBy.set(to: memo == nil ? nil : author),
            DocumentRecord.Columns.memoAt.set(to: memo == nil ? nil : Clock.now()),
        ])
    }

    /// The name of the case a document is linked to, if any.
    func caseName(ofDocument id: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT c.name FROM documents d LEFT JOIN cases c ON c.id = d.case_id WHERE d.id = ?",
                            arguments: [id])
    }

    /// Links a document to a case (or unlinks it, with nil).
    func setCase(_ caseID: Int64?, ofDocument id: Int64) throws {
        _ = try DocumentRecord.filter(key: id).updateAll(db, DocumentRecord.Columns.caseID.set(to: caseID))
    }

    /// The names of the documents linked to a case, in import order.
    func documentNames(inCase caseID: Int64) throws -> [String] {
        try DocumentRecord
            .filter(DocumentRecord.Columns.caseID == caseID)
            .select(DocumentRecord.Columns.name, as: String.self)
            .order(DocumentRecord.Columns.id)
            .fetchAll(db)
    }
}
