import GRDB

// Queries that other domains own too (codebook, documents, cases, coding). They forward to
// the existing implementations so that segments, exports, agreement and REFI code can use a
// `Store`; when those domains get their own `Store` queries, these are the duplicates to fold.

extension Store {
    /// Every code, depth-first, with paths (the codebook as stored, validated).
    func codebookCodes() throws -> [FlatCode] {
        try Project.flatCodes(db)
    }

    /// Every code as stored, by position (not yet built into a tree).
    func storedCodes() throws -> [FlatCode] {
        try Project.storedCodes(db)
    }

    /// The code named by `query` (id, path or unique path suffix).
    func resolveCode(_ query: String) throws -> FlatCode {
        try Project.resolveCode(db, query)
    }

    /// The id of a code and of all its descendants.
    func subtreeIDs(of id: String) throws -> [String] {
        try Project.subtreeIDs(db, of: id)
    }

    /// Adds a code (its parent, if any, must exist).
    func insertCode(_ code: FlatCode) throws {
        try Project.insert(db, code)
    }

    /// Replaces the definition, parent and position of the code with `code.id`.
    func updateCode(_ code: FlatCode) throws {
        try Project.update(db, code)
    }

    /// The id of the document named by `query`: its id, exact name or a unique name prefix.
    func documentID(_ query: String) throws -> Int64 {
        try Project.documentID(db, query)
    }

    /// Every case with its attributes and documents, sorted by name.
    func caseDetails() throws -> [CaseDetails] {
        try Project.cases(db, only: nil)
    }

    /// The id of the coder named `name`, created on first use.
    func coderID(named name: String) throws -> Int64 {
        try Project.coderID(db, name: name)
    }

    /// Adds codings of one code by one coder, skipping exact duplicates.
    func insertCodings(documentID: Int64, codeID: String, coderID: Int64, spans: [TextSpan], memo: String?) throws -> CodingChange {
        try Project.insertCodings(db, documentID: documentID, codeID: codeID, coderID: coderID, spans: spans, memo: memo)
    }

    /// A writer of parsed documents inside this transaction (prepared statements; the bulk path).
    func documentWriter() throws -> DocumentWriter {
        try DocumentWriter(db)
    }
}
