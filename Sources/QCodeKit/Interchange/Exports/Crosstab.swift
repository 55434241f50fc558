import Foundation
import GRDB

/// What a crosstab cell counts.
public enum CrosstabCount: String, Sendable, CaseIterable {
    /// Cases with at least one coding of the code.
    case cases
    /// Codings of the code.
    case segments
}

/// Options of ``Project/crosstab(_:)``.
public struct CrosstabOptions: Sendable {
    /// The case attribute whose values make the columns.
    public var attribute: String
    public var count: CrosstabCount = .cases
    /// Only codes down to this depth (1: themes); `nil`: every code.
    public var level: Int?
    /// Only these coders' codings; empty: every coder's.
    public var coders: [String] = []

    public init(attribute: String, count: CrosstabCount = .cases, level: Int? = nil, coders: [String] = []) {
        self.attribute = attribute
        self.count = count
        self.level = level
        self.coders = coders
    }
}

extension Project {
    /// Codes by the values of a case attribute (a "matrix coding query"): for each code
    /// (with its descendants) and value, the number of cases with that value that have a
    /// coding of the code, or the number of such codings.
    ///
    /// Columns: `code` (the path), one per value in order (numbers by size, other values
    /// alphabetically), `(missing)` when some coded case has no value, and `total`.
    /// Codings in documents without a case are left out.
    ///
    /// - Throws: ``ExportError/noSuchAttribute(_:known:)`` for an unknown attribute.
    public func crosstab(_ options: CrosstabOptions) throws -> ExportTable {
        try database.read { db in
            let names = try Self.attributeNames(db)
            guard names.contains(options.attribute) else {
                throw ExportError.noSuchAttribute(options.attribute, known: names)
            }
            let codes = try CodeColumns(db, level: options.level)
            var filter = SegmentFilter()
            filter.coders = options.coders
            let (whereClause, arguments) = try Self.codingConditions(db, filter)
            var valueOfCase: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT v.case_id, v.value FROM case_values v JOIN attributes a ON a.id = v.attribute_id WHERE a.name = ?
                """, arguments: [options.attribute]) {
                valueOfCase[row[0]] = row[1]
            }
            let missing = "(missing)"
            var cells: [Int: [String: Set<Int64>]] = [:]   // column -> value -> cases
            var segments: [Int: [String: Int]] = [:]       // column -> value -> codings
            var values: Set<String> = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT d.case_id, o.rowid
                FROM codings k JOIN codes o ON o.id = k.code_id JOIN coders r ON r.id = k.coder_id
                JOIN documents d ON d.id = k.document_id LEFT JOIN cases c ON c.id = d.case_id
                \(whereClause.isEmpty ? "WHERE" : whereClause + " AND") d.case_id IS NOT NULL
                """, arguments: arguments)
            while let row = try cursor.next() {
                let caseID: Int64 = row[0]
                guard let code = codes.indexByRowID[row[1]] else { continue }
                let value = valueOfCase[caseID] ?? missing
                values.insert(value)
                for column in codes.targets[code] {
                    cells[column, default: [:]][value, default: []].insert(caseID)
                    segments[column, default: [:]][value, default: 0] += 1
                }
            }
            let ordered = Self.orderedValues(values.subtracting([missing])) + (values.contains(missing) ? [missing] : [])
            return ExportTable(columns: ["code"] + ordered + ["total"], rows: codes.columns.indices.map { column in
                let byValue = cells[column] ?? [:]
                let counts = ordered.map { value -> Int in
                    options.count == .cases ? byValue[value]?.count ?? 0 : segments[column]?[value] ?? 0
                }
                let total = options.count == .cases
                    ? byValue.values.reduce(into: Set<Int64>()) { $0.formUnion($1) }.count
                    : counts.reduce(0, +)
                return [.text(codes.code(ofColumn: column).path)] + counts.map(ExportCell.integer) + [.integer(total)]
            })
        }
    }

    /// Values sorted as numbers when they all are, else alphabetically.
    static func orderedValues(_ values: Set<String>) -> [String] {
        if values.allSatisfy({ Double($0) != nil }) {
            return values.sorted { Double($0)! < Double($1)! }
        }
        return values.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    }
}
