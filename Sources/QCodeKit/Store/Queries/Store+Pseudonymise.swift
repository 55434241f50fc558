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

    /// Deletes one coding.
    func deleteCoding(id: Int64) throws {
        try db.execute(sql: "DELETE FROM codings WHERE id = ?", arguments: [id])
    }

    /// Gives codings new ranges. Each is first moved out of the way by `parking`, so that no
    /// intermediate state collides with the uniqueness constraint (needs the update trigger dropped).
    func moveCodings(_ moves: [(id: Int64, start: Int, end: Int)], parking: Int) throws {
        let park = try db.makeStatement(sql: #"UPDATE codings SET start = start + ?, "end" = "end" + ? WHERE id = ?"#)
        for move in moves { try park.execute(arguments: [parking, parking, move.id]) }
        let place = try db.makeStatement(sql: #"UPDATE codings SET start = ?, "end" = ? WHERE id = ?"#)
        for move in moves { try place.execute(arguments: [move.start, move.end, move.id]) }
    }

    /// Applies `transform` to every non-null value of one text column; returns how many changed.
    func rewriteTextColumn(table: String, key: String, column: String, _ transform: (String) throws -> String) throws -> Int {
        var changed = 0
        for row in try Row.fetchAll(db, sql: "SELECT \(key), \(column) FROM \(table) WHERE \(column) IS NOT NULL") {
            let old: String = row[1]
            let new = try transform(old)
            guard new != old else { continue }
            try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE \(key) = ?", arguments: [new, row[0] as DatabaseValue])
            changed += 1
        }
        return changed
    }
}

extension Project {
    /// Writes a copy of this project to `target`, a new file: the whole project (SQLite's
    /// backup API) under a temporary name beside it, then `body` in one write transaction
    /// on the copy, then `VACUUM` (so no old row survives in free pages), then a rename into
    /// place. The temporary file is removed whatever happens.
    func writePseudonymisedCopy<T>(to target: URL, _ body: (Store) throws -> T) throws -> T {
        let partial = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: partial.path + suffix) }
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let copy = try DatabaseQueue(path: partial.path, configuration: configuration)
        try database.backup(to: copy)
        var result: T?
        try copy.inDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            try db.inTransaction(.immediate) {
                result = try body(Store(db, user: user))
                return .commit
            }
            try db.execute(sql: "VACUUM")
        }
        try copy.close()
        try FileManager.default.moveItem(at: partial, to: target)
        return result!
    }
}
