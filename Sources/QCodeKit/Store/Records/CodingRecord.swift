import GRDB

/// A row of `codings`: one coder's application of one code to a range of a document
/// (Unicode scalar offsets into the document's NFC text, end exclusive).
struct CodingRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "codings"

    var id: Int64?
    var documentID: Int64
    var codeID: String
    var coderID: Int64
    var start: Int
    var end: Int
    var memo: String?
    var createdAt: String
    /// Who wrote the memo, and when (ISO 8601).
    var memoBy: String?
    var memoAt: String?

    enum CodingKeys: String, CodingKey {
        case id
        case documentID = "document_id"
        case codeID = "code_id"
        case coderID = "coder_id"
        case start, end, memo
        case createdAt = "created_at"
        case memoBy = "memo_by"
        case memoAt = "memo_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let documentID = Column(CodingKeys.documentID)
        static let codeID = Column(CodingKeys.codeID)
        static let coderID = Column(CodingKeys.coderID)
        static let start = Column(CodingKeys.start)
        static let end = Column(CodingKeys.end)
        static let memo = Column(CodingKeys.memo)
        static let createdAt = Column(CodingKeys.createdAt)
        static let memoBy = Column(CodingKeys.memoBy)
        static let memoAt = Column(CodingKeys.memoAt)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
