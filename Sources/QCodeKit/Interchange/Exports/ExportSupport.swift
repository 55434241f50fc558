import Foundation
import GRDB

/// Errors in table exports.
public enum ExportError: Error, CustomStringConvertible, Equatable {
    case severalCoders([String])
    case noSuchCoder(String, known: [String])
    case badLevel(Int)
    case noSuchAttribute(String, known: [String])

    public var description: String {
        switch self {
        case .severalCoders(let names):
            return "codings by \(names.count) coders (\(names.joined(separator: ", "))): choose one with --coder (for example a consensus coder)"
        case .noSuchCoder(let name, let known):
            return "no coder '\(name)' has codings (coders: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
        case .badLevel(let level):
            return "level \(level) is not a code depth: use 1 for themes, 2 for their children, ..."
        case .noSuchAttribute(let name, let known):
            return "no attribute '\(name)' (attributes: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
        }
    }
}

/// The codebook as indexes, for counting codings per code column.
///
/// With a `level`, only codes down to that depth get a column (1: themes only); every
/// coding counts towards its own code's column and each ancestor's column ("aggregate").
struct CodeColumns {
    let codes: [FlatCode]
    /// Index into `codes` for the `codes.rowid` of each code.
    let indexByRowID: [Int64: Int]
    /// The column codes (indexes into `codes`), depth-first.
    let columns: [Int]
    /// For each code, the columns it counts towards (itself and its ancestors with columns).
    let targets: [[Int]]
    /// For each code, the index of its top-level code.
    let theme: [Int]

    init(_ db: Database, level: Int?) throws {
        if let level, level < 1 { throw ExportError.badLevel(level) }
        codes = try Project.flatCodes(db)
        var indexByID: [String: Int] = [:]
        for (index, code) in codes.enumerated() { indexByID[code.id] = index }
        var indexByRowID: [Int64: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT rowid, id FROM codes") {
            if let index = indexByID[row[1]] { indexByRowID[row[0]] = index }
        }
        self.indexByRowID = indexByRowID
        let maximumDepth = level.map { $0 - 1 } ?? Int.max
        let codes = self.codes
        let columns = codes.indices.filter { codes[$0].depth <= maximumDepth }
        self.columns = columns
        var columnOf: [Int: Int] = [:]
        for (column, code) in columns.enumerated() { columnOf[code] = column }
        var targets: [[Int]] = []
        var theme: [Int] = []
        for index in codes.indices {
            var list: [Int] = []
            var current: Int? = index
            var top = index
            while let node = current {
                if let column = columnOf[node] { list.append(column) }
                top = node
                current = codes[node].parentID.flatMap { indexByID[$0] }
            }
            targets.append(list.reversed())
            theme.append(top)
        }
        self.targets = targets
        self.theme = theme
    }

    /// The code of column `column`.
    func code(ofColumn column: Int) -> FlatCode { codes[columns[column]] }
}

extension Project {
    /// The codings matching `filter`, in text order (document, start, end, code, coder), as
    /// rows of: coding id, document id, code id, code rowid, coder id, start, end, memo.
    /// The `codings_text_order` index covers every column, so no sort and no table visits.
    static func codingsInTextOrder(_ db: Database, _ filter: SegmentFilter) throws -> RowCursor {
        let (whereClause, arguments) = try codingConditions(db, filter)
        return try Row.fetchCursor(db, sql: """
            SELECT k.id, k.document_id, k.code_id, o.rowid, k.coder_id, k.start, k."end", k.memo
            FROM codings k
            JOIN codes o ON o.id = k.code_id
            JOIN documents d ON d.id = k.document_id
            JOIN coders r ON r.id = k.coder_id
            LEFT JOIN cases c ON c.id = d.case_id
            \(whereClause)
            ORDER BY k.document_id, k.start, k."end", k.code_id, k.coder_id
            """, arguments: arguments)
    }

    /// SQL conditions (for `codings k`, `documents d`, `coders r`, `cases c`) that select the
    /// codings a ``SegmentFilter`` selects, except its speaker condition.
    static func codingConditions(_ db: Database, _ filter: SegmentFilter) throws -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let query = filter.code {
            let code = try resolveCode(db, query)
            let ids = filter.includeChildren ? try subtreeIDs(db, of: code.id) : [code.id]
            conditions.append("k.code_id IN (\(databaseQuestionMarks(count: ids.count)))")
            arguments += StatementArguments(ids)
        }
        if !filter.coders.isEmpty {
            try checkCoders(db, filter.coders)
            conditions.append("r.name IN (\(databaseQuestionMarks(count: filter.coders.count)))")
            arguments += StatementArguments(filter.coders)
        }
        if !filter.documents.isEmpty {
            let ids = try filter.documents.map { try documentID(db, $0) }
            conditions.append("k.document_id IN (\(databaseQuestionMarks(count: ids.count)))")
            arguments += StatementArguments(ids)
        }
        if !filter.cases.isEmpty {
            conditions.append("c.name IN (\(databaseQuestionMarks(count: filter.cases.count)))")
            arguments += StatementArguments(filter.cases)
        }
        for condition in filter.attributes {
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM attributes WHERE name = ?", arguments: [condition.name]) == true else {
                throw SegmentError.noSuchAttribute(condition.name)
            }
            conditions.append("""
                EXISTS (SELECT 1 FROM case_values v JOIN attributes a ON a.id = v.attribute_id
                        WHERE v.case_id = d.case_id AND a.name = ? AND v.value = ?)
                """)
            arguments += [condition.name, condition.value]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// The names of coders with at least one coding.
    static func codingCoders(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT name FROM coders WHERE id IN (SELECT DISTINCT coder_id FROM codings) ORDER BY name
            """)
    }

    /// Throws unless every name is a coder with codings.
    static func checkCoders(_ db: Database, _ names: [String]) throws {
        let known = try codingCoders(db)
        for name in names where !known.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) {
            throw ExportError.noSuchCoder(name, known: known)
        }
    }

    /// The coder to count for a one-coder table: `name`, else the only coder, else an error.
    static func singleCoder(_ db: Database, _ name: String?) throws -> String? {
        if let name {
            try checkCoders(db, [name])
            return name
        }
        let known = try codingCoders(db)
        if known.count > 1 { throw ExportError.severalCoders(known) }
        return known.first
    }

    /// The attributes in column order, for checking names.
    static func attributeNames(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM attributes ORDER BY position, id")
    }
}

/// A turn's number, speaker, span and time, as exports need them.
struct TurnInfo {
    var number: Int
    var speaker: String?
    var start: Int
    var end: Int
    var time: Double?

    /// The turns of a document in order.
    static func all(_ db: Database, document: Int64) throws -> [TurnInfo] {
        try Row.fetchAll(db, sql: """
            SELECT number, speaker, start, "end", time FROM turns WHERE document_id = ? ORDER BY number
            """, arguments: [document]).map { TurnInfo(number: $0[0], speaker: $0[1], start: $0[2], end: $0[3], time: $0[4]) }
    }

    /// The index of the last turn starting at or before `offset` (the turn a coding
    /// starting there belongs to), if any.
    static func index(startingAtOrBefore offset: Int, in turns: [TurnInfo]) -> Int? {
        var low = 0
        var high = turns.count
        while low < high {
            let middle = (low + high) / 2
            if turns[middle].start <= offset { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }
}
