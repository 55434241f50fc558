import Foundation
import GRDB

/// What a copy looked like when it was made: the common ancestor a later merge compares
/// both sides with, so that a change made on one side only is not mistaken for a conflict.
///
/// ``Project/copy(to:forCoder:)`` stores it in the copy's `project_info` (key `team_base`);
/// ``Project/merge(from:dryRun:)`` reads it from the other project. Without one (the other
/// project was not made by `copy`), the merge compares the two sides alone.
struct MergeBase: Codable {
    /// Where a code sat: its parent's id and its name.
    struct Place: Codable, Equatable {
        var parent: String?
        var name: String
    }

    static let key = "team_base"

    /// Codes by id.
    var codes: [String: Place] = [:]
    /// Document memos by the document's SHA-256 (documents without a memo are absent).
    var documentMemos: [String: String] = [:]
    /// Case memos by case name.
    var caseMemos: [String: String] = [:]
    /// Coding memos by ``codingKey(sha256:code:coder:start:end:)``.
    var codingMemos: [String: String] = [:]

    /// What identifies a coding across projects.
    static func codingKey(sha256: String, code: String, coder: String, start: Int, end: Int) -> String {
        "\(sha256)\u{1F}\(code)\u{1F}\(coder.lowercased())\u{1F}\(start)\u{1F}\(end)"
    }

    /// Records the project's current state as the base, inside the caller's transaction.
    static func record(_ db: Database) throws {
        var base = MergeBase()
        for row in try Row.fetchAll(db, sql: "SELECT id, parent_id, name FROM codes") {
            base.codes[row["id"]] = Place(parent: row["parent_id"], name: row["name"])
        }
        for row in try Row.fetchAll(db, sql: "SELECT sha256, memo FROM documents WHERE memo IS NOT NULL") {
            base.documentMemos[row["sha256"]] = row["memo"]
        }
        for row in try Row.fetchAll(db, sql: "SELECT name, memo FROM cases WHERE memo IS NOT NULL") {
            base.caseMemos[row["name"]] = row["memo"]
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT d.sha256, g.code_id, c.name AS coder, g.start, g."end", g.memo
            FROM codings g JOIN documents d ON d.id = g.document_id JOIN coders c ON c.id = g.coder_id
            WHERE g.memo IS NOT NULL
            """) {
            base.codingMemos[codingKey(sha256: row["sha256"], code: row["code_id"], coder: row["coder"],
                                       start: row["start"], end: row["end"])] = row["memo"]
        }
        let json = String(decoding: try JSONEncoder().encode(base), as: UTF8.self)
        try db.execute(sql: "INSERT OR REPLACE INTO project_info(key, value) VALUES (?, ?)", arguments: [key, json])
    }

    /// The base stored in a project, if it was made by `copy`.
    static func load(_ db: Database) throws -> MergeBase? {
        guard let json = try String.fetchOne(db, sql: "SELECT value FROM project_info WHERE key = ?", arguments: [key]) else {
            return nil
        }
        return try? JSONDecoder().decode(MergeBase.self, from: Data(json.utf8))
    }
}
