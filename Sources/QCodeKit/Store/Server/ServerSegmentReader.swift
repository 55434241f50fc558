import Foundation

/// The segment listing's named queries (``SegmentSource``) on the team server, read as the
/// connected role inside the caller's repeatable-read transaction: `qcode segments` on the
/// server streams the listing a `team pull` snapshot gives, without copying the project.
/// Texts and turns are read once, all together, the first time a document's are asked for.
final class ServerSegmentReader: SegmentSource {
    private let store: ServerStore
    private var texts: [Int64: String]?
    private var turns: [Int64: [TurnInfo]]?
    private var codes: [FlatCode]?

    init(_ store: ServerStore) {
        self.store = store
    }

    private var connection: any ServerSQLExecutor { store.connection }

    // The agreement engine's queries, as the server store answers them.
    func allCoderNames() throws -> [String] { try store.allCoderNames() }
    func coder(named name: String) throws -> CoderRecord? { try store.coder(named: name) }
    func documentsCodedByAll(_ coderIDs: [Int64]) throws -> [Int64] { try store.documentsCodedByAll(coderIDs) }
    func documentID(_ query: String) throws -> Int64 { try store.documentID(query) }
    func documentNameAndLength(_ id: Int64) throws -> (name: String, characters: Int)? { try store.documentNameAndLength(id) }
    func codeIDsByRowID() throws -> [Int64: String] { try store.codeIDsByRowID() }
    func forEachCoding(byCoders coderIDs: [Int64], _ body: (AgreementCodingRow) throws -> Void) throws {
        try store.forEachCoding(byCoders: coderIDs, body)
    }
    func turnSpansByDocument() throws -> [Int64: [TextSpan]] { try store.turnSpansByDocument() }
    func sentenceSpans(ofDocument id: Int64) throws -> [TextSpan] { try store.sentenceSpans(ofDocument: id) }
    func paragraphSpans(ofDocument id: Int64) throws -> [TextSpan] { try store.paragraphSpans(ofDocument: id) }

    func codebookCodes() throws -> [FlatCode] {
        if let codes { return codes }
        let read = try store.codebookCodes()
        codes = read
        return read
    }

    func documentText(_ id: Int64) throws -> String? {
        if texts == nil {
            var all: [Int64: String] = [:]
            for row in try connection.rows("SELECT id, text FROM qcode.documents") {
                if let document = row[0].integerValue, let text = row[1].textValue { all[document] = text }
            }
            texts = all
        }
        return texts?[id]
    }

    func turnInfos(ofDocument id: Int64) throws -> [TurnInfo] {
        if turns == nil {
            var all: [Int64: [TurnInfo]] = [:]
            for row in try connection.rows(#"SELECT document_id, number, speaker, start, "end", time FROM qcode.turns ORDER BY document_id, number"#) {
                guard let document = row[0].integerValue, let number = row[1].integerValue,
                      let start = row[3].integerValue, let end = row[4].integerValue else { continue }
                all[document, default: []].append(TurnInfo(number: Int(number), speaker: row[2].textValue, start: Int(start),
                                                           end: Int(end), time: row[5].realValue))
            }
            turns = all
        }
        return turns?[id] ?? []
    }

    func resolveCode(_ query: String) throws -> FlatCode {
        try CodeResolver(try codebookCodes()).resolve(query)
    }

    func subtreeIDs(of id: String) throws -> [String] {
        let codes = try codebookCodes()
        var ids = [id]
        var index = 0
        while index < ids.count {
            let parent = ids[index]
            ids += codes.filter { $0.parentID == parent }.map(\.id)
            index += 1
        }
        return ids
    }

    func namesOfCodersWithCodings() throws -> [String] {
        try connection.rows("""
            SELECT name FROM qcode.coders WHERE name IN (SELECT DISTINCT coder FROM qcode.codings)
            ORDER BY lower(name) COLLATE "C", name
            """).compactMap { $0[0].textValue }
    }

    func attributeExists(_ name: String) throws -> Bool {
        try !connection.rows("SELECT 1 FROM qcode.attributes WHERE name = $1", [.text(name)]).isEmpty
    }

    func attributeNames() throws -> [String] {
        try connection.rows("SELECT name FROM qcode.attributes ORDER BY position, id")
            .compactMap { $0[0].textValue }
    }

    func caseDetails(named only: String?) throws -> [CaseDetails] {
        var attributes: [Int64: (name: String, type: AttributeType)] = [:]
        for row in try connection.rows("SELECT id, name, type FROM qcode.attributes") {
            guard let id = row[0].integerValue, let name = row[1].textValue, let type = row[2].textValue else { continue }
            attributes[id] = (name, AttributeType(rawValue: type) ?? .text)
        }
        var values: [Int64: [String: AttributeValue]] = [:]
        for row in try connection.rows("SELECT case_id, attribute_id, value FROM qcode.case_values") {
            guard let caseID = row[0].integerValue, let attributeID = row[1].integerValue, let value = row[2].textValue,
                  let (name, type) = attributes[attributeID] else { continue }
            values[caseID, default: [:]][name] = AttributeValue(stored: value, type: type)
        }
        var documents: [Int64: [String]] = [:]
        for row in try connection.rows("SELECT case_id, name FROM qcode.documents WHERE case_id IS NOT NULL ORDER BY id") {
            if let caseID = row[0].integerValue, let name = row[1].textValue { documents[caseID, default: []].append(name) }
        }
        let cases = only.map { try? connection.rows(#"SELECT id, name FROM qcode.cases WHERE name = $1"#, [.text($0)]) }
            ?? (try? connection.rows(#"SELECT id, name FROM qcode.cases ORDER BY name COLLATE "C""#))
        return (cases ?? []).compactMap { row in
            guard let id = row[0].integerValue, let name = row[1].textValue else { return nil }
            return CaseDetails(name: name, attributes: values[id] ?? [:], documents: documents[id] ?? [])
        }
    }

    func coderNamesByID() throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for row in try connection.rows("SELECT id, name FROM qcode.coders") {
            if let id = row[0].integerValue, let name = row[1].textValue { names[id] = name }
        }
        return names
    }

    func documentLabels() throws -> [DocumentLabel] {
        try connection.rows("SELECT d.id, d.name, c.name FROM qcode.documents d LEFT JOIN qcode.cases c ON c.id = d.case_id").compactMap { row in
            guard let id = row[0].integerValue, let name = row[1].textValue else { return nil }
            return DocumentLabel(id: id, name: name, caseName: row[2].textValue)
        }
    }

    func forEachCodingInTextOrder(_ selection: CodingSelection, _ body: (SegmentCodingRow) throws -> Void) throws {
        var conditions: [String] = []
        var binds: [TableValue] = []
        func bind(_ value: TableValue) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let ids = selection.codeIDs {
            conditions.append("k.code_id IN (\(ids.isEmpty ? "NULL" : ids.map { bind(.text($0)) }.joined(separator: ", ")))")
        }
        if !selection.coders.isEmpty {
            conditions.append("lower(r.name) IN (\(selection.coders.map { bind(.text($0.lowercased())) }.joined(separator: ", ")))")
        }
        if !selection.documentIDs.isEmpty {
            conditions.append("k.document_id IN (\(selection.documentIDs.map { bind(.integer($0)) }.joined(separator: ", ")))")
        }
        if !selection.cases.isEmpty {
            conditions.append("c.name IN (\(selection.cases.map { bind(.text($0)) }.joined(separator: ", ")))")
        }
        for condition in selection.attributes {
            conditions.append("""
                EXISTS (SELECT 1 FROM qcode.case_values v JOIN qcode.attributes a ON a.id = v.attribute_id
                        WHERE v.case_id = d.case_id AND a.name = \(bind(.text(condition.name))) AND v.value = \(bind(.text(condition.value))))
                """)
        }
        let rows = try connection.rows("""
            WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS number FROM qcode.codes)
            SELECT k.id, k.document_id, n.number, r.id, k.start, k."end", k.memo
            FROM qcode.codings k
            JOIN numbered n ON n.id = k.code_id
            JOIN qcode.documents d ON d.id = k.document_id
            JOIN qcode.coders r ON r.name = k.coder
            LEFT JOIN qcode.cases c ON c.id = d.case_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY k.document_id, k.start, k."end", k.code_id COLLATE "C", r.id
            """, binds)
        for row in rows {
            guard let id = row[0].integerValue, let document = row[1].integerValue, let code = row[2].integerValue,
                  let coder = row[3].integerValue, let start = row[4].integerValue, let end = row[5].integerValue else { continue }
            try body(SegmentCodingRow(id: id, documentID: document, codeRowID: code, coderID: coder,
                                      start: Int(start), end: Int(end), memo: row[6].textValue))
        }
    }
}

extension ServerStore {
    /// Streams the coded segments `filter` selects, as `Project.exportSegments` does on a
    /// project file (the same code writes the rows). Run it inside one repeatable-read
    /// transaction.
    ///
    /// - Returns: the number of rows written.
    @discardableResult
    public func exportSegments(_ filter: SegmentFilter, attributes: Bool = false, contextTurns: Int = 0, format: ExportFormat,
                               to sink: ByteSink, guardFormulas: Bool = true) throws -> Int {
        try Project.writeSegments(ServerSegmentReader(self), filter, attributes: attributes, contextTurns: contextTurns) { columns in
            RowWriter(format: format, columns: columns, sink: sink, guardFormulas: guardFormulas)
        }
    }
}
