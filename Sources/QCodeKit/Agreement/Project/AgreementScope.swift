import Foundation
import GRDB

/// What a project comparison covers: the coders, the documents, the codebook and every
/// coding of those coders in those documents, read in three queries.
struct AgreementScope {
    struct Document {
        var id: Int64
        var name: String
        var length: Int
    }

    /// One coding, with document, coder and code as indexes into the scope's arrays.
    struct Coding {
        var document: Int32
        var coder: Int32
        var code: Int32
        var start: Int
        var end: Int
    }

    /// Stored coder names, in the order given.
    let coders: [String]
    let documents: [Document]
    /// Every code, depth-first.
    let codes: [FlatCode]
    let parent: [Int?]
    /// The codings, sorted by document.
    let codings: [Coding]
    /// `codings[codingStart[d] ..< codingStart[d + 1]]` are document `d`'s.
    let codingStart: [Int]

    /// Reads the scope.
    ///
    /// - Parameters:
    ///   - coders: at least two distinct coder names (case-insensitive).
    ///   - documents: document names, ids or prefixes; empty means every document that each
    ///     of the coders has coded at least once.
    /// - Throws: `AgreementError` for unknown or repeated coders or no shared documents;
    ///   `DocumentLookupError` for unknown documents.
    static func read(_ db: Database, coders names: [String], documents queries: [String], minimumCoders: Int = 2) throws -> AgreementScope {
        guard names.count >= minimumCoders else { throw AgreementError.tooFewCoders }
        var coderIDs: [Int64] = []
        var coders: [String] = []
        let known = try String.fetchAll(db, sql: "SELECT name FROM coders ORDER BY name")
        for name in names {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let row = try Row.fetchOne(db, sql: "SELECT id, name FROM coders WHERE name = ?", arguments: [trimmed]) else {
                throw AgreementError.unknownCoder(trimmed, known: known)
            }
            let id: Int64 = row["id"]
            guard !coderIDs.contains(id) else { throw AgreementError.duplicateCoder(trimmed) }
            coderIDs.append(id)
            coders.append(row["name"])
        }
        let placeholders = databaseQuestionMarks(count: coderIDs.count)

        var documentIDs: [Int64]
        if queries.isEmpty {
            documentIDs = try Int64.fetchAll(db, sql: """
                SELECT document_id FROM codings WHERE coder_id IN (\(placeholders))
                GROUP BY document_id HAVING count(DISTINCT coder_id) = ? ORDER BY document_id
                """, arguments: StatementArguments(coderIDs) + [coderIDs.count])
            guard !documentIDs.isEmpty else { throw AgreementError.noSharedDocuments(coders) }
        } else {
            documentIDs = []
            for query in queries where !documentIDs.contains(try Project.documentID(db, query)) {
                documentIDs.append(try Project.documentID(db, query))
            }
        }
        var documentIndex: [Int64: Int32] = [:]
        var documents: [Document] = []
        for id in documentIDs {
            let row = try Row.fetchOne(db, sql: "SELECT name, characters FROM documents WHERE id = ?", arguments: [id])!
            documentIndex[id] = Int32(documents.count)
            documents.append(Document(id: id, name: row["name"], length: row["characters"]))
        }

        let codes = try Project.flatCodes(db)
        var codeIndexByID: [String: Int] = [:]
        for (index, code) in codes.enumerated() { codeIndexByID[code.id] = index }
        let parent = codes.map { $0.parentID.flatMap { codeIndexByID[$0] } }
        var codeIndexByRowID: [Int64: Int32] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rowid, id FROM codes") {
            if let index = codeIndexByID[row[1]] { codeIndexByRowID[row[0]] = Int32(index) }
        }
        var coderIndex: [Int64: Int32] = [:]
        for (index, id) in coderIDs.enumerated() { coderIndex[id] = Int32(index) }

        var codings: [Coding] = []
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT k.document_id, k.coder_id, c.rowid, k.start, k."end"
            FROM codings k JOIN codes c ON c.id = k.code_id
            WHERE k.coder_id IN (\(placeholders))
            """, arguments: StatementArguments(coderIDs))
        while let row = try cursor.next() {
            guard let document = documentIndex[row[0]], let code = codeIndexByRowID[row[2]] else { continue }
            codings.append(Coding(document: document, coder: coderIndex[row[1]]!, code: code, start: row[3], end: row[4]))
        }
        codings.sort { ($0.document, $0.start, $0.end, $0.code, $0.coder) < ($1.document, $1.start, $1.end, $1.code, $1.coder) }
        var codingStart = [Int](repeating: 0, count: documents.count + 1)
        for coding in codings { codingStart[Int(coding.document) + 1] += 1 }
        for d in 0..<documents.count { codingStart[d + 1] += codingStart[d] }
        return AgreementScope(coders: coders, documents: documents, codes: codes, parent: parent,
                              codings: codings, codingStart: codingStart)
    }

    /// Document `d`'s codings.
    func codings(ofDocument d: Int) -> ArraySlice<Coding> {
        codings[codingStart[d]..<codingStart[d + 1]]
    }

    /// Document `d`'s stored text, for quoting units and stretches.
    func text(_ db: Database, document d: Int) throws -> ScalarText {
        ScalarText(try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [documents[d].id]) ?? "")
    }

    /// The index of the code named by `query`, or nil for none.
    func codeIndex(_ query: String?) throws -> Int? {
        guard let query else { return nil }
        let code = try CodeResolver(codes).resolve(query)
        return codes.firstIndex { $0.id == code.id }
    }

    /// Whether code `index` is `root` or below it (always true without a root).
    func isInSubtree(_ index: Int, of root: Int?) -> Bool {
        guard let root else { return true }
        var current: Int? = index
        while let c = current {
            if c == root { return true }
            current = parent[c]
        }
        return false
    }

    /// The top-level ancestor of code `index` (itself when top-level).
    func topLevel(_ index: Int) -> Int {
        var current = index
        while let p = parent[current] { current = p }
        return current
    }

    /// Each document's units for a stored unit kind, read in one query.
    func units(_ db: Database, kind: AgreementUnit) throws -> [UnitSpans] {
        var byID: [Int64: [TextSpan]] = [:]
        switch kind {
        case .turn:
            let cursor = try Row.fetchCursor(db, sql: "SELECT document_id, start, \"end\" FROM turns ORDER BY document_id, number")
            while let row = try cursor.next() {
                byID[row[0], default: []].append(TextSpan(start: row[1], end: row[2]))
            }
        case .sentence, .paragraph:
            let column = kind == .sentence ? "sentences" : "paragraphs"
            for document in documents {
                let blob = try Data.fetchOne(db, sql: "SELECT \(column) FROM documents WHERE id = ?", arguments: [document.id])
                byID[document.id] = SpanPacking.unpack(blob ?? Data())
            }
        default:
            break
        }
        return documents.map { UnitSpans(byID[$0.id] ?? []) }
    }
}
