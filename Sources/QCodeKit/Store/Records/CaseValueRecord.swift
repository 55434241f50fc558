import GRDB

/// A row of `case_values`: one case's value of one attribute, stored as text.
struct CaseValueRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "case_values"

    var caseID: Int64
    var attributeID: Int64
    var value: String

    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case attributeID = "attribute_id"
        case value
    }

    enum Columns {
        static let caseID = Column(CodingKeys.caseID)
        static let attributeID = Column(CodingKeys.attributeID)
        static let value = Column(CodingKeys.value)
    }
}
