import Foundation

/// The agreement engine's named queries (``AgreementSource``) on the team server, read as
/// the connected role (row-level security decides which codings count), so `qcode agree`
/// on the server runs the one engine straight on PostgreSQL. Each answer is the one a
/// `team pull` snapshot of the same moment gives: codes are numbered by id, as the
/// snapshot's rows are.
extension ServerStore: AgreementSource {
    /// Inter-coder agreement on the server, as ``Project/agreement(_:)`` computes it on a
    /// project file. Run it inside one repeatable-read transaction.
    public func agreement(_ request: ProjectAgreementRequest) throws -> ProjectAgreement {
        try Project.agreement(request, source: self)
    }

    func allCoderNames() throws -> [String] {
        try connection.rows("SELECT name FROM qcode.coders ORDER BY lower(name) COLLATE \"C\", name").compactMap { $0[0].textValue }
    }

    func coder(named name: String) throws -> CoderRecord? {
        guard let row = try connection.rows("SELECT id, name FROM qcode.coders WHERE lower(name) = lower($1) ORDER BY id LIMIT 1",
                                            [.text(name)]).first,
              let id = row[0].integerValue, let found = row[1].textValue else { return nil }
        return CoderRecord(id: id, name: found)
    }

    func documentsCodedByAll(_ coderIDs: [Int64]) throws -> [Int64] {
        try connection.rows("""
            SELECT k.document_id FROM qcode.codings k JOIN qcode.coders c ON c.name = k.coder
            WHERE c.id = ANY($1::bigint[])
            GROUP BY k.document_id HAVING count(DISTINCT c.id) = $2 ORDER BY k.document_id
            """, [.text(Self.arrayLiteral(coderIDs)), .integer(Int64(coderIDs.count))]).compactMap { $0[0].integerValue }
    }

    func documentID(_ query: String) throws -> Int64 {
        let all = try connection.rows("SELECT id, name FROM qcode.documents ORDER BY name COLLATE \"C\"").compactMap { row -> (id: Int64, name: String)? in
            guard let id = row[0].integerValue, let name = row[1].textValue else { return nil }
            return (id, name)
        }
        return try DocumentNameLookup.resolve(query, in: all)
    }

    func documentNameAndLength(_ id: Int64) throws -> (name: String, characters: Int)? {
        guard let row = try connection.rows("SELECT name, characters FROM qcode.documents WHERE id = $1", [.integer(id)]).first,
              let name = row[0].textValue, let characters = row[1].integerValue else { return nil }
        return (name, Int(characters))
    }

    func codebookCodes() throws -> [FlatCode] {
        let rows = try connection.rows("""
            SELECT id, parent_id, name, label, colour, description, include, exclude, examples, keywords, position
            FROM qcode.codes ORDER BY position, id
            """)
        let codes = rows.map { row in
            CodeRecord(id: row[0].textValue ?? "", parentID: row[1].textValue, name: row[2].textValue ?? "",
                       label: row[3].textValue, colour: row[4].textValue, description: row[5].textValue,
                       include: row[6].textValue, exclude: row[7].textValue, examples: row[8].textValue ?? "[]",
                       keywords: row[9].textValue ?? "[]", position: Int(row[10].integerValue ?? 0)).flatCode
        }
        return try Codebook.build(fromFlat: codes).flattened
    }

    func codeIDsByRowID() throws -> [Int64: String] {
        var ids: [Int64: String] = [:]
        for row in try connection.rows("SELECT row_number() OVER (ORDER BY id), id FROM qcode.codes") {
            if let number = row[0].integerValue, let id = row[1].textValue { ids[number] = id }
        }
        return ids
    }

    func forEachCoding(byCoders coderIDs: [Int64], _ body: (AgreementCodingRow) throws -> Void) throws {
        // One row per document and coder, the codings packed as "code,start,end,..." (a
        // hundred thousand rows cost more to send and decode than to pack).
        let rows = try connection.rows("""
            WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS number FROM qcode.codes)
            SELECT k.document_id, c.id, string_agg(n.number || ',' || k.start || ',' || k."end", ',')
            FROM qcode.codings k JOIN qcode.coders c ON c.name = k.coder JOIN numbered n ON n.id = k.code_id
            WHERE c.id = ANY($1::bigint[])
            GROUP BY k.document_id, c.id
            """, [.text(Self.arrayLiteral(coderIDs))])
        for row in rows {
            guard let document = row[0].integerValue, let coder = row[1].integerValue, let packed = row[2].textValue else { continue }
            let numbers = Self.integers(packed)
            var index = 0
            while index + 2 < numbers.count {
                try body(AgreementCodingRow(documentID: document, coderID: coder, codeRowID: numbers[index],
                                            start: Int(numbers[index + 1]), end: Int(numbers[index + 2])))
                index += 3
            }
        }
    }

    func turnSpansByDocument() throws -> [Int64: [TextSpan]] {
        var spans: [Int64: [TextSpan]] = [:]
        let rows = try connection.rows(#"""
            SELECT document_id, string_agg(start || ',' || "end", ',' ORDER BY number) FROM qcode.turns GROUP BY document_id
            """#)
        for row in rows {
            guard let document = row[0].integerValue, let packed = row[1].textValue else { continue }
            let numbers = Self.integers(packed)
            var list: [TextSpan] = []
            list.reserveCapacity(numbers.count / 2)
            var index = 0
            while index + 1 < numbers.count {
                list.append(TextSpan(start: Int(numbers[index]), end: Int(numbers[index + 1])))
                index += 2
            }
            spans[document] = list
        }
        return spans
    }

    /// The non-negative integers of a comma-separated list.
    static func integers(_ packed: String) -> [Int64] {
        var numbers: [Int64] = []
        var current: Int64 = 0
        var inNumber = false
        for byte in packed.utf8 {
            if byte >= 48 && byte <= 57 {
                current = current &* 10 &+ Int64(byte - 48)
                inNumber = true
            } else if inNumber {
                numbers.append(current)
                current = 0
                inNumber = false
            }
        }
        if inNumber { numbers.append(current) }
        return numbers
    }

    func sentenceSpans(ofDocument id: Int64) throws -> [TextSpan] {
        try spans("sentences", of: id)
    }

    func paragraphSpans(ofDocument id: Int64) throws -> [TextSpan] {
        try spans("paragraphs", of: id)
    }

    func documentText(_ id: Int64) throws -> String? {
        try connection.rows("SELECT text FROM qcode.documents WHERE id = $1", [.integer(id)]).first.flatMap { $0[0].textValue }
    }

    private func spans(_ column: String, of id: Int64) throws -> [TextSpan] {
        guard case .blob(let bytes)? = try connection.rows("SELECT \(column) FROM qcode.documents WHERE id = $1", [.integer(id)]).first?.first else {
            return []
        }
        return SpanPacking.unpack(Data(bytes))
    }

    /// A PostgreSQL array literal of integers (`{1,2,3}`), bound as text and cast.
    private static func arrayLiteral(_ numbers: [Int64]) -> String {
        "{" + numbers.map(String.init).joined(separator: ",") + "}"
    }
}
