import GRDB

/// The values a segment filter can name: what `--doc`, `--case`, `--coder` and `--speaker`
/// may match. Used to tell a filter value that names nothing from one that merely selects
/// nothing, and to suggest the nearest existing value.
public struct FilterValues: Sendable, Equatable {
    /// Document names, in import order.
    public var documents: [String]
    /// Case names, sorted.
    public var cases: [String]
    /// Coders with at least one coding, sorted.
    public var coders: [String]
    /// Speaker labels, in order of first appearance.
    public var speakers: [String]

    public init(documents: [String] = [], cases: [String] = [], coders: [String] = [], speakers: [String] = []) {
        self.documents = documents
        self.cases = cases
        self.coders = coders
        self.speakers = speakers
    }
}

extension Store {
    /// The values segment filters can name (see ``FilterValues``).
    func filterValues() throws -> FilterValues {
        var seen: Set<String> = []
        let speakers = try String.fetchAll(db, TurnRecord
            .select(TurnRecord.Columns.speaker)
            .filter(TurnRecord.Columns.speaker != nil)
            .order(TurnRecord.Columns.documentID, TurnRecord.Columns.number))
            .filter { seen.insert($0).inserted }
        return FilterValues(
            documents: try String.fetchAll(db, DocumentRecord.select(DocumentRecord.Columns.name).order(DocumentRecord.Columns.id)),
            cases: try String.fetchAll(db, CaseRecord.select(CaseRecord.Columns.name).order(CaseRecord.Columns.name)),
            coders: try String.fetchAll(db, CoderRecord
                .select(CoderRecord.Columns.name)
                .filter(CodingRecord.select(CodingRecord.Columns.coderID).contains(CoderRecord.Columns.id))
                .order(CoderRecord.Columns.name)),
            speakers: speakers)
    }
}

extension Project {
    /// The values segment filters can name (see ``FilterValues``), in one snapshot.
    public func filterValues() throws -> FilterValues {
        try read { try $0.filterValues() }
    }
}
