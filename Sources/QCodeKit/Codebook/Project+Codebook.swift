import Foundation
import GRDB

/// What a codebook import changed.
public struct CodebookImportReport: Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
}

/// A code with the number of codings it and its subtree hold.
public struct CodeCount: Sendable, Equatable {
    public var code: FlatCode
    /// Codings of this code itself.
    public var own: Int
    /// Codings of this code and all its descendants.
    public var total: Int
}

extension Project {
    // MARK: Reading

    /// The stored codebook as a tree.
    public func codebook() throws -> Codebook {
        try database.read { db in
            let title = try String.fetchOne(db, sql: "SELECT value FROM project_info WHERE key = 'codebook_title'")
            let description = try String.fetchOne(db, sql: "SELECT value FROM project_info WHERE key = 'codebook_description'")
            return try Codebook.build(fromFlat: try Self.storedCodes(db), title: title, description: description)
        }
    }

    /// Every code, depth-first, with paths.
    public func codes() throws -> [FlatCode] {
        try database.read { db in try Self.flatCodes(db) }
    }

    /// Resolves a code by id, full path or unique path suffix.
    public func resolveCode(_ query: String) throws -> FlatCode {
        try database.read { db in try Self.resolveCode(db, query) }
    }

    /// Every code with its coding counts (optionally for one coder), depth-first.
    public func codeCounts(coder: String? = nil) throws -> [CodeCount] {
        try database.read { db in
            let codes = try Self.flatCodes(db)
            var own: [String: Int] = [:]
            let sql = coder == nil
                ? "SELECT code_id, count(*) FROM codings GROUP BY code_id"
                : "SELECT code_id, count(*) FROM codings WHERE coder_id = (SELECT id FROM coders WHERE name = ?) GROUP BY code_id"
            for row in try Row.fetchAll(db, sql: sql, arguments: coder.map { [$0] } ?? []) {
                own[row[0]] = row[1]
            }
            var total = own
            for code in codes.reversed() {
                if let parent = code.parentID {
                    total[parent, default: 0] += total[code.id, default: 0]
                }
            }
            return codes.map { CodeCount(code: $0, own: own[$0.id] ?? 0, total: total[$0.id] ?? 0) }
        }
    }

    static func storedCodes(_ db: Database) throws -> [FlatCode] {
        try Row.fetchAll(db, sql: "SELECT * FROM codes ORDER BY position, rowid").map { row in
            FlatCode(id: row["id"], parentID: row["parent_id"], position: row["position"], name: row["name"],
                     label: row["label"], colour: row["colour"], description: row["description"],
                     include: row["include"], exclude: row["exclude"],
                     examples: decodeList(row["examples"]), keywords: decodeList(row["keywords"]))
        }
    }

    static func flatCodes(_ db: Database) throws -> [FlatCode] {
        try Codebook.build(fromFlat: try storedCodes(db)).flattened
    }

    static func resolveCode(_ db: Database, _ query: String) throws -> FlatCode {
        try CodeResolver(try flatCodes(db)).resolve(query)
    }

    static func codePaths(_ db: Database) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try flatCodes(db).map { ($0.id, $0.path) })
    }

    /// The id of a code and of all its descendants.
    static func subtreeIDs(_ db: Database, of id: String) throws -> [String] {
        try String.fetchAll(db, sql: """
            WITH RECURSIVE subtree(id) AS (
                SELECT ?
                UNION ALL
                SELECT c.id FROM codes c JOIN subtree s ON c.parent_id = s.id
            )
            SELECT id FROM subtree
            """, arguments: [id])
    }

    // MARK: Import

    /// Adds or updates codes from a codebook. A code matches an existing one by id, else
    /// by path; matched codes take the file's definition, parent and position. Codes not
    /// in the file are kept.
    public func importCodebook(_ codebook: Codebook, source: String) throws -> CodebookImportReport {
        try database.write { db in
            var report = CodebookImportReport()
            let existing = try Self.flatCodes(db)
            let byID = Dictionary(uniqueKeysWithValues: existing.map { ($0.id, $0) })
            let byPath = Dictionary(existing.map { (CodePath($0.path).key, $0) }, uniquingKeysWith: { first, _ in first })
            var idFor: [String: String] = [:]  // file id -> stored id
            for code in codebook.flattened {
                let parentID = code.parentID.map { idFor[$0] ?? $0 }
                let match = byID[code.id] ?? byPath[CodePath(code.path).key]
                let storedID = match?.id ?? code.id
                idFor[code.id] = storedID
                var row = code
                row.id = storedID
                row.parentID = parentID
                if let match {
                    if Self.sameDefinition(match, row) {
                        report.unchanged += 1
                        continue
                    }
                    try Self.update(db, row)
                    report.updated += 1
                } else {
                    try Self.insert(db, row)
                    report.added += 1
                }
            }
            if let title = codebook.title {
                try db.execute(sql: "INSERT OR REPLACE INTO project_info(key, value) VALUES ('codebook_title', ?)", arguments: [title])
            }
            if let description = codebook.description {
                try db.execute(sql: "INSERT OR REPLACE INTO project_info(key, value) VALUES ('codebook_description', ?)", arguments: [description])
            }
            _ = try Self.flatCodes(db)  // refuses a result with cycles or clashing names
            try AuditLog.record(db, action: "codebook.import",
                                summary: "codebook from \(source): \(report.added) added, \(report.updated) updated")
            return report
        }
    }

    private static func sameDefinition(_ a: FlatCode, _ b: FlatCode) -> Bool {
        a.parentID == b.parentID && a.position == b.position && a.name == b.name && a.label == b.label
            && a.colour == b.colour && a.description == b.description && a.include == b.include
            && a.exclude == b.exclude && a.examples == b.examples && a.keywords == b.keywords
    }

    static func insert(_ db: Database, _ code: FlatCode) throws {
        try db.execute(sql: """
            INSERT INTO codes(id, parent_id, name, label, colour, description, include, exclude, examples, keywords, position)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [code.id, code.parentID, code.name, code.label, code.colour, code.description,
                             code.include, code.exclude, encodeList(code.examples), encodeList(code.keywords), code.position])
    }

    static func update(_ db: Database, _ code: FlatCode) throws {
        try db.execute(sql: """
            UPDATE codes SET parent_id = ?, name = ?, label = ?, colour = ?, description = ?, include = ?,
                             exclude = ?, examples = ?, keywords = ?, position = ?
            WHERE id = ?
            """, arguments: [code.parentID, code.name, code.label, code.colour, code.description, code.include,
                             code.exclude, encodeList(code.examples), encodeList(code.keywords), code.position, code.id])
    }

    static func encodeList(_ list: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(list)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeList(_ text: String?) -> [String] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
