import GRDB

/// A row of `coders`: one person (or consensus) who codes. Names are unique ignoring case.
struct CoderRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "coders"

    var id: Int64?
    var name: String

    /// The columns, which are also the keys it is encoded and decoded with.
    enum Columns: String, CodingKey, ColumnExpression {
        case id, name
    }

    typealias CodingKeys = Columns

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
