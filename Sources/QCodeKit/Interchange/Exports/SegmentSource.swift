import Foundation

/// The named queries a segment listing reads (`qcode segments`, `export segments`): the
/// agreement engine's, plus the filter's names, labels, turns and codings in text order.
/// A project file's `Store` answers them with SQLite; a team server's
/// `ServerSegmentReader` with PostgreSQL, so the one listing code runs on either.
protocol SegmentSource: AgreementSource {
    /// The code named by `query`: its id, its full path, or a unique path suffix.
    func resolveCode(_ query: String) throws -> FlatCode
    /// The ids of a code and every code below it.
    func subtreeIDs(of id: String) throws -> [String]
    /// The names of coders with at least one coding, sorted.
    func namesOfCodersWithCodings() throws -> [String]
    /// Whether an attribute of this name exists.
    func attributeExists(_ name: String) throws -> Bool
    /// The attribute names in column order.
    func attributeNames() throws -> [String]
    /// Cases with their typed attribute values and documents, sorted by name.
    func caseDetails(named only: String?) throws -> [CaseDetails]
    /// Every coder's name by id.
    func coderNamesByID() throws -> [Int64: String]
    /// Every document's name and case.
    func documentLabels() throws -> [DocumentLabel]
    /// Each coding `selection` selects, in text order (document, start, end, code, coder).
    func forEachCodingInTextOrder(_ selection: CodingSelection, _ body: (SegmentCodingRow) throws -> Void) throws
    /// A document's turns in order.
    func turnInfos(ofDocument id: Int64) throws -> [TurnInfo]
}

extension Store: SegmentSource {}
