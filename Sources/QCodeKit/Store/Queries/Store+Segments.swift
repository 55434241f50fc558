import GRDB

/// Which codings a segment query selects: a ``SegmentFilter`` with its names already
/// resolved and checked (see `Project.codingSelection`). The speaker condition is not here;
/// it is applied to each coding's turn after reading.
struct CodingSelection {
    /// Only codings of these code ids; nil: every code.
    var codeIDs: [String]?
    /// Only codings by these coders (names, compared as the `coders` table does); empty: all.
    var coders: [String] = []
    /// Only codings in these documents; empty: all.
    var documentIDs: [Int64] = []
    /// Only codings in documents of these cases; empty: all.
    var cases: [String] = []
    /// Case attribute conditions `name = value`, all of which must hold.
    var attributes: [(name: String, value: String)] = []
}

/// One coding as segment listings and exports read it. `codeRowID` is the code's `rowid`
/// (an integer, cheaper per row than its text id).
struct SegmentCodingRow {
    var id: Int64
    var documentID: Int64
    var codeRowID: Int64
    var coderID: Int64
    var start: Int
    var end: Int
    var memo: String?
}

/// A document's name and case, for labelling rows.
struct DocumentLabel {
    var id: Int64
    var name: String
    var caseName: String?
}

extension Store {
    /// Calls `body` with each coding `selection` selects, in text order (document, start,
    /// end, code, coder), streaming from one cursor. The `codings_text_order` index covers
    /// every column, so there is no sort and no table visit.
    func forEachCodingInTextOrder(_ selection: CodingSelection, _ body: (SegmentCodingRow) throws -> Void) throws {
        let (whereClause, arguments) = Self.conditions(selection)
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT k.id, k.document_id, o.rowid, k.coder_id, k.start, k."end", k.memo
            FROM codings k
            JOIN codes o ON o.id = k.code_id
            JOIN documents d ON d.id = k.document_id
            JOIN coders r ON r.id = k.coder_id
            LEFT JOIN cases c ON c.id = d.case_id
            \(whereClause)
            ORDER BY k.document_id, k.start, k."end", k.code_id, k.coder_id
            """, arguments: arguments)
        while let row = try cursor.next() {
            try body(SegmentCodingRow(id: row[0], documentID: row[1], codeRowID: row[2], coderID: row[3],
                                      start: row[4], end: row[5], memo: row[6]))
        }
    }

    /// SQL conditions (for `codings k`, `documents d`, `coders r`, `cases c`) that select
    /// the codings of `selection`, as a `WHERE` clause (empty when none).
    static func conditions(_ selection: CodingSelection) -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let ids = selection.codeIDs {
            conditions.append("k.code_id IN (\(databaseQuestionMarks(count: ids.count)))")
            arguments += StatementArguments(ids)
        }
        if !selection.coders.isEmpty {
            conditions.append("r.name IN (\(databaseQuestionMarks(count: selection.coders.count)))")
            arguments += StatementArguments(selection.coders)
        }
        if !selection.documentIDs.isEmpty {
            conditions.append("k.document_id IN (\(databaseQuestionMarks(count: selection.documentIDs.count)))")
            arguments += StatementArguments(selection.documentIDs)
        }
        if !selection.cases.isEmpty {
            conditions.append("c.name IN (\(databaseQuestionMarks(count: selection.cases.count)))")
            arguments += StatementArguments(selection.cases)
        }
        for condition in selection.attributes {
            conditions.append("""
                EXISTS (SELECT 1 FROM case_values v JOIN attributes a ON a.id = v.attribute_id
                        WHERE v.case_id = d.case_id AND a.name = ? AND v.value = ?)
                """)
            arguments += [condition.name, condition.value]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// Whether an attribute of this name exists.
    func attributeExists(_ name: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM attributes WHERE name = ?", arguments: [name]) == true
    }

    /// The attribute names in column order (position, then id).
    func attributeNames() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM attributes ORDER BY position, id")
    }

    /// The names of coders with at least one coding, sorted.
    func namesOfCodersWithCodings() throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT name FROM coders WHERE id IN (SELECT DISTINCT coder_id FROM codings) ORDER BY name
            """)
    }

    /// Every coder's name by id.
    func coderNamesByID() throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM coders") { names[row[0]] = row[1] }
        return names
    }

    /// Every document's name and case.
    func documentLabels() throws -> [DocumentLabel] {
        try Row.fetchAll(db, sql: "SELECT d.id, d.name, c.name FROM documents d LEFT JOIN cases c ON c.id = d.case_id")
            .map { DocumentLabel(id: $0[0], name: $0[1], caseName: $0[2]) }
    }

    /// A document's stored text, or nil when there is no such document.
    func documentText(_ id: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [id])
    }

    /// A document's turns in order, as exports need them.
    func turnInfos(ofDocument id: Int64) throws -> [TurnInfo] {
        try Row.fetchAll(db, sql: """
            SELECT number, speaker, start, "end", time FROM turns WHERE document_id = ? ORDER BY number
            """, arguments: [id]).map { TurnInfo(number: $0[0], speaker: $0[1], start: $0[2], end: $0[3], time: $0[4]) }
    }

    /// The `rowid` of every code with its id.
    func codeIDsByRowID() throws -> [Int64: String] {
        var ids: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rowid, id FROM codes") { ids[row[0]] = row[1] }
        return ids
    }
}
