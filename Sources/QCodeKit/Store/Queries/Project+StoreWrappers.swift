import GRDB

/// Static forms of the named queries, taking a `Database`, for the callers that do not
/// use `Store` yet (Team/, Interchange/, Agreement/, Workspace/, Coding/Project+Segments).
/// Each one only forwards to the `Store` query; delete it once nothing calls it.
extension Project {
    static func storedCodes(_ db: Database) throws -> [FlatCode] { try Store(db).storedCodes() }

    static func flatCodes(_ db: Database) throws -> [FlatCode] { try Store(db).flatCodes() }

    static func resolveCode(_ db: Database, _ query: String) throws -> FlatCode { try Store(db).resolveCode(query) }

    static func codePaths(_ db: Database) throws -> [String: String] { try Store(db).codePaths() }

    static func subtreeIDs(_ db: Database, of id: String) throws -> [String] { try Store(db).subtreeIDs(of: id) }

    static func insert(_ db: Database, _ code: FlatCode) throws { try Store(db).insertCode(code) }

    static func update(_ db: Database, _ code: FlatCode) throws { try Store(db).updateCode(code) }

    static func coderID(_ db: Database, name: String) throws -> Int64 { try Store(db).coderID(named: name) }

    static func documentID(_ db: Database, _ query: String) throws -> Int64 { try Store(db).documentID(named: query) }

    static func cases(_ db: Database, only: String?) throws -> [CaseDetails] { try Store(db).caseDetails(named: only) }

    static func insertCodings(
        _ db: Database, documentID: Int64, codeID: String, coderID: Int64, spans: [TextSpan], memo: String?
    ) throws -> CodingChange {
        try Store(db).insertCodings(documentID: documentID, codeID: codeID, coderID: coderID, spans: spans, memo: memo)
    }
}
