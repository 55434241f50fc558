import Foundation

/// The unit within which two codes co-occur.
public enum CooccurrenceUnit: String, Sendable, CaseIterable {
    /// A speaker turn: both codes have a coding overlapping the same turn.
    case turn
    /// A coded segment: two overlapping codings (or one coding counting for a code and
    /// its ancestor).
    case segment
    /// A document: both codes occur somewhere in it.
    case document
}

/// Options of ``Project/cooccurrence(_:)``.
public struct CooccurrenceOptions: Sendable {
    public var unit: CooccurrenceUnit = .turn
    /// Only codes down to this depth (1: themes); `nil`: every code.
    public var level: Int?
    /// Only these coders' codings (one coder, or a consensus coder; naming several pools
    /// them). Empty: the one coder with codings; refused when several coders have codings.
    public var coders: [String] = []

    public init(unit: CooccurrenceUnit = .turn, level: Int? = nil, coders: [String] = []) {
        self.unit = unit
        self.level = level
        self.coders = coders
    }
}

extension Project {
    /// A symmetric code-by-code table: the number of units coded with both codes, counting
    /// one coder's codings (``CooccurrenceOptions/coders``: refused without a coder when
    /// several coders have codings, so one coder's code is never counted against another's).
    ///
    /// The first column, `code`, holds each code's path, and there is one column per code
    /// path. A code counts its own codings and its descendants'. The diagonal is the
    /// number of units coded with the code; for `segment` units it is the number of
    /// codings, and off the diagonal each pair of overlapping codings (in the same
    /// document, sharing at least one character) counts once.
    ///
    /// A coding's turns are the turns it overlaps; a coding outside every turn belongs to
    /// the turn before it, or to its document when there is none.
    ///
    /// - Complexity: O(*n* log *n* + *u* *k*²) for *n* codings and *u* units with at most
    ///   *k* codes each; for segments O(*n* *m*) where *m* is the most codings overlapping one.
    public func cooccurrence(_ options: CooccurrenceOptions = .init()) throws -> ExportTable {
        let (counts, paths) = try cooccurrenceCounts(options)
        return counts.table(paths: paths)
    }

    /// The co-occurrence of each pair of codes with its measures: one row per pair with
    /// `code_a`, `code_b`, the `unit` they are computed on, `n_a`, `n_b` and `n_ab` (as in
    /// ``cooccurrence(_:)``), ATLAS.ti's `c_coefficient` n_ab / (n_a + n_b − n_ab), and
    /// `jaccard`, |A ∩ B| / |A ∪ B| of the units coded with each (equal to c on turns and
    /// documents; empty for segments, which are no shared units).
    public func cooccurrencePairs(_ options: CooccurrenceOptions = .init()) throws -> ExportTable {
        let (counts, paths) = try cooccurrenceCounts(options)
        return counts.pairsTable(paths: paths)
    }

    private func cooccurrenceCounts(_ options: CooccurrenceOptions) throws -> (CooccurrenceCounts, [String]) {
        try read { store in
            let codes = try CodeColumns.read(store, level: options.level)
            var filter = SegmentFilter()
            filter.coders = try Self.tableCoders(store, options.coders)
            let selection = try Self.codingSelection(store, filter)
            var counts = CooccurrenceCounts(unit: options.unit, columns: codes.columns.count)
            var document: Int64?
            var codings: [CooccurrenceCounts.Coding] = []
            func closeDocument() throws {
                guard let document, !codings.isEmpty else { return }
                counts.add(document: codings, turns: options.unit == .turn ? try store.turnInfos(ofDocument: document) : [])
                codings.removeAll(keepingCapacity: true)
            }
            try store.forEachCodingByDocument(selection) { coding in
                if coding.documentID != document {
                    try closeDocument()
                    document = coding.documentID
                }
                guard let code = codes.indexByRowID[coding.codeRowID] else { return }
                let targets = codes.targets[code]
                guard !targets.isEmpty else { return }
                codings.append(.init(start: coding.start, end: coding.end, columns: targets))
            }
            try closeDocument()
            return (counts, codes.columnPaths)
        }
    }

    /// The turn numbers a coding of `start..<end` counts for (0: its document as a whole).
    static func turnUnits(start: Int, end: Int, turns: [TurnInfo]) -> [Int] {
        var units: [Int] = []
        var index = TurnInfo.index(startingAtOrBefore: start, in: turns) ?? 0
        if index < turns.count, turns[index].end <= start { index += 1 }
        while index < turns.count, turns[index].start < end {
            if turns[index].end > start { units.append(turns[index].number) }
            index += 1
        }
        if units.isEmpty {
            units.append(TurnInfo.index(startingAtOrBefore: start, in: turns).map { turns[$0].number } ?? 0)
        }
        return units
    }
}
