import GRDB

/// A row of `case_values`: one case's value of one attribute, stored as text.
struct CaseValueRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "case_values"

    var caseID: Int64
    var attributeID: Int64
    var value: String

    /// The columns, which are also the keys it is encoded and decoded with.
    enum Columns: String, CodingKey, ColumnExpression {
        case caseID = "case_id"
        case attributeID = "attribute_id"
        case value
    }

    typealias CodingKeys = Columns

}
