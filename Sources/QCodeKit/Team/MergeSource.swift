import Foundation
import GRDB

/// The other project's contents, read once in one snapshot before a merge writes anything.
///
/// Document texts are not held here: only documents missing from this project need theirs,
/// and ``documentRow(_:)`` reads them one at a time.
struct MergeSource {
    struct Document {
        var id: Int64
        var name: String
        var sha256: String
        var caseName: String?
        var memo: String?
    }

    struct Case {
        var name: String
        var memo: String?
        /// Values by attribute name.
        var values: [(attribute: String, value: String)]
    }

    struct Coding {
        var documentID: Int64
        var codeID: String
        var coder: String
        var start: Int
        var end: Int
        var memo: String?
        var createdAt: String
    }

    let project: Project
    var documents: [Document] = []
    /// Depth-first, so a parent always comes before its children.
    var codes: [FlatCode] = []
    var attributes: [(name: String, type: String)] = []
    var cases: [Case] = []
    var codings: [Coding] = []
    /// The state the other project started from, if it was made by `copy`.
    var base: MergeBase?

    init(_ project: Project) throws {
        self.project = project
        try project.database.read { db in
            documents = try Row.fetchAll(db, sql: """
                SELECT d.id, d.name, d.sha256, d.memo, c.name AS case_name
                FROM documents d LEFT JOIN cases c ON c.id = d.case_id ORDER BY d.id
                """).map { Document(id: $0["id"], name: $0["name"], sha256: $0["sha256"], caseName: $0["case_name"], memo: $0["memo"]) }
            codes = try Project.flatCodes(db)
            base = try MergeBase.load(db)
            attributes = try Row.fetchAll(db, sql: "SELECT name, type FROM attributes ORDER BY position, id")
                .map { ($0["name"], $0["type"]) }
            var values: [Int64: [(String, String)]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT v.case_id, a.name, v.value FROM case_values v JOIN attributes a ON a.id = v.attribute_id
                ORDER BY a.position, a.id
                """) {
                values[row["case_id"], default: []].append((row["name"], row["value"]))
            }
            cases = try Row.fetchAll(db, sql: "SELECT id, name, memo FROM cases ORDER BY id").map {
                Case(name: $0["name"], memo: $0["memo"], values: values[$0["id"]] ?? [])
            }
            codings = try Row.fetchAll(db, sql: """
                SELECT g.document_id, g.code_id, c.name AS coder, g.start, g."end", g.memo, g.created_at
                FROM codings g JOIN coders c ON c.id = g.coder_id ORDER BY g.id
                """).map {
                Coding(documentID: $0["document_id"], codeID: $0["code_id"], coder: $0["coder"], start: $0["start"],
                       end: $0["end"], memo: $0["memo"], createdAt: $0["created_at"])
            }
        }
    }

    /// A document's whole row (text and packed spans) and its turns, from the other project.
    func documentRow(_ id: Int64) throws -> (document: Row, turns: [Row]) {
        try project.database.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT name, format, encoding, source_file, sha256, text, characters, paragraphs, sentences, imported_at
                FROM documents WHERE id = ?
                """, arguments: [id]) else {
                throw DocumentLookupError.notFound(String(id))
            }
            let turns = try Row.fetchAll(db, sql: """
                SELECT number, speaker, start, "end", time, end_time FROM turns WHERE document_id = ? ORDER BY number
                """, arguments: [id])
            return (row, turns)
        }
    }
}
