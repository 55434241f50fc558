import GRDB

/// A row of `cases`: a participant (or other unit) that documents belong to.
struct CaseRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "cases"

    var id: Int64?
    var name: String
    var memo: String?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let memo = Column(CodingKeys.memo)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
