import Foundation
import GRDB

/// A document as listed by `qcode docs`.
public struct DocumentSummary: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var `case`: String?
    public var characters: Int
    public var turns: Int
    public var speakers: [String]
    public var format: String
    public var memo: String?
}

/// A stored document with its text and structure.
///
/// Offsets are Unicode scalar offsets into `text` (NFC, LF line ends), end exclusive.
public struct StoredDocument: Sendable {
    public var id: Int64
    public var name: String
    public var caseName: String?
    public var text: String
    public var turns: [Turn]
    public var paragraphs: [TextSpan]
    public var sentences: [TextSpan]
    public var memo: String?

    /// The text's scalars, for slicing by offset.
    public var scalars: ScalarText { ScalarText(text) }
}

/// A document's text indexed by Unicode scalar offsets: its scalars, and its UTF-8 bytes
/// with the byte offset of every scalar, so that slicing is a copy of bytes.
public struct ScalarText: Sendable {
    public let scalars: [Unicode.Scalar]
    private let utf8: [UInt8]
    /// `byteOffsets[i]` is where scalar `i` starts in `utf8`; the last entry is the end.
    private let byteOffsets: [Int]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        utf8 = Array(text.utf8)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        for (index, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { offsets.append(index) }
        offsets.append(utf8.count)
        byteOffsets = offsets
    }

    /// Number of scalars.
    public var count: Int { scalars.count }

    /// The text from `start` to `end` (clamped to the text).
    public func slice(_ start: Int, _ end: Int) -> String {
        let lower = max(0, min(start, scalars.count))
        let upper = max(lower, min(end, scalars.count))
        return String(decoding: utf8[byteOffsets[lower]..<byteOffsets[upper]], as: UTF8.self)
    }
}

/// Errors naming a document that cannot be found.
public enum DocumentLookupError: Error, CustomStringConvertible, Equatable {
    case notFound(String)
    case ambiguous(String, [String])

    public var description: String {
        switch self {
        case .notFound(let query):
            return "no document '\(query)' (see 'qcode docs')"
        case .ambiguous(let query, let names):
            return "document '\(query)' is ambiguous: \(names.prefix(5).joined(separator: ", "))\(names.count > 5 ? ", ..." : "")"
        }
    }
}

extension Project {
    /// All documents, in import order.
    public func documents() throws -> [DocumentSummary] {
        try database.read { db in
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
    }

    /// The id of the document named by `query`: its id, its exact name, or a unique
    /// prefix of its name.
    public func documentID(_ query: String) throws -> Int64 {
        try database.read { db in try Self.documentID(db, query) }
    }

    static func documentID(_ db: Database, _ query: String) throws -> Int64 {
        if let id = Int64(query), try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE id = ?", arguments: [id]) == true {
            return id
        }
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE name = ?", arguments: [query]) {
            return id
        }
        let matches = try Row.fetchAll(db, sql: "SELECT id, name FROM documents WHERE substr(name, 1, length(?)) = ? ORDER BY name",
                                       arguments: [query, query])
        switch matches.count {
        case 1: return matches[0]["id"]
        case 0: throw DocumentLookupError.notFound(query)
        default: throw DocumentLookupError.ambiguous(query, matches.map { $0["name"] })
        }
    }

    /// The document with its text, turns, paragraphs and sentences.
    public func document(_ query: String) throws -> StoredDocument {
        try database.read { db in try Self.document(db, id: Self.documentID(db, query)) }
    }

    static func document(_ db: Database, id: Int64) throws -> StoredDocument {
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

    /// Sets or clears a document's memo.
    public func setDocumentMemo(_ query: String, memo: String?) throws {
        try write { store in
            let id = try Self.documentID(store.db, query)
            let row = try Row.fetchOne(store.db, sql: "SELECT name, memo FROM documents WHERE id = ?", arguments: [id])!
            try store.db.execute(sql: "UPDATE documents SET memo = ? WHERE id = ?", arguments: [memo, id])
            let name: String = row["name"]
            try store.record(.documentMemo(DocumentMemoChange(document: name, before: row["memo"], after: memo)),
                             summary: "memo on document \(name)")
        }
    }
}
