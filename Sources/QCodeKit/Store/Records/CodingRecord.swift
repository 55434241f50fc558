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

    /// The columns, which are also the keys it is encoded and decoded with.
    enum Columns: String, CodingKey, ColumnExpression {
        case id
        case documentID = "document_id"
        case codeID = "code_id"
        case coderID = "coder_id"
        case start, end, memo
        case createdAt = "created_at"
        case memoBy = "memo_by"
        case memoAt = "memo_at"
    }

    typealias CodingKeys = Columns

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
