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

    enum CodingKeys: String, CodingKey {
        case documentID = "document_id"
        case number, speaker, start, end, time
        case endTime = "end_time"
    }

    enum Columns {
        static let documentID = Column(CodingKeys.documentID)
        static let number = Column(CodingKeys.number)
        static let speaker = Column(CodingKeys.speaker)
        static let start = Column(CodingKeys.start)
        static let end = Column(CodingKeys.end)
        static let time = Column(CodingKeys.time)
        static let endTime = Column(CodingKeys.endTime)
    }
}
