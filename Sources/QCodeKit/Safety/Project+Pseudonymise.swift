import Foundation

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
    /// Other text fields changed: document, case, attribute, code and coder names, memos,
    /// source paths, case values, code ids and definitions, project settings.
    public var otherFieldsChanged = 0
}

extension Project {
    /// Speaker labels found in the project's turns, in order of first appearance.
    public func speakerNames() throws -> [String] {
        var seen: Set<String> = []
        return try read { store in try store.speakerLabelsInOrder() }.filter { seen.insert($0).inserted }
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
    /// itself. The copy has every name replaced in document texts and speaker labels, and in
    /// every other text field of every table: document, case, attribute, code and coder
    /// names, memos, source paths, case values, code ids and definitions (examples and
    /// keywords item by item), project settings. Every turn, paragraph, sentence and coding
    /// offset is moved so that it covers the same (pseudonymised) words; a span that began
    /// or ended inside a name grows to cover its whole pseudonym. What cannot be rewritten
    /// is left out: the audit log (it quotes text and offsets) is replaced by one entry, and
    /// a coder's copy's merge base is dropped. The copy is built in a private temporary file
    /// beside `url` (mode 0600; removed on error, and a leftover of a killed run removed by
    /// the next), vacuumed so no old text stays in free pages, and linked into place when
    /// complete.
    ///
    /// - Throws: ``PseudonymiseError`` if `url` exists or is this project; database errors.
    public func pseudonymise(with pseudonymiser: Pseudonymiser, to url: URL) throws -> PseudonymiseReport {
        let target = url.standardizedFileURL
        if target.resolvingSymlinksInPath().path == self.url.standardizedFileURL.resolvingSymlinksInPath().path {
            throw PseudonymiseError.sameFile(url.path)
        }
        if FileManager.default.fileExists(atPath: target.path) { throw PseudonymiseError.outputExists(url.path) }
        do {
            return try writeNewProjectFile(to: target) { store in
                try store.copyProjectForPseudonymising()
                var report = PseudonymiseReport(output: target)
                var rewriter = PseudonymRewriter(store: store, pseudonymiser: pseudonymiser)
                try rewriter.run(report: &report)
                return report
            }
        } catch ProjectError.alreadyExists {
            throw PseudonymiseError.outputExists(url.path)
        }
    }
}

/// Rewrites a copied project's rows for ``Project/pseudonymise(with:to:)``.
struct PseudonymRewriter {
    let store: Store
    let pseudonymiser: Pseudonymiser

    /// Triggers that refuse the updates made here; dropped and put back unchanged.
    static let blockingTriggers = ["documents_text_immutable", "codings_inside_document_update"]

    /// Codings are moved out of the way by this much first, so that no intermediate state
    /// collides with the uniqueness constraint.
    static let parking = 1 << 40

    mutating func run(report: inout PseudonymiseReport) throws {
        let triggers = try store.dropTriggers(named: Self.blockingTriggers)
        for id in try store.documentIDsInOrder() {
            try rewriteDocument(id, report: &report)
        }
        try rewriteOtherFields(report: &report)
        try store.createTriggers(triggers)
        try store.record(.team(TeamEvent(kind: "pseudonymise", detail: nil)),
                         summary: "pseudonymised copy: \(report.counts.reduce(0) { $0 + $1.count }) name(s) replaced in \(report.documentsChanged) document(s); earlier audit entries removed",
                         actor: "qcode")
    }

    private func replaced(_ value: String?) -> String? {
        guard let value else { return nil }
        return pseudonymiser.apply(to: value).text
    }

    private mutating func rewriteDocument(_ id: Int64, report: inout PseudonymiseReport) throws {
        guard let document = try store.documentText(id: id) else { return }
        let name = document.name
        let result = pseudonymiser.apply(to: document.text)
        var perEntry: [Int: Int] = [:]
        for match in result.matches { perEntry[match.entry, default: 0] += 1 }
        for (entry, count) in perEntry.sorted(by: { $0.key < $1.key }) {
            let e = pseudonymiser.entries[entry]
            report.counts.append(.init(document: name, name: e.name, pseudonym: e.pseudonym, count: count))
        }
        // Speaker labels change even where the text has no match (e.g. a label on its own).
        for turn in try store.turns(ofDocument: id) {
            let speaker = turn.speaker
            let newSpeaker = replaced(speaker)
            let start = turn.start, end = turn.end
            let newStart = result.map.start(start), newEnd = result.map.end(end)
            guard newSpeaker != speaker || newStart != start || newEnd != end else { continue }
            if newSpeaker != speaker { report.speakersRenamed += 1 }
            try store.updateTurn(documentID: id, number: turn.number, speaker: newSpeaker, start: newStart, end: newEnd)
        }
        guard !result.matches.isEmpty else { return }
        guard result.text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(result.text.unicodeScalars) else {
            throw PseudonymiseError.normalForm(name)
        }
        report.documentsChanged += 1
        let paragraphs = SpanPacking.unpack(document.paragraphs).map(result.map.span)
        let sentences = SpanPacking.unpack(document.sentences).map(result.map.span)
        try store.replaceDocumentText(id: id, text: result.text, sha256: ContentHash.of(result.text),
                                      paragraphs: paragraphs, sentences: sentences)
        try moveCodings(of: id, map: result.map, report: &report)
    }

    private func moveCodings(of documentID: Int64, map: OffsetMap, report: inout PseudonymiseReport) throws {
        struct Key: Hashable { var code: String, coder: Int64, start: Int, end: Int }
        var kept: Set<Key> = []
        var moves: [(id: Int64, start: Int, end: Int)] = []
        for coding in try store.codingSpans(ofDocument: documentID) {
            let span = map.span(TextSpan(start: coding.start, end: coding.end))
            let key = Key(code: coding.codeID, coder: coding.coderID, start: span.start, end: span.end)
            guard kept.insert(key).inserted else {
                try store.deleteCoding(id: coding.id)
                report.codingsMerged += 1
                continue
            }
            if span.start != coding.start || span.end != coding.end { moves.append((coding.id, span.start, span.end)) }
        }
        try store.moveCodings(moves, parking: Self.parking)
        report.codingsMoved += moves.count
    }

    /// Text columns not swept by ``rewriteOtherFields(report:)``, as `table.column`.
    static let notSwept: Set<String> = [
        "documents.text", "documents.sha256",  // rewritten with the offsets, and recomputed from the text
        "turns.speaker",  // rewritten with the turn's offsets
        "codings.code_id",  // follows codes.id (ON UPDATE CASCADE)
        "attributes.type",  // one of a few fixed words
        "project_info.key",  // names of settings
    ]

    /// Text columns holding a JSON list of strings, rewritten item by item.
    static let jsonLists: Set<String> = ["codes.examples", "codes.keywords"]

    /// Every other text field of every table (names, memos, source paths, case values and
    /// attributes, code ids, names and definitions, coder names, project settings).
    private mutating func rewriteOtherFields(report: inout PseudonymiseReport) throws {
        try store.deferForeignKeyChecks()  // a code's id changes before its children's parent id
        let pseudonymiser = self.pseudonymiser
        for (table, column) in try store.textColumns() where !Self.notSwept.contains("\(table).\(column)") {
            let isList = Self.jsonLists.contains("\(table).\(column)")
            report.otherFieldsChanged += try store.rewriteTextColumn(table: table, column: column) { value in
                guard isList else { return pseudonymiser.apply(to: value).text }
                guard let list = try? JSONDecoder().decode([String].self, from: Data(value.utf8)) else {
                    return pseudonymiser.apply(to: value).text
                }
                let new = list.map { pseudonymiser.apply(to: $0).text }
                guard new != list else { return value }
                return String(decoding: try JSONEncoder().encode(new), as: UTF8.self)
            }
        }
    }
}
