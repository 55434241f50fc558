import GRDB

/// A row of `project_info`: one key-value fact about the project (creation time, ...).
struct ProjectInfoRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "project_info"

    var key: String
    var value: String

    /// The columns, which are also the keys it is encoded and decoded with.
    enum Columns: String, CodingKey, ColumnExpression {
        case key, value
    }

    typealias CodingKeys = Columns
}
