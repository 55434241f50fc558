import Foundation
import GRDB

/// Applies a ``MergeSource`` to this project's database, inside the caller's transaction.
///
/// The steps run in dependency order: attributes, cases, codes, documents, codings. Each
/// fills a map from the other project's ids to ours. Nothing of ours is overwritten: a
/// value of theirs is taken only where ours is missing, and every difference is listed in
/// the report as a conflict.
struct ProjectMerger {
    let db: Database
    let source: MergeSource
    var report: MergeReport
    /// Codings added, as the audit log records them (enough to undo the merge).
    private(set) var addedCodings: [CodingAuditRecord] = []

    private var attributeIDs: [String: Int64] = [:]
    private var caseIDs: [String: Int64] = [:]
    /// Their code id to ours.
    private var codeIDs: [String: String] = [:]
    /// Our code id to its path here.
    private var codePaths: [String: String] = [:]
    /// Their document id to ours.
    private var documentIDs: [Int64: Int64] = [:]
    /// Their coder name, lower-cased, to our coder id and name.
    private var coders: [String: (id: Int64, name: String)] = [:]

    init(db: Database, source: MergeSource, report: MergeReport) {
        self.db = db
        self.source = source
        self.report = report
    }

    mutating func run() throws {
        try mergeAttributes()
        try mergeCases()
        try mergeCodes()
        try mergeDocuments()
        try mergeCodings()
    }

    // MARK: Cases and attributes

    private mutating func mergeAttributes() throws {
        var ours: [String: (id: Int64, type: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name, type FROM attributes") {
            ours[row["name"]] = (row["id"], row["type"])
        }
        for (name, type) in source.attributes {
            if let existing = ours[name] {
                attributeIDs[name] = existing.id
                if existing.type != type {
                    report.conflicts.append(MergeConflict(kind: .attributeType, subject: "type of attribute '\(name)'",
                                                          ours: existing.type, theirs: type))
                }
                continue
            }
            try db.execute(sql: "INSERT INTO attributes(name, type, position) VALUES (?, ?, (SELECT count(*) FROM attributes))",
                           arguments: [name, type])
            attributeIDs[name] = db.lastInsertedRowID
            report.attributesAdded.append(name)
        }
    }

    private mutating func mergeCases() throws {
        for theirs in source.cases {
            let caseID: Int64
            if let row = try Row.fetchOne(db, sql: "SELECT id, memo FROM cases WHERE name = ?", arguments: [theirs.name]) {
                caseID = row["id"]
                if let memo = memoToTake(ours: row["memo"], theirs: theirs.memo, base: source.base.map { $0.caseMemos[theirs.name] },
                                         subject: "memo on case '\(theirs.name)'") {
                    try db.execute(sql: "UPDATE cases SET memo = ? WHERE id = ?", arguments: [memo, caseID])
                }
            } else {
                try db.execute(sql: "INSERT INTO cases(name, memo) VALUES (?, ?)", arguments: [theirs.name, theirs.memo])
                caseID = db.lastInsertedRowID
                report.casesAdded.append(theirs.name)
            }
            caseIDs[theirs.name] = caseID
            for (attribute, value) in theirs.values {
                guard let attributeID = attributeIDs[attribute] else { continue }
                let ours = try String.fetchOne(db, sql: "SELECT value FROM case_values WHERE case_id = ? AND attribute_id = ?",
                                               arguments: [caseID, attributeID])
                if let ours {
                    if ours != value {
                        report.conflicts.append(MergeConflict(kind: .caseValue, subject: "case '\(theirs.name)', attribute '\(attribute)'",
                                                              ours: ours, theirs: value))
                    }
                } else {
                    try db.execute(sql: "INSERT INTO case_values(case_id, attribute_id, value) VALUES (?, ?, ?)",
                                   arguments: [caseID, attributeID, value])
                    report.valuesAdded += 1
                }
            }
        }
    }

    // MARK: Codes

    /// Matches each of their codes by id, then by path (under its parent as matched here,
    /// then as written there); adds the rest, parents first, keeping their ids.
    private mutating func mergeCodes() throws {
        var byID: [String: FlatCode] = [:]
        var byPath: [String: FlatCode] = [:]
        var lastPosition: [String: Int] = [:]  // parent id ("" for the top) to its children's highest position
        for code in try Project.flatCodes(db) {
            byID[code.id] = code
            if byPath[CodePath(code.path).key] == nil { byPath[CodePath(code.path).key] = code }
            lastPosition[code.parentID ?? "", default: -1] = max(lastPosition[code.parentID ?? "", default: -1], code.position)
            codePaths[code.id] = code.path
        }
        for code in source.codes {
            var parentID: String?
            if let theirParent = code.parentID {
                guard let mapped = codeIDs[theirParent] else { throw TeamError.brokenCodebook(code: code.path) }
                parentID = mapped
            }
            if let ours = byID[code.id] {
                codeIDs[code.id] = ours.id
                let here = MergeBase.Place(parent: ours.parentID, name: CodePath.normalise(ours.name))
                let there = MergeBase.Place(parent: parentID, name: CodePath.normalise(code.name))
                let before = source.base?.codes[code.id].map {
                    MergeBase.Place(parent: $0.parent.flatMap { codeIDs[$0] ?? $0 }, name: CodePath.normalise($0.name))
                }
                // Moved or renamed there (or on both sides differently): ours is kept and
                // the difference listed. Moved or renamed only here: nothing to say.
                if here != there && (before == nil || there != before) {
                    report.conflicts.append(MergeConflict(kind: .codeRenamed, subject: "code '\(code.id)'",
                                                          ours: ours.path, theirs: code.path))
                }
                continue
            }
            let parent = parentID.flatMap { byID[$0] }
            let path = parent.map { "\($0.path)/\(code.name)" } ?? code.name
            if let ours = byPath[CodePath(path).key] ?? byPath[CodePath(code.path).key] {
                codeIDs[code.id] = ours.id
                continue
            }
            var row = code
            row.parentID = parentID
            row.path = path
            row.depth = (parent?.depth ?? -1) + 1
            row.position = lastPosition[parentID ?? "", default: -1] + 1
            try Project.insert(db, row)
            lastPosition[parentID ?? ""] = row.position
            byID[row.id] = row
            byPath[CodePath(path).key] = row
            codeIDs[code.id] = row.id
            codePaths[row.id] = path
            report.codesAdded.append(path)
        }
        if !report.codesAdded.isEmpty {
            _ = try Project.flatCodes(db)  // refuses a codebook with clashing names or cycles
        }
    }

    // MARK: Documents

    /// Matches documents by text (SHA-256), never by name alone; adds the rest with their
    /// text and structure, renaming one whose name is taken by a different text.
    private mutating func mergeDocuments() throws {
        for theirs in source.documents {
            guard let ours = try Row.fetchOne(db, sql: """
                SELECT d.id, d.name, d.case_id, d.memo, c.name AS case_name
                FROM documents d LEFT JOIN cases c ON c.id = d.case_id
                WHERE d.sha256 = ? ORDER BY d.name = ? DESC, d.id LIMIT 1
                """, arguments: [theirs.sha256, theirs.name]) else {
                try addDocument(theirs)
                continue
            }
            let id: Int64 = ours["id"]
            let name: String = ours["name"]
            documentIDs[theirs.id] = id
            if let theirCase = theirs.caseName, let theirCaseID = caseIDs[theirCase] {
                let ourCase: String? = ours["case_name"]
                if ourCase == nil {
                    try db.execute(sql: "UPDATE documents SET case_id = ? WHERE id = ?", arguments: [theirCaseID, id])
                    report.documentLinksAdded += 1
                } else if ourCase != theirCase {
                    report.conflicts.append(MergeConflict(kind: .documentCase, subject: "case of document '\(name)'",
                                                          ours: ourCase, theirs: theirCase))
                }
            }
            if let memo = memoToTake(ours: ours["memo"], theirs: theirs.memo, base: source.base.map { $0.documentMemos[theirs.sha256] },
                                     subject: "memo on document '\(name)'") {
                try db.execute(sql: "UPDATE documents SET memo = ? WHERE id = ?", arguments: [memo, id])
            }
        }
    }

    private mutating func addDocument(_ theirs: MergeSource.Document) throws {
        let (row, turns) = try source.documentRow(theirs.id)
        let text: String = row["text"]
        let characters: Int = row["characters"]
        let hash = ContentHash.of(text)
        guard hash == theirs.sha256 else {
            throw TeamError.corruptDocument(name: theirs.name, reason: "its text does not match its SHA-256")
        }
        guard text.unicodeScalars.count == characters else {
            throw TeamError.corruptDocument(name: theirs.name, reason: "its length does not match its text")
        }
        var name = theirs.name
        var suffix = 2
        while try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE name = ?", arguments: [name]) == true {
            name = "\(theirs.name) (\(suffix))"
            suffix += 1
        }
        if name != theirs.name {
            report.conflicts.append(MergeConflict(kind: .documentName, subject: "document '\(theirs.name)'", ours: theirs.name, theirs: name))
        }
        try db.execute(sql: """
            INSERT INTO documents(name, case_id, format, encoding, source_file, sha256, text, characters,
                                  paragraphs, sentences, imported_at, memo)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [name, theirs.caseName.flatMap { caseIDs[$0] }, row["format"], row["encoding"],
                             row["source_file"], theirs.sha256, text, characters, row["paragraphs"], row["sentences"],
                             row["imported_at"], theirs.memo])
        let id = db.lastInsertedRowID
        let insertTurn = try db.cachedStatement(sql: """
            INSERT INTO turns(document_id, number, speaker, start, "end", time, end_time) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for turn in turns {
            try insertTurn.execute(arguments: [id, turn["number"], turn["speaker"], turn["start"], turn["end"],
                                               turn["time"], turn["end_time"]])
        }
        documentIDs[theirs.id] = id
        report.documentsAdded.append(name)
    }

    // MARK: Codings

    /// Adds each coding unless an exact duplicate (document, code, coder, start, end) is here.
    private mutating func mergeCodings() throws {
        let insert = try db.makeStatement(sql: """
            INSERT INTO codings(document_id, code_id, coder_id, start, "end", memo, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(document_id, code_id, coder_id, start, "end") DO NOTHING
            """)
        let documents = Dictionary(source.documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for coding in source.codings {
            let documentName = documents[coding.documentID]?.name ?? String(coding.documentID)
            guard let documentID = documentIDs[coding.documentID], let codeID = codeIDs[coding.codeID] else {
                throw TeamError.invalidCoding(document: documentName, start: coding.start, end: coding.end,
                                              reason: "its document or code is missing")
            }
            let coder = try coder(named: coding.coder)
            do {
                try insert.execute(arguments: [documentID, codeID, coder.id, coding.start, coding.end, coding.memo, coding.createdAt])
            } catch let error as DatabaseError {
                throw TeamError.invalidCoding(document: documentName, start: coding.start, end: coding.end,
                                              reason: error.message ?? "\(error)")
            }
            if db.changesCount > 0 {
                report.codingsAdded[coder.name, default: 0] += 1
                addedCodings.append(CodingAuditRecord(document: documentID, code: codeID, coder: coder.name,
                                                      start: coding.start, end: coding.end, memo: coding.memo))
                continue
            }
            report.codingsAlreadyHere += 1
            guard coding.memo?.isEmpty == false else { continue }
            let key: StatementArguments = [documentID, codeID, coder.id, coding.start, coding.end]
            let ours = try String.fetchOne(db, sql: """
                SELECT memo FROM codings WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?
                """, arguments: key)
            let subject = "memo on \(coder.name)'s coding \(coding.start)-\(coding.end) of '\(documentName)' as \(codePaths[codeID] ?? codeID)"
            let base = source.base.map {
                $0.codingMemos[MergeBase.codingKey(sha256: documents[coding.documentID]?.sha256 ?? "", code: coding.codeID,
                                                   coder: coding.coder, start: coding.start, end: coding.end)]
            }
            if let memo = memoToTake(ours: ours, theirs: coding.memo, base: base, subject: subject) {
                try db.execute(sql: """
                    UPDATE codings SET memo = ? WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start = ? AND "end" = ?
                    """, arguments: [memo] + key)
            }
        }
    }

    /// Our coder for their coder's name, matched case-insensitively (created if new).
    private mutating func coder(named name: String) throws -> (id: Int64, name: String) {
        if let known = coders[name.lowercased()] { return known }
        let id = try Project.coderID(db, name: name)
        let stored = try String.fetchOne(db, sql: "SELECT name FROM coders WHERE id = ?", arguments: [id]) ?? name
        coders[name.lowercased()] = (id, stored)
        return (id, stored)
    }

    // MARK: Memos

    /// The memo to write, if any.
    ///
    /// With a base (the memo when the copy was made): theirs is taken if only they changed
    /// it; if both changed it differently, ours is kept and the conflict listed. Without one:
    /// theirs fills an empty memo of ours, and two different memos are a conflict. A memo
    /// they cleared is never cleared here.
    ///
    /// - Parameter base: nil when no base is known; `.some(nil)` when the base had no memo.
    private mutating func memoToTake(ours: String?, theirs: String?, base: String??, subject: String) -> String? {
        let ours = ours?.isEmpty == false ? ours : nil
        guard let theirs, !theirs.isEmpty, theirs != ours else { return nil }
        if let base {
            let base = base?.isEmpty == false ? base : nil
            if theirs == base { return nil }
            if ours != base {
                report.conflicts.append(MergeConflict(kind: .memo, subject: subject, ours: ours, theirs: theirs))
                return nil
            }
        } else if ours != nil {
            report.conflicts.append(MergeConflict(kind: .memo, subject: subject, ours: ours, theirs: theirs))
            return nil
        }
        report.memosAdded += 1
        return theirs
    }
}
