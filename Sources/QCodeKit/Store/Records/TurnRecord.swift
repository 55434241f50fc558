import GRDB

/// A row of `turns`: one speaker turn of a document (scalar offsets, end exclusive).
struct TurnRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "turns"

    var documentID: Int64
    var number: Int
    var speaker: String?
    var start: Int
    var end: Int
    var time: Double?
    var endTime: Double?

    /// The columns, which are also the keys it is encoded and decoded with.
    enum Columns: String, CodingKey, ColumnExpression {
        case documentID = "document_id"
        case number, speaker, start, end, time
        case endTime = "end_time"
    }

    typealias CodingKeys = Columns

}
