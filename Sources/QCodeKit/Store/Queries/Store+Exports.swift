import GRDB

/// A coding's document, code (`rowid`) and span: what counting exports read per coding.
struct CodedSpanRow {
    var documentID: Int64
    var codeRowID: Int64
    var start: Int
    var end: Int
}

/// A document's name, length in characters and case, for table rows.
struct DocumentSize: Equatable {
    var id: Int64
    var name: String
    var characters: Int
    var caseName: String?
}

extension Store {
    /// Calls `body` with each coding `selection` selects, ordered by document and start
    /// (the order co-occurrence counting needs), streaming from one cursor.
    func forEachCodingByDocument(_ selection: CodingSelection, _ body: (CodedSpanRow) throws -> Void) throws {
        let (whereClause, arguments) = Self.conditions(selection)
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT k.document_id, o.rowid, k.start, k."end"
            FROM codings k JOIN codes o ON o.id = k.code_id JOIN coders r ON r.id = k.coder_id
            JOIN documents d ON d.id = k.document_id LEFT JOIN cases c ON c.id = d.case_id
            \(whereClause)
            ORDER BY k.document_id, k.start
            """, arguments: arguments)
        while let row = try cursor.next() {
            try body(CodedSpanRow(documentID: row[0], codeRowID: row[1], start: row[2], end: row[3]))
        }
    }

    /// Calls `body` with every coding (by `coder` only, when given), in no particular order.
    func forEachCoding(byCoder coder: String?, _ body: (CodedSpanRow) throws -> Void) throws {
        let coderCondition = coder == nil ? "" : "WHERE k.coder_id = (SELECT id FROM coders WHERE name = ?)"
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT k.document_id, o.rowid, k.start, k."end" FROM codings k JOIN codes o ON o.id = k.code_id \(coderCondition)
            """, arguments: coder.map { [$0] } ?? [])
        while let row = try cursor.next() {
            try body(CodedSpanRow(documentID: row[0], codeRowID: row[1], start: row[2], end: row[3]))
        }
    }

    /// Calls `body` with the case id and code `rowid` of each coding `selection` selects in
    /// a document that belongs to a case.
    func forEachCodingOfACase(_ selection: CodingSelection, _ body: (_ caseID: Int64, _ codeRowID: Int64) throws -> Void) throws {
        let (whereClause, arguments) = Self.conditions(selection)
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT d.case_id, o.rowid
            FROM codings k JOIN codes o ON o.id = k.code_id JOIN coders r ON r.id = k.coder_id
            JOIN documents d ON d.id = k.document_id LEFT JOIN cases c ON c.id = d.case_id
            \(whereClause.isEmpty ? "WHERE" : whereClause + " AND") d.case_id IS NOT NULL
            """, arguments: arguments)
        while let row = try cursor.next() {
            try body(row[0], row[1])
        }
    }

    /// Each case's stored value of the attribute `name`, by case id.
    func caseValues(ofAttribute name: String) throws -> [Int64: String] {
        var values: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT v.case_id, v.value FROM case_values v JOIN attributes a ON a.id = v.attribute_id WHERE a.name = ?
            """, arguments: [name]) {
            values[row[0]] = row[1]
        }
        return values
    }

    /// Every document's name, length and case, in import order.
    func documentSizes() throws -> [DocumentSize] {
        try Row.fetchAll(db, sql: """
            SELECT d.id, d.name, d.characters, c.name FROM documents d LEFT JOIN cases c ON c.id = d.case_id ORDER BY d.id
            """).map { DocumentSize(id: $0[0], name: $0[1], characters: $0[2], caseName: $0[3]) }
    }
}
