import GRDB

/// A row of `cases`: a participant (or other unit) that documents belong to.
struct CaseRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "cases"

    var id: Int64?
    var name: String
    var memo: String?

    /// The columns, which are also the keys it is encoded and decoded with.
    enum Columns: String, CodingKey, ColumnExpression {
        case id, name, memo
    }

    typealias CodingKeys = Columns

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
