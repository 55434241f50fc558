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

    /// The columns, which are also the keys it is encoded and decoded with.
    enum Columns: String, CodingKey, ColumnExpression {
        case id
        case parentID = "parent_id"
        case name, label, colour, description, include, exclude, examples, keywords, position
    }

    typealias CodingKeys = Columns

}
