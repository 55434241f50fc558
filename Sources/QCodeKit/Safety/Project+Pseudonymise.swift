import Foundation
import GRDB

/// What ``Project/pseudonymise(with:to:)`` did.
public struct PseudonymiseReport: Sendable {
    /// How often one name was replaced in one document's text.
    public struct Count: Sendable, Hashable, Codable {
        public var document: String
        public var name: String
        public var pseudonym: String
        public var count: Int
    }

    /// The new project file.
    public var output: URL
    /// Replacements in document texts, by document (old name) and name, in document order.
    public var counts: [Count] = []
    /// Documents whose text changed.
    public var documentsChanged = 0
    /// Codings whose offsets moved.
    public var codingsMoved = 0
    /// Codings that became exact duplicates of another (same code, coder and new range) and were dropped.
    public var codingsMerged = 0
    /// Turns whose speaker label changed.
    public var speakersRenamed = 0
    /// Other fields changed: document and case names, memos, source paths, code definitions.
    public var otherFieldsChanged = 0
}

extension Project {
    /// Speaker labels found in the project's turns, in order of first appearance.
    public func speakerNames() throws -> [String] {
        try database.read { db in
            var seen: Set<String> = []
            return try String.fetchAll(db, sql: "SELECT speaker FROM turns WHERE speaker IS NOT NULL ORDER BY document_id, number")
                .filter { seen.insert($0).inserted }
        }
    }

    /// Pseudonyms `Participant 1`, `Participant 2`, ... for speaker labels that look like
    /// personal names. Labels that are roles or ids (`Interviewer`, `Speaker 2`, `P01`,
    /// `I`, `Dr`) are left out and returned as `skipped`.
    public static func speakerPseudonyms(_ speakers: [String]) -> (pairs: [(name: String, pseudonym: String)], skipped: [String]) {
        var pairs: [(name: String, pseudonym: String)] = []
        var skipped: [String] = []
        for speaker in speakers {
            if Self.looksLikeRole(speaker) {
                skipped.append(speaker)
            } else {
                pairs.append((speaker, "Participant \(pairs.count + 1)"))
            }
        }
        return (pairs, skipped)
    }

    static let roleWords: Set<String> = [
        "interviewer", "interviewee", "moderator", "facilitator", "researcher", "respondent", "participant",
        "speaker", "doctor", "patient", "nurse", "guest", "host", "unknown", "notetaker", "note-taker",
        "observer", "clinician", "staff", "student", "teacher", "parent", "child", "mother", "father",
        "chair", "admin", "all", "group", "audience", "narrator", "translator", "interpreter", "coach",
    ]

    static func looksLikeRole(_ label: String) -> Bool {
        let trimmed = label.trimmingCharacters(in: .whitespaces)
        if trimmed.unicodeScalars.count <= 2 { return true }
        if trimmed.unicodeScalars.contains(where: { $0.properties.numericType != nil }) { return true }
        let first = trimmed.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }).first.map(String.init) ?? ""
        return roleWords.contains(first) || roleWords.contains(first.hasSuffix("s") ? String(first.dropLast()) : first)
    }

    /// Reads a name map: CSV with a `name,pseudonym` header (or two unlabelled columns).
    ///
    /// - Throws: ``PseudonymiseError/badMap(_:_:)`` naming the file and the problem.
    public static func readNameMap(csv text: String, file: String) throws -> [(name: String, pseudonym: String)] {
        let table: CSVTable
        do {
            table = try CSVTable.parse(text)
        } catch {
            throw PseudonymiseError.badMap(file, error.reason)
        }
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var rows = table.rows
        var nameColumn = 0, pseudonymColumn = 1
        if let n = header.firstIndex(of: "name"), let p = header.firstIndex(of: "pseudonym") {
            (nameColumn, pseudonymColumn) = (n, p)
        } else {
            rows.insert(table.header, at: 0)
        }
        var pairs: [(name: String, pseudonym: String)] = []
        for (index, row) in rows.enumerated() {
            let line = index + 1
            guard row.count > max(nameColumn, pseudonymColumn) else {
                throw PseudonymiseError.badMap(file, "row \(line) needs a name and a pseudonym")
            }
            let name = row[nameColumn], pseudonym = row[pseudonymColumn]
            let blankName = name.trimmingCharacters(in: .whitespaces).isEmpty
            let blankPseudonym = pseudonym.trimmingCharacters(in: .whitespaces).isEmpty
            if blankName && blankPseudonym { continue }
            if blankPseudonym { throw PseudonymiseError.badMap(file, "row \(line): no pseudonym for '\(name)'") }
            if blankName { throw PseudonymiseError.badMap(file, "row \(line): a pseudonym with no name") }
            pairs.append((name, pseudonym))
        }
        guard !pairs.isEmpty else { throw PseudonymiseError.badMap(file, "no names in the file") }
        return pairs
    }

    /// Writes a pseudonymised copy of the project to `url`, a new file.
    ///
    /// Document text is immutable and codings are offsets, so this never changes the project
    /// itself. The copy has every name replaced in document texts, speaker labels, document
    /// and case names, memos, source paths and code definitions; every turn, paragraph,
    /// sentence and coding offset is moved so that it covers the same (pseudonymised) words.
    /// A span that began or ended inside a name grows to cover its whole pseudonym. The
    /// copy's audit log is replaced by one entry (the old one quotes text and offsets), and
    /// the file is vacuumed so no old text stays in free pages. The copy is written beside
    /// `url` under a temporary name and renamed into place when complete.
    ///
    /// - Throws: ``PseudonymiseError`` if `url` exists or is this project; database errors.
    public func pseudonymise(with pseudonymiser: Pseudonymiser, to url: URL) throws -> PseudonymiseReport {
        let target = url.standardizedFileURL
        if target.resolvingSymlinksInPath().path == self.url.standardizedFileURL.resolvingSymlinksInPath().path {
            throw PseudonymiseError.sameFile(url.path)
        }
        if FileManager.default.fileExists(atPath: target.path) { throw PseudonymiseError.outputExists(url.path) }
        let partial = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: partial.path + suffix) }
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let copy = try DatabaseQueue(path: partial.path, configuration: configuration)
        try database.backup(to: copy)
        var report = PseudonymiseReport(output: target)
        try copy.inDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            try db.inTransaction(.immediate) {
                var rewriter = PseudonymRewriter(db: db, pseudonymiser: pseudonymiser)
                try rewriter.run(report: &report)
                return .commit
            }
            try db.execute(sql: "VACUUM")
        }
        try copy.close()
        try FileManager.default.moveItem(at: partial, to: target)
        return report
    }
}

/// Rewrites a copied project's rows for ``Project/pseudonymise(with:to:)``.
struct PseudonymRewriter {
    let db: Database
    let pseudonymiser: Pseudonymiser

    /// Triggers that refuse the updates made here; dropped and put back unchanged.
    static let blockingTriggers = ["documents_text_immutable", "codings_inside_document_update"]

    /// Codings are moved out of the way by this much first, so that no intermediate state
    /// collides with the uniqueness constraint.
    static let parking = 1 << 40

    mutating func run(report: inout PseudonymiseReport) throws {
        var triggers: [String] = []
        for name in Self.blockingTriggers {
            if let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [name]) {
                triggers.append(sql)
                try db.execute(sql: "DROP TRIGGER \(name)")
            }
        }
        let documentIDs = try Int64.fetchAll(db, sql: "SELECT id FROM documents ORDER BY id")
        for id in documentIDs {
            try rewriteDocument(id, report: &report)
        }
        try rewriteOtherFields(report: &report)
        for sql in triggers { try db.execute(sql: sql) }
        try db.execute(sql: "DELETE FROM audit_log")
        try AuditLog.record(db, action: "pseudonymise",
                            summary: "pseudonymised copy: \(report.counts.reduce(0) { $0 + $1.count }) name(s) replaced in \(report.documentsChanged) document(s); earlier audit entries removed",
                            actor: "qcode")
    }

    private func replaced(_ value: String?) -> String? {
        guard let value else { return nil }
        return pseudonymiser.apply(to: value).text
    }

    private mutating func rewriteDocument(_ id: Int64, report: inout PseudonymiseReport) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT name, text, paragraphs, sentences FROM documents WHERE id = ?", arguments: [id]) else { return }
        let name: String = row["name"]
        let text: String = row["text"]
        let result = pseudonymiser.apply(to: text)
        var perEntry: [Int: Int] = [:]
        for match in result.matches { perEntry[match.entry, default: 0] += 1 }
        for (entry, count) in perEntry.sorted(by: { $0.key < $1.key }) {
            let e = pseudonymiser.entries[entry]
            report.counts.append(.init(document: name, name: e.name, pseudonym: e.pseudonym, count: count))
        }
        // Speaker labels change even where the text has no match (e.g. a label on its own).
        let turns = try Row.fetchAll(db, sql: #"SELECT number, speaker, start, "end" FROM turns WHERE document_id = ? ORDER BY number"#, arguments: [id])
        for turn in turns {
            let speaker: String? = turn["speaker"]
            let newSpeaker = replaced(speaker)
            let start: Int = turn["start"], end: Int = turn["end"]
            let newStart = result.map.start(start), newEnd = result.map.end(end)
            guard newSpeaker != speaker || newStart != start || newEnd != end else { continue }
            if newSpeaker != speaker { report.speakersRenamed += 1 }
            try db.execute(sql: #"UPDATE turns SET speaker = ?, start = ?, "end" = ? WHERE document_id = ? AND number = ?"#,
                           arguments: [newSpeaker, newStart, newEnd, id, turn["number"] as Int])
        }
        guard !result.matches.isEmpty else { return }
        guard result.text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(result.text.unicodeScalars) else {
            throw PseudonymiseError.normalForm(name)
        }
        report.documentsChanged += 1
        let paragraphs = SpanPacking.unpack(row["paragraphs"]).map(result.map.span)
        let sentences = SpanPacking.unpack(row["sentences"]).map(result.map.span)
        let hash = ContentHash.of(result.text)
        try db.execute(sql: "UPDATE documents SET text = ?, characters = ?, sha256 = ?, paragraphs = ?, sentences = ? WHERE id = ?",
                       arguments: [result.text, result.text.unicodeScalars.count, hash,
                                   SpanPacking.pack(paragraphs), SpanPacking.pack(sentences), id])
        try moveCodings(of: id, map: result.map, report: &report)
    }

    private func moveCodings(of documentID: Int64, map: OffsetMap, report: inout PseudonymiseReport) throws {
        let codings = try Row.fetchAll(db, sql: #"SELECT id, code_id, coder_id, start, "end" FROM codings WHERE document_id = ? ORDER BY id"#,
                                       arguments: [documentID])
        struct Key: Hashable { var code: String, coder: Int64, start: Int, end: Int }
        var kept: Set<Key> = []
        var moves: [(id: Int64, start: Int, end: Int)] = []
        for coding in codings {
            let start: Int = coding["start"], end: Int = coding["end"]
            let span = map.span(TextSpan(start: start, end: end))
            let key = Key(code: coding["code_id"], coder: coding["coder_id"], start: span.start, end: span.end)
            let id: Int64 = coding["id"]
            guard kept.insert(key).inserted else {
                try db.execute(sql: "DELETE FROM codings WHERE id = ?", arguments: [id])
                report.codingsMerged += 1
                continue
            }
            if span.start != start || span.end != end { moves.append((id, span.start, span.end)) }
        }
        let park = try db.makeStatement(sql: #"UPDATE codings SET start = start + ?, "end" = "end" + ? WHERE id = ?"#)
        for move in moves { try park.execute(arguments: [Self.parking, Self.parking, move.id]) }
        let place = try db.makeStatement(sql: #"UPDATE codings SET start = ?, "end" = ? WHERE id = ?"#)
        for move in moves { try place.execute(arguments: [move.start, move.end, move.id]) }
        report.codingsMoved += moves.count
    }

    private mutating func rewriteOtherFields(report: inout PseudonymiseReport) throws {
        let columns: [(table: String, key: String, column: String)] = [
            ("documents", "id", "name"), ("documents", "id", "memo"), ("documents", "id", "source_file"),
            ("cases", "id", "name"), ("cases", "id", "memo"), ("codings", "id", "memo"),
            ("codes", "id", "description"), ("codes", "id", "include"), ("codes", "id", "exclude"),
            ("codes", "id", "label"),
        ]
        for (table, key, column) in columns {
            let rows = try Row.fetchAll(db, sql: "SELECT \(key), \(column) FROM \(table) WHERE \(column) IS NOT NULL")
            for row in rows {
                let old: String = row[1]
                let new = pseudonymiser.apply(to: old).text
                guard new != old else { continue }
                try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE \(key) = ?", arguments: [new, row[0] as DatabaseValue])
                report.otherFieldsChanged += 1
            }
        }
        // Example quotes are a JSON list of strings.
        for row in try Row.fetchAll(db, sql: "SELECT id, examples FROM codes") {
            let json: String = row[1]
            guard let list = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else { continue }
            let new = list.map { pseudonymiser.apply(to: $0).text }
            guard new != list else { continue }
            let encoded = String(decoding: try JSONEncoder().encode(new), as: UTF8.self)
            try db.execute(sql: "UPDATE codes SET examples = ? WHERE id = ?", arguments: [encoded, row[0] as String])
            report.otherFieldsChanged += 1
        }
    }
}
