import GRDB

/// A document as a REFI-QDA export writes it: no spans, which the standard has no place for.
struct REFIDocumentRow {
    var id: Int64
    var name: String
    var caseID: Int64?
    var text: String
    var importedAt: String
    var memo: String?
}

// MARK: Export

extension Store {
    /// When the project was created (`project_info.created_at`), if recorded.
    func projectCreatedAt() throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM project_info WHERE key = 'created_at'")
    }

    /// Every coder, by id.
    func codersInIDOrder() throws -> [CoderRecord] {
        try CoderRecord.fetchAll(db, sql: "SELECT id, name FROM coders ORDER BY id")
    }

    /// Every attribute, in column order (position, then id).
    func attributesInOrder() throws -> [AttributeRecord] {
        try AttributeRecord.fetchAll(db, sql: "SELECT id, name, type, position FROM attributes ORDER BY position, id")
    }

    /// Every document with its text, in import order.
    func documentsForREFI() throws -> [REFIDocumentRow] {
        try Row.fetchAll(db, sql: "SELECT id, name, case_id, text, imported_at, memo FROM documents ORDER BY id").map {
            REFIDocumentRow(id: $0[0], name: $0[1], caseID: $0[2], text: $0[3], importedAt: $0[4], memo: $0[5])
        }
    }

    /// Calls `body` with every coding, by document, start, end and id, streaming from one
    /// cursor (the records are filled by column index, not decoded).
    func forEachCodingInDocumentOrder(_ body: (CodingRecord) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT id, document_id, code_id, coder_id, start, "end", memo, created_at
            FROM codings ORDER BY document_id, start, "end", id
            """)
        while let row = try cursor.next() {
            try body(CodingRecord(id: row[0], documentID: row[1], codeID: row[2], coderID: row[3],
                                  start: row[4], end: row[5], memo: row[6], createdAt: row[7]))
        }
    }

    /// Every case, by name.
    func casesByName() throws -> [CaseRecord] {
        try CaseRecord.fetchAll(db, sql: "SELECT id, name, memo FROM cases ORDER BY name")
    }

    /// A case's attribute values, in attribute column order.
    func caseValues(ofCase caseID: Int64) throws -> [CaseValueRecord] {
        try CaseValueRecord.fetchAll(db, sql: """
            SELECT v.case_id, v.attribute_id, v.value FROM case_values v JOIN attributes a ON a.id = v.attribute_id
            WHERE v.case_id = ? ORDER BY a.position, a.id
            """, arguments: [caseID])
    }
}

// MARK: Import

extension Store {
    /// The id of the attribute `name`, added last with `type` if there is none.
    func addAttributeIfMissing(_ name: String, type: AttributeType) throws -> Int64? {
        try db.execute(sql: """
            INSERT INTO attributes(name, type, position) VALUES (?, ?, (SELECT count(*) FROM attributes))
            ON CONFLICT(name) DO NOTHING
            """, arguments: [name, type.rawValue])
        return try Int64.fetchOne(db, sql: "SELECT id FROM attributes WHERE name = ?", arguments: [name])
    }

    /// The id of the case `name`, created if there is none; `memo` becomes its memo when it
    /// has none.
    func addCaseIfMissing(_ name: String, memo: String?) throws -> Int64 {
        try db.execute(sql: "INSERT INTO cases(name, memo) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET memo = coalesce(memo, excluded.memo)",
                       arguments: [name, memo])
        return try Int64.fetchOne(db, sql: "SELECT id FROM cases WHERE name = ?", arguments: [name])!
    }

    /// The document whose text hashes to `sha256`: the one named `name` if there is one,
    /// else the oldest.
    func documentID(sha256: String, preferring name: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT id FROM documents WHERE sha256 = ? ORDER BY (name = ?) DESC, id LIMIT 1
            """, arguments: [sha256, name])
    }

    /// Sets a document's memo unless it has one.
    func setDocumentMemoIfNone(_ id: Int64, memo: String) throws {
        try db.execute(sql: "UPDATE documents SET memo = ? WHERE id = ? AND memo IS NULL", arguments: [memo, id])
    }
}
