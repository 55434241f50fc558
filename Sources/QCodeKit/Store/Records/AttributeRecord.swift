import GRDB

/// A row of `attributes`: a typed case attribute (a survey column).
struct AttributeRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "attributes"

    var id: Int64?
    var name: String
    /// One of `integer`, `number`, `boolean`, `date`, `text` (see `AttributeType`).
    var type: String
    var position: Int

    /// The columns, which are also the keys it is encoded and decoded with.
    enum Columns: String, CodingKey, ColumnExpression {
        case id, name, type, position
    }

    typealias CodingKeys = Columns

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
