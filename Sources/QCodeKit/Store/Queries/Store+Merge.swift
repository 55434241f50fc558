import Foundation
import GRDB

/// A row SQLite refused (a constraint or trigger), with SQLite's reason.
struct RefusedRow: Error {
    var reason: String
}

/// Named queries for ``Project/merge(from:dryRun:)`` and the merge base a copy records.
extension Store {
    // MARK: Reading a side

    /// This project's rows as a merge compares them. Codings are those of the coders with
    /// the given ids (all codings when nil).
    func mergeSide(codingsOfCoders coderIDs: [Int64]? = nil) throws -> MergeSide {
        var side = MergeSide()
        side.documents = try Row.fetchAll(db, sql: """
            SELECT d.id, d.name, d.sha256, d.memo, c.name AS case_name
            FROM documents d LEFT JOIN cases c ON c.id = d.case_id ORDER BY d.id
            """).map {
            MergeSide.Document(id: $0["id"], name: $0["name"], sha256: $0["sha256"], caseName: $0["case_name"], memo: $0["memo"])
        }
        side.codes = try Project.flatCodes(db)
        side.attributes = try Row.fetchAll(db, sql: "SELECT name, type FROM attributes ORDER BY position, id")
            .map { MergeSide.Attribute(name: $0["name"], type: $0["type"]) }
        var values: [Int64: [(attribute: String, value: String)]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT v.case_id, a.name, v.value FROM case_values v JOIN attributes a ON a.id = v.attribute_id
            ORDER BY a.position, a.id
            """) {
            values[row["case_id"], default: []].append((row["name"], row["value"]))
        }
        side.cases = try Row.fetchAll(db, sql: "SELECT id, name, memo FROM cases ORDER BY id").map {
            MergeSide.Case(name: $0["name"], memo: $0["memo"], values: values[$0["id"]] ?? [])
        }
        side.coders = try String.fetchAll(db, sql: "SELECT name FROM coders ORDER BY id")
        let sql = """
            SELECT g.document_id, g.code_id, c.name AS coder, g.start, g."end", g.memo, g.created_at
            FROM codings g JOIN coders c ON c.id = g.coder_id
            """
        let coding = { (row: Row) in
            MergeSide.Coding(documentID: row["document_id"], codeID: row["code_id"], coder: row["coder"], start: row["start"],
                             end: row["end"], memo: row["memo"], createdAt: row["created_at"])
        }
        if let coderIDs {
            for id in coderIDs {
                side.codings += try Row.fetchAll(db, sql: sql + " WHERE g.coder_id = ? ORDER BY g.id", arguments: [id]).map(coding)
            }
        } else {
            side.codings = try Row.fetchAll(db, sql: sql + " ORDER BY g.id").map(coding)
        }
        let wanted = coderIDs.map(Set.init)
        let names = try coderNamesByID()
        side.marks = try DocumentMarkRecord.fetchAll(db).compactMap { mark in
            guard wanted?.contains(mark.coderID) ?? true, let coder = names[mark.coderID] else { return nil }
            return MergeSide.Mark(documentID: mark.documentID, coder: coder, markedAt: mark.markedAt)
        }
        return side
    }

    /// Every coder's id and name.
    func codersWithIDs() throws -> [(id: Int64, name: String)] {
        try Row.fetchAll(db, sql: "SELECT id, name FROM coders ORDER BY id").map { ($0[0], $0[1]) }
    }

    /// A document's whole row (text and packed spans) and its turns.
    func documentWithTurns(_ id: Int64) throws -> (document: DocumentRecord, turns: [TurnRecord]) {
        guard let document = try DocumentRecord.fetchOne(db, key: id) else {
            throw DocumentLookupError.notFound(String(id))
        }
        let turns = try TurnRecord.filter(TurnRecord.Columns.documentID == id).order(TurnRecord.Columns.number).fetchAll(db)
        return (document, turns)
    }

    // MARK: The merge base

    /// The project's codebook and memos now, as a copy records them for a later merge.
    func mergeBaseSnapshot() throws -> MergeBase {
        var base = MergeBase()
        for row in try Row.fetchAll(db, sql: "SELECT id, parent_id, name FROM codes") {
            base.codes[row["id"]] = MergeBase.Place(parent: row["parent_id"], name: row["name"])
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
            base.codingMemos[MergeBase.codingKey(sha256: row["sha256"], code: row["code_id"], coder: row["coder"],
                                                 start: row["start"], end: row["end"])] = row["memo"]
        }
        return base
    }

    /// Stores the merge base (`project_info` key `team_base`), replacing any.
    func saveMergeBase(_ base: MergeBase) throws {
        try ProjectInfoRecord(key: MergeBase.key, value: try base.encoded()).save(db)
    }

    /// The merge base stored in the project, if it was made by `copy` (nil if unreadable).
    func loadMergeBase() throws -> MergeBase? {
        guard let json = try ProjectInfoRecord.fetchOne(db, key: MergeBase.key)?.value else { return nil }
        return MergeBase.decode(json)
    }

    // MARK: Writing a merge

    /// Adds an attribute.
    func insertAttribute(name: String, type: String, position: Int) throws {
        var record = AttributeRecord(id: nil, name: name, type: type, position: position)
        try record.insert(db)
    }

    /// Every attribute's id by name.
    func attributeIDsByName() throws -> [String: Int64] {
        Dictionary(try AttributeRecord.fetchAll(db).map { ($0.name, $0.id!) }, uniquingKeysWith: { first, _ in first })
    }

    /// Adds a case.
    func insertCase(name: String, memo: String?) throws {
        var record = CaseRecord(id: nil, name: name, memo: memo)
        try record.insert(db)
    }

    /// Every case's id by name.
    func caseIDsByName() throws -> [String: Int64] {
        Dictionary(try CaseRecord.fetchAll(db).map { ($0.name, $0.id!) }, uniquingKeysWith: { first, _ in first })
    }

    /// Sets a case's memo.
    func setCaseMemo(caseID: Int64, memo: String?) throws {
        try db.execute(sql: "UPDATE cases SET memo = ? WHERE id = ?", arguments: [memo, caseID])
    }

    /// Adds one case's value of one attribute.
    func insertCaseValue(caseID: Int64, attributeID: Int64, value: String) throws {
        try CaseValueRecord(caseID: caseID, attributeID: attributeID, value: value).insert(db)
    }

    /// Adds a code as given (id, parent, position, definition).
    func insertMergedCode(_ code: FlatCode) throws {
        try Project.insert(db, code)
    }

    /// Refuses a codebook with clashing names or cycles.
    func validateCodebook() throws {
        _ = try Project.flatCodes(db)
    }

    /// Adds a document (as given, with a new id) and its turns; returns its id.
    func insertMergedDocument(_ document: DocumentRecord, turns: [TurnRecord]) throws -> Int64 {
        var record = document
        record.id = nil
        try record.insert(db)
        let id = record.id!
        let insertTurn = try db.cachedStatement(sql: """
            INSERT INTO turns(document_id, number, speaker, start, "end", time, end_time) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for turn in turns {
            try insertTurn.execute(arguments: [id, turn.number, turn.speaker, turn.start, turn.end, turn.time, turn.endTime])
        }
        return id
    }

    /// Links a document to a case.
    func setDocumentCase(documentID: Int64, caseID: Int64?) throws {
        try db.execute(sql: "UPDATE documents SET case_id = ? WHERE id = ?", arguments: [caseID, documentID])
    }

    /// The id of a coder (matched ignoring case), created on first use.
    func mergeCoderID(named name: String) throws -> Int64 {
        try Project.coderID(db, name: name)
    }

    /// Adds one coding.
    ///
    /// - Throws: ``RefusedRow`` when SQLite refuses it (past its document's end, a duplicate...).
    func insertMergedCoding(documentID: Int64, codeID: String, coderID: Int64, start: Int, end: Int,
                            memo: String?, createdAt: String) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO codings(document_id, code_id, coder_id, start, "end", memo, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        do {
            try insert.execute(arguments: [documentID, codeID, coderID, start, end, memo, createdAt])
        } catch let error as DatabaseError {
            throw RefusedRow(reason: error.message ?? "\(error)")
        }
    }

    /// Sets the memo of the coding with this document, code, coder and range.
    func setCodingMemo(documentID: Int64, codeID: String, coderID: Int64, start: Int, end: Int, memo: String?) throws {
        try db.execute(sql: """
            UPDATE codings SET memo = ? WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?
            """, arguments: [memo, documentID, codeID, coderID, start, end])
    }
}

extension Project {
    /// Copies the project to `NAME.premerge-YYYYMMDD-HHMMSS.qcode-backup` beside it.
    func backUpBeforeMerge() throws -> URL {
        try Self.backUp(database, url: url, label: "premerge")
    }

    /// Runs `body` in one write transaction like `write`, but rolls it back instead of
    /// committing when `commit` is false (a dry run).
    func write<T>(committing commit: Bool, _ body: (Store) throws -> T) throws -> T {
        if commit { return try write(body) }
        var result: T?
        try database.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                result = try body(Store(db, user: user))
                return .rollback
            }
        }
        return result!
    }
}
