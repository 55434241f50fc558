import Foundation

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

    /// A scope from plain values: the codings are sorted by document, start, end, code and
    /// coder and indexed by document.
    ///
    /// - Parameters:
    ///   - codings: codings whose `document`, `coder` and `code` index `documents`, `coders`
    ///     and `codes`.
    ///   - codes: every code, depth-first (each parent before its children).
    init(coders: [String], documents: [Document], codes: [FlatCode], codings: [Coding]) {
        var codeIndexByID: [String: Int] = [:]
        for (index, code) in codes.enumerated() { codeIndexByID[code.id] = index }
        let codings = codings.sorted {
            ($0.document, $0.start, $0.end, $0.code, $0.coder) < ($1.document, $1.start, $1.end, $1.code, $1.coder)
        }
        var codingStart = [Int](repeating: 0, count: documents.count + 1)
        for coding in codings { codingStart[Int(coding.document) + 1] += 1 }
        for d in 0..<documents.count { codingStart[d + 1] += codingStart[d] }
        self.coders = coders
        self.documents = documents
        self.codes = codes
        self.parent = codes.map { $0.parentID.flatMap { codeIndexByID[$0] } }
        self.codings = codings
        self.codingStart = codingStart
    }

    /// Reads the scope.
    ///
    /// - Parameters:
    ///   - coders: at least two distinct coder names (case-insensitive).
    ///   - documents: document names, ids or prefixes; empty means every document that each
    ///     of the coders has coded at least once.
    /// - Throws: `AgreementError` for unknown or repeated coders or no shared documents;
    ///   `DocumentLookupError` for unknown documents.
    static func read(_ store: any AgreementSource, coders names: [String], documents queries: [String], minimumCoders: Int = 2) throws -> AgreementScope {
        guard names.count >= minimumCoders else { throw AgreementError.tooFewCoders }
        var coderIDs: [Int64] = []
        var coders: [String] = []
        let known = try store.allCoderNames()
        for name in names {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let coder = try store.coder(named: trimmed), let id = coder.id else {
                throw AgreementError.unknownCoder(trimmed, known: known)
            }
            guard !coderIDs.contains(id) else { throw AgreementError.duplicateCoder(trimmed) }
            coderIDs.append(id)
            coders.append(coder.name)
        }

        var documentIDs: [Int64]
        if queries.isEmpty {
            documentIDs = try store.documentsCodedByAll(coderIDs)
            guard !documentIDs.isEmpty else { throw AgreementError.noSharedDocuments(coders) }
        } else {
            documentIDs = []
            for query in queries where !documentIDs.contains(try store.documentID(query)) {
                documentIDs.append(try store.documentID(query))
            }
        }
        var documentIndex: [Int64: Int32] = [:]
        var documents: [Document] = []
        for id in documentIDs {
            guard let document = try store.documentNameAndLength(id) else {
                throw DocumentLookupError.notFound(String(id))
            }
            documentIndex[id] = Int32(documents.count)
            documents.append(Document(id: id, name: document.name, length: document.characters))
        }

        let codes = try store.codebookCodes()
        var codeIndexByID: [String: Int] = [:]
        for (index, code) in codes.enumerated() { codeIndexByID[code.id] = index }
        var codeIndexByRowID: [Int64: Int32] = [:]
        for (rowID, id) in try store.codeIDsByRowID() {
            if let index = codeIndexByID[id] { codeIndexByRowID[rowID] = Int32(index) }
        }
        var coderIndex: [Int64: Int32] = [:]
        for (index, id) in coderIDs.enumerated() { coderIndex[id] = Int32(index) }

        var codings: [Coding] = []
        try store.forEachCoding(byCoders: coderIDs) { row in
            guard let document = documentIndex[row.documentID], let code = codeIndexByRowID[row.codeRowID],
                  let coder = coderIndex[row.coderID] else { return }
            codings.append(Coding(document: document, coder: coder, code: code, start: row.start, end: row.end))
        }
        return AgreementScope(coders: coders, documents: documents, codes: codes, codings: codings)
    }

    /// Document `d`'s codings.
    func codings(ofDocument d: Int) -> ArraySlice<Coding> {
        codings[codingStart[d]..<codingStart[d + 1]]
    }

    /// Document `d`'s stored text, for quoting units and stretches.
    func text(_ store: any AgreementSource, document d: Int) throws -> ScalarText {
        ScalarText(try store.documentText(documents[d].id) ?? "")
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

    /// Each document's units for a stored unit kind (turns read in one query).
    func units(_ store: any AgreementSource, kind: AgreementUnit) throws -> [UnitSpans] {
        var byID: [Int64: [TextSpan]] = [:]
        switch kind {
        case .turn:
            byID = try store.turnSpansByDocument()
        case .sentence:
            for document in documents { byID[document.id] = try store.sentenceSpans(ofDocument: document.id) }
        case .paragraph:
            for document in documents { byID[document.id] = try store.paragraphSpans(ofDocument: document.id) }
        default:
            break
        }
        return documents.map { UnitSpans(byID[$0.id] ?? []) }
    }
}
