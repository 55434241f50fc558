import Foundation
import GRDB

/// A document's text and packed spans, for rewriting.
struct DocumentTextRow {
    var name: String
    var text: String
    var paragraphs: Data
    var sentences: Data
}

/// A coding's key and range, for moving it.
struct CodingSpanRow {
    var id: Int64
    var codeID: String
    var coderID: Int64
    var start: Int
    var end: Int
}

/// Named queries for ``Project/pseudonymise(with:to:)`` and ``Project/speakerNames()``.
/// The writes run inside the pseudonymised copy, never in the project itself.
extension Store {
    /// Speaker labels of every turn, by document and turn (repeats included).
    func speakerLabelsInOrder() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT speaker FROM turns WHERE speaker IS NOT NULL ORDER BY document_id, number")
    }

    /// Drops the named triggers that exist; returns their SQL, to put them back with ``createTriggers(_:)``.
    func dropTriggers(named names: [String]) throws -> [String] {
        var dropped: [String] = []
        for name in names {
            if let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [name]) {
                dropped.append(sql)
                try db.execute(sql: "DROP TRIGGER \(name)")
            }
        }
        return dropped
    }

    /// Creates triggers from their SQL.
    func createTriggers(_ sql: [String]) throws {
        for statement in sql { try db.execute(sql: statement) }
    }

    /// Every document's id, in order.
    func documentIDsInOrder() throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM documents ORDER BY id")
    }

    /// A document's name, text and packed spans.
    func documentText(id: Int64) throws -> DocumentTextRow? {
        try Row.fetchOne(db, sql: "SELECT name, text, paragraphs, sentences FROM documents WHERE id = ?", arguments: [id]).map {
            DocumentTextRow(name: $0["name"], text: $0["text"], paragraphs: $0["paragraphs"], sentences: $0["sentences"])
        }
    }

    /// A document's turns, in order.
    func turns(ofDocument id: Int64) throws -> [TurnRecord] {
        try TurnRecord.filter(TurnRecord.Columns.documentID == id).order(TurnRecord.Columns.number).fetchAll(db)
    }

    /// Sets one turn's speaker and range.
    func updateTurn(documentID: Int64, number: Int, speaker: String?, start: Int, end: Int) throws {
        try db.execute(sql: #"UPDATE turns SET speaker = ?, start = ?, "end" = ? WHERE document_id = ? AND number = ?"#,
                       arguments: [speaker, start, end, documentID, number])
    }

    /// Replaces a document's text and everything derived from it (needs the immutability trigger dropped).
    func replaceDocumentText(id: Int64, text: String, sha256: String, paragraphs: [TextSpan], sentences: [TextSpan]) throws {
        try db.execute(sql: "UPDATE documents SET text = ?, characters = ?, sha256 = ?, paragraphs = ?, sentences = ? WHERE id = ?",
                       arguments: [text, text.unicodeScalars.count, sha256,
                                   SpanPacking.pack(paragraphs), SpanPacking.pack(sentences), id])
    }

    /// A document's codings, by id.
    func codingSpans(ofDocument id: Int64) throws -> [CodingSpanRow] {
        try Row.fetchAll(db, sql: #"SELECT id, code_id, coder_id, start, "end" FROM codings WHERE document_id = ? ORDER BY id"#,
                         arguments: [id]).map {
            CodingSpanRow(id: $0["id"], codeID: $0["code_id"], coderID: $0["coder_id"], start: $0["start"], end: $0["end"])
        }
    }

    /// Gives codings new ranges. Each is first moved out of the way by `parking`, so that no
    /// intermediate state collides with the uniqueness constraint (needs the update trigger dropped).
    func moveCodings(_ moves: [(id: Int64, start: Int, end: Int)], parking: Int) throws {
        let park = try db.makeStatement(sql: #"UPDATE codings SET start = start + ?, "end" = "end" + ? WHERE id = ?"#)
        for move in moves { try park.execute(arguments: [parking, parking, move.id]) }
        let place = try db.makeStatement(sql: #"UPDATE codings SET start = ?, "end" = ? WHERE id = ?"#)
        for move in moves { try place.execute(arguments: [move.start, move.end, move.id]) }
    }

    /// Copies the whole project from the attached `source` into this new file, but for its
    /// audit log (which quotes text and offsets) and its merge base (which quotes names and memos).
    func copyProjectForPseudonymising() throws {
        try copyFromSource("project_info", where: "key <> ?", arguments: [MergeBase.key])
        for table in ["coders", "cases", "attributes", "case_values", "documents", "turns", "codes", "codings"] {
            try copyFromSource(table)
        }
    }

    /// Every column declared `TEXT` of every qcode table (not SQLite's or GRDB's own), as
    /// `(table, column)`, tables in name order.
    func textColumns() throws -> [(table: String, column: String)] {
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM main.sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name
            """)
        var columns: [(table: String, column: String)] = []
        for table in tables {
            for column in try db.columns(in: table, in: "main") where column.type.uppercased().contains("TEXT") {
                columns.append((table, column.name))
            }
        }
        return columns
    }

    /// Lets foreign keys be broken until the transaction commits (SQLite's
    /// `defer_foreign_keys`): a code's id and its children's parent id change one by one.
    func deferForeignKeyChecks() throws {
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
    }

    /// Applies `transform` to every non-null value of one text column (rows found by their
    /// primary key); returns how many values changed.
    func rewriteTextColumn(table: String, column: String, _ transform: (String) throws -> String) throws -> Int {
        let key = try db.primaryKey(table).columns
        let keyList = key.map { "\"\($0)\"" }.joined(separator: ", ")
        let match = key.map { "\"\($0)\" = ?" }.joined(separator: " AND ")
        let update = try db.makeStatement(sql: "UPDATE main.\"\(table)\" SET \"\(column)\" = ? WHERE \(match)")
        var changed = 0
        let rows = try Row.fetchAll(db, sql: "SELECT \(keyList), \"\(column)\" FROM main.\"\(table)\" WHERE \"\(column)\" IS NOT NULL")
        for row in rows {
            let value: DatabaseValue = row[key.count]
            guard case .string(let old) = value.storage else { continue }  // not text (SQLite allows any type)
            let new = try transform(old)
            guard new != old else { continue }
            let keyValues: [DatabaseValue] = (0..<key.count).map { row[$0] }
            try update.execute(arguments: StatementArguments([new.databaseValue] + keyValues))
            changed += 1
        }
        return changed
    }
}
