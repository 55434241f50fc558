import Foundation
import GRDB

/// A row of `documents`: an imported transcript, its immutable NFC text and its structure.
///
/// `paragraphs` and `sentences` are packed spans (see `SpanPacking`); offsets are Unicode
/// scalar offsets into `text`.
struct DocumentRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "documents"

    var id: Int64?
    var name: String
    var caseID: Int64?
    var format: String
    var encoding: String?
    var sourceFile: String
    var sha256: String
    var text: String
    var characters: Int
    var paragraphs: Data
    var sentences: Data
    var importedAt: String
    var memo: String?
    /// Who wrote the memo, and when (ISO 8601).
    var memoBy: String?
    var memoAt: String?
    /// 1 at import; each replacement of the text adds one.
    var revision: Int

    /// The columns, which are also the keys it is encoded and decoded with.
    enum Columns: String, CodingKey, ColumnExpression {
        case id, name
        case caseID = "case_id"
        case format, encoding
        case sourceFile = "source_file"
        case sha256, text, characters, paragraphs, sentences
        case importedAt = "imported_at"
        case memo
        case memoBy = "memo_by"
        case memoAt = "memo_at"
        case revision
    }

    typealias CodingKeys = Columns

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
