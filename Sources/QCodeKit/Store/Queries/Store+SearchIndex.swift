import Foundation
import GRDB

/// Which revision of a document the search index holds, and where its rows are.
struct IndexedDocument: Sendable, Equatable {
    var revision: Int
    var sha256: String
    /// The rowid of unit 0; unit *k* (turn number *k*, or 0 for a document without turns)
    /// is row `firstRow + k`.
    var firstRow: Int64
    /// The number of rowids reserved (turns + 1).
    var rows: Int
}

/// A document's identity as the search index compares it: revision and text hash.
struct DocumentVersion: Sendable, Equatable {
    var id: Int64
    var revision: Int
    var sha256: String
}

/// A document a search or word count reads, with its name and case.
struct SearchDocumentRow: Sendable {
    var id: Int64
    var name: String
    var caseName: String?
    var revision: Int
    var sha256: String
    var turnCount: Int
    var characters: Int
}

/// One unit of text a search reads: a turn (number from 1), or a document's whole text
/// when it has no turns (number 0). `text` is the unit's text when it was asked for.
struct SearchUnitRow: Sendable {
    var number: Int
    var speaker: String?
    var start: Int
    var end: Int
    var time: Double?
    var text: String?
}

/// Named queries of the full-text search index (`search_index`, a contentless FTS5 table,
/// with `search_index_documents` and `search_index_info`; see `Schema.searchIndex`).
///
/// The index is derived data: it is not recorded for undo, so after an undo, a removal, a
/// replacement or a merge it may lag behind `documents`. Searches compare the two (each
/// document's revision and text hash) and never trust rows of a document that changed;
/// ``Project/updateSearchIndex()`` brings it up to date.
extension Store {
    /// The documents the index holds, by id.
    func searchIndexedDocuments() throws -> [Int64: IndexedDocument] {
        var result: [Int64: IndexedDocument] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT document_id, revision, sha256, first_row, rows FROM search_index_documents") {
            result[row[0]] = IndexedDocument(revision: row[1], sha256: row[2], firstRow: row[3], rows: row[4])
        }
        return result
    }

    /// Every document's id, revision and text hash, in id order.
    func documentVersions() throws -> [DocumentVersion] {
        try Row.fetchAll(db, sql: "SELECT id, revision, sha256 FROM documents ORDER BY id")
            .map { DocumentVersion(id: $0[0], revision: $0[1], sha256: $0[2]) }
    }

    /// The number of stale rows in the index (see `search_index_info`).
    func searchIndexStaleRows() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT stale_rows FROM search_index_info WHERE id = 1") ?? 0
    }

    /// Forgets documents' rows (they stay in the index, stale, never read again).
    func forgetIndexedDocuments(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        let list = "(\(databaseQuestionMarks(count: ids.count)))"
        try db.execute(sql: """
            UPDATE search_index_info SET stale_rows = stale_rows +
                (SELECT ifnull(sum(rows), 0) FROM search_index_documents WHERE document_id IN \(list))
            WHERE id = 1
            """, arguments: StatementArguments(ids))
        try db.execute(sql: "DELETE FROM search_index_documents WHERE document_id IN \(list)", arguments: StatementArguments(ids))
    }

    /// Empties the index.
    func clearSearchIndex() throws {
        try db.execute(sql: "INSERT INTO search_index(search_index) VALUES ('delete-all')")
        try db.execute(sql: "DELETE FROM search_index_documents")
        try db.execute(sql: "UPDATE search_index_info SET next_row = 1, stale_rows = 0 WHERE id = 1")
    }

    /// A writer that adds documents to the index with prepared statements (imports use it).
    func makeSearchIndexWriter() throws -> SearchIndexWriter {
        SearchIndexWriter(
            db: db,
            insertRow: try db.makeStatement(sql: "INSERT INTO search_index(rowid, text) VALUES (?, ?)"),
            insertDocument: try db.makeStatement(sql: """
                INSERT OR REPLACE INTO search_index_documents(document_id, revision, sha256, first_row, rows)
                VALUES (?, ?, ?, ?, ?)
                """),
            nextRow: try db.makeStatement(sql: "SELECT next_row FROM search_index_info WHERE id = 1"),
            reserve: try db.makeStatement(sql: "UPDATE search_index_info SET next_row = next_row + ? WHERE id = 1"))
    }

    /// The rowids of the index rows matching an FTS5 query, in order.
    func fullTextMatches(_ query: String) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid", arguments: [query])
    }

    /// The documents whose name, case and case attributes pass the conditions, in id order.
    func searchDocuments(ids: [Int64], cases: [String], attributes: [(name: String, value: String)]) throws -> [SearchDocumentRow] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if !ids.isEmpty {
            conditions.append("d.id IN (\(databaseQuestionMarks(count: ids.count)))")
            arguments += StatementArguments(ids)
        }
        if !cases.isEmpty {
            conditions.append("c.name IN (\(databaseQuestionMarks(count: cases.count)))")
            arguments += StatementArguments(cases)
        }
        for condition in attributes {
            conditions.append("""
                EXISTS (SELECT 1 FROM case_values v JOIN attributes a ON a.id = v.attribute_id
                        WHERE v.case_id = d.case_id AND a.name = ? AND v.value = ?)
                """)
            arguments += [condition.name, condition.value]
        }
        return try Row.fetchAll(db, sql: """
            SELECT d.id, d.name, c.name, d.revision, d.sha256,
                   (SELECT count(*) FROM turns t WHERE t.document_id = d.id), d.characters
            FROM documents d LEFT JOIN cases c ON c.id = d.case_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY d.id
            """, arguments: arguments).map {
            SearchDocumentRow(id: $0[0], name: $0[1], caseName: $0[2], revision: $0[3], sha256: $0[4],
                              turnCount: $0[5], characters: $0[6])
        }
    }

    /// A document's turns (all, or those numbered `numbers`), in order, with their text when
    /// `withText` (sliced by SQLite, whose `substr` counts Unicode scalars as offsets do).
    func searchUnits(documentID: Int64, numbers: [Int]?, withText: Bool) throws -> [SearchUnitRow] {
        let textColumn = withText ? #"substr(d.text, t.start + 1, t."end" - t.start)"# : "NULL"
        let filter = numbers == nil ? "" : "AND t.number IN (SELECT value FROM json_each(?))"
        var arguments: StatementArguments = [documentID]
        if let numbers { arguments += [String(describing: numbers)] }
        return try Row.fetchAll(db, sql: """
            SELECT t.number, t.speaker, t.start, t."end", t.time, \(textColumn)
            FROM turns t JOIN documents d ON d.id = t.document_id
            WHERE t.document_id = ? \(filter)
            ORDER BY t.number
            """, arguments: arguments).map {
            SearchUnitRow(number: $0[0], speaker: $0[1], start: $0[2], end: $0[3], time: $0[4], text: $0[5])
        }
    }
}

/// Adds documents to the search index (from ``Store/makeSearchIndexWriter()``); valid in
/// the transaction that made it.
struct SearchIndexWriter {
    fileprivate let db: Database
    fileprivate let insertRow: Statement
    fileprivate let insertDocument: Statement
    fileprivate let nextRow: Statement
    fileprivate let reserve: Statement

    /// Indexes one document's turns (or, with none, its whole text) under fresh rowids.
    ///
    /// - Parameters:
    ///   - text: the document's stored text.
    ///   - turns: its turn spans in order (scalar offsets).
    func index(documentID: Int64, revision: Int, sha256: String, text: String, turns: [TextSpan]) throws {
        let firstRow = try Int64.fetchOne(nextRow) ?? 1
        let rows = turns.count + 1
        try reserve.execute(arguments: [rows])
        try insertDocument.execute(arguments: [documentID, revision, sha256, firstRow, rows])
        let bytes = Array(text.utf8)
        if turns.isEmpty {
            insertRow.setUncheckedArguments([firstRow, text])
            try insertRow.execute()
            return
        }
        let offsets = Project.scalarOffsets(bytes)
        let last = offsets.count - 1
        for (index, turn) in turns.enumerated() {
            let lower = offsets[min(turn.start, last)]
            let upper = offsets[min(turn.end, last)]
            insertRow.setUncheckedArguments([firstRow + Int64(index + 1), String(decoding: bytes[lower..<max(lower, upper)], as: UTF8.self)])
            try insertRow.execute()
        }
    }
}

/// The size of the search index against the text it indexes.
public struct SearchIndexStatistics: Sendable, Equatable {
    /// Documents the index holds as they are now.
    public var documents: Int
    /// Bytes of the index's own tables (FTS5 segments and their term index).
    public var indexBytes: Int
    /// Bytes of the documents' text (UTF-8).
    public var textBytes: Int
}

extension Store {
    /// How big the search index is, against the documents' text.
    func searchIndexStatistics() throws -> SearchIndexStatistics {
        let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM search_index_documents),
                   (SELECT ifnull(sum(length(block)), 0) FROM search_index_data)
                   + (SELECT ifnull(sum(length(term)) + 16 * count(*), 0) FROM search_index_idx),
                   (SELECT ifnull(sum(length(CAST(text AS BLOB))), 0) FROM documents)
            """)!
        return SearchIndexStatistics(documents: row[0], indexBytes: row[1], textBytes: row[2])
    }
}

extension Project {
    /// How big the search index is, against the documents' text.
    public func searchIndexStatistics() throws -> SearchIndexStatistics {
        try read { try $0.searchIndexStatistics() }
    }

    /// Empties the search index and builds it again from every document.
    ///
    /// - Returns: the number of documents indexed.
    @discardableResult
    public func rebuildSearchIndex() throws -> Int {
        try write { store in
            try store.clearSearchIndex()
            return try Self.updateSearchIndex(store)
        }
    }
}
