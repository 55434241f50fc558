import GRDB

/// A row of `codes`: one code of the codebook. `id` is stable across renames and moves.
///
/// `examples` and `keywords` are JSON arrays of strings, as stored.
struct CodeRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "codes"

    var id: String
    var parentID: String?
    var name: String
    var label: String?
    var colour: String?
    var description: String?
    var include: String?
    var exclude: String?
    var examples: String
    var keywords: String
    var position: Int

    enum CodingKeys: String, CodingKey {
        case id
        case parentID = "parent_id"
        case name, label, colour, description, include, exclude, examples, keywords, position
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let parentID = Column(CodingKeys.parentID)
        static let name = Column(CodingKeys.name)
        static let label = Column(CodingKeys.label)
        static let colour = Column(CodingKeys.colour)
        static let description = Column(CodingKeys.description)
        static let include = Column(CodingKeys.include)
        static let exclude = Column(CodingKeys.exclude)
        static let examples = Column(CodingKeys.examples)
        static let keywords = Column(CodingKeys.keywords)
        static let position = Column(CodingKeys.position)
    }
}
