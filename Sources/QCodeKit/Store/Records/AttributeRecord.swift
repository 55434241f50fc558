import GRDB

/// A row of `attributes`: a typed case attribute (a survey column).
struct AttributeRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "attributes"

    var id: Int64?
    var name: String
    /// One of `integer`, `number`, `boolean`, `date`, `text` (see `AttributeType`).
    var type: String
    var position: Int

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let type = Column(CodingKeys.type)
        static let position = Column(CodingKeys.position)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
