import GRDB

/// A row of `document_marks`: a coder has marked a document as fully coded, so that exports
/// read the coder's silence on it as "nothing found" rather than "not coded".
struct DocumentMarkRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "document_marks"

    var documentID: Int64
    var coderID: Int64
    /// When it was marked (ISO 8601).
    var markedAt: String

    /// The columns, which are also the keys it is encoded and decoded with.
    enum Columns: String, CodingKey, ColumnExpression {
        case documentID = "document_id", coderID = "coder_id", markedAt = "marked_at"
    }

    typealias CodingKeys = Columns
}
