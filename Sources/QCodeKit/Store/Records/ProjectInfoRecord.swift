import GRDB

/// A row of `project_info`: one key-value fact about the project (creation time, ...).
struct ProjectInfoRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "project_info"

    var key: String
    var value: String

    enum Columns {
        static let key = Column(CodingKeys.key)
        static let value = Column(CodingKeys.value)
    }
}
