import Foundation
import GRDB

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
    /// Only these coders' codings; empty: every coder's.
    public var coders: [String] = []

    public init(unit: CooccurrenceUnit = .turn, level: Int? = nil, coders: [String] = []) {
        self.unit = unit
        self.level = level
        self.coders = coders
    }
}

extension Project {
    /// A symmetric code-by-code table: the number of units coded with both codes.
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
        try database.read { db in
            let codes = try CodeColumns(db, level: options.level)
            var filter = SegmentFilter()
            filter.coders = options.coders
            let (whereClause, arguments) = try Self.codingConditions(db, filter)
            let width = codes.columns.count
            var counts = [Int](repeating: 0, count: width * width)
            func countUnit(_ columns: [Int]) {
                for a in columns { for b in columns { counts[a * width + b] += 1 } }
            }

            let cursor = try Row.fetchCursor(db, sql: """
                SELECT k.document_id, o.rowid, k.start, k."end"
                FROM codings k JOIN codes o ON o.id = k.code_id JOIN coders r ON r.id = k.coder_id
                JOIN documents d ON d.id = k.document_id LEFT JOIN cases c ON c.id = d.case_id
                \(whereClause)
                ORDER BY k.document_id, k.start
                """, arguments: arguments)
            var document: Int64 = -1
            var turns: [TurnInfo] = []
            // Per document: (unit, column) pairs, or the open codings for segments.
            var pairs: [(unit: Int, column: Int)] = []
            var open: [(end: Int, columns: [Int])] = []
            func closeDocument() {
                guard options.unit != .segment else { return }
                pairs.sort { ($0.unit, $0.column) < ($1.unit, $1.column) }
                var index = 0
                while index < pairs.count {
                    var columns: [Int] = []
                    let unit = pairs[index].unit
                    while index < pairs.count, pairs[index].unit == unit {
                        if columns.last != pairs[index].column { columns.append(pairs[index].column) }
                        index += 1
                    }
                    countUnit(columns)
                }
                pairs.removeAll(keepingCapacity: true)
            }
            while let coding = try cursor.next() {
                let documentID: Int64 = coding[0]
                if documentID != document {
                    closeDocument()
                    document = documentID
                    open.removeAll()
                    if options.unit == .turn { turns = try TurnInfo.all(db, document: documentID) }
                }
                guard let code = codes.indexByRowID[coding[1]] else { continue }
                let targets = codes.targets[code]
                guard !targets.isEmpty else { continue }
                let start: Int = coding[2]
                let end: Int = coding[3]
                switch options.unit {
                case .document:
                    for column in targets { pairs.append((0, column)) }
                case .turn:
                    for unit in Self.turnUnits(start: start, end: end, turns: turns) {
                        for column in targets { pairs.append((unit, column)) }
                    }
                case .segment:
                    countUnit(targets)
                    open.removeAll { $0.end <= start }
                    for other in open {
                        for a in targets { for b in other.columns where a != b {
                            counts[a * width + b] += 1
                            counts[b * width + a] += 1
                        } }
                    }
                    open.append((end, targets))
                }
            }
            closeDocument()

            let paths = codes.columns.indices.map { codes.code(ofColumn: $0).path }
            return ExportTable(columns: ["code"] + paths, rows: paths.indices.map { row in
                [.text(paths[row])] + (0..<width).map { .integer(counts[row * width + $0]) }
            })
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
