import Foundation

/// What a code matrix has one row for.
public enum MatrixUnit: String, Sendable, CaseIterable {
    /// One row per case (participant) with at least one document.
    case `case`
    /// One row per document.
    case document
}

/// What a code matrix cell holds.
public enum MatrixValue: String, Sendable, CaseIterable {
    /// 1 if the row has a coding of the code (or a descendant), else 0; `null` when the
    /// coder never coded the row (see ``Project/codeMatrix(_:)``).
    case presence
    /// The number of such codings.
    case count
    /// The share of the row's characters covered by such codings (their union), 0 to 1.
    case coverage
}

/// Options of ``Project/codeMatrix(_:)``.
public struct CodeMatrixOptions: Sendable {
    public var unit: MatrixUnit = .case
    public var value: MatrixValue = .presence
    /// Only codes down to this depth get a column (1: themes); `nil`: every code.
    public var level: Int?
    /// The coder whose codings count (for example a consensus coder); `nil` is allowed only
    /// when one coder has codings.
    public var coder: String?

    public init(unit: MatrixUnit = .case, value: MatrixValue = .presence, level: Int? = nil, coder: String? = nil) {
        self.unit = unit
        self.value = value
        self.level = level
        self.coder = coder
    }
}

/// One column of a code matrix, as its data dictionary describes it.
public struct MatrixColumn: Sendable, Equatable {
    public enum Kind: String, Sendable { case id, attribute, survey, code }
    /// The safe column name (see ``ColumnNamer``).
    public var name: String
    public var kind: Kind
    /// The code's path, for code columns.
    public var codePath: String?
    /// The code's label, or the attribute's original name.
    public var label: String?
    public var description: String?
    /// What the values mean.
    public var values: String
    /// The value type of attribute and survey columns (nil for the others).
    public var type: AttributeType?

    init(name: String, kind: Kind, codePath: String? = nil, label: String?, description: String?, values: String,
         type: AttributeType? = nil) {
        self.name = name
        self.kind = kind
        self.codePath = codePath
        self.label = label
        self.description = description
        self.values = values
        self.type = type
    }
}

/// IDs that a join found on one side only.
public struct JoinReport: Sendable, Equatable {
    /// Rows of the matrix whose case is not in the joined table.
    public var onlyInMatrix: [String] = []
    /// IDs of the joined table with no row in the matrix.
    public var onlyInTable: [String] = []
    /// Columns of the joined table left out because an attribute has the same name.
    public var skippedColumns: [String] = []
}

/// A case-by-code (or document-by-code) table, ready to join with survey data.
///
/// The identifying columns come first (`case`, or `document` and `case`), then the case
/// attributes, then any joined survey columns, then one column per code. Every code's
/// column counts the codings of the code and of its descendants.
public struct CodeMatrix: Sendable {
    public private(set) var columns: [MatrixColumn]
    public private(set) var rows: [[ExportCell]]
    /// The case of each row, for joining.
    public private(set) var rowCases: [String?]
    /// What the code cells hold.
    public let value: MatrixValue
    /// Where joined columns go: before the first code column.
    private var firstCodeColumn: Int
    private var namer: ColumnNamer

    /// The matrix as a table.
    public var table: ExportTable { ExportTable(columns: columns.map(\.name), rows: rows) }

    /// The data dictionary: one row per column with its kind, code path, label,
    /// description and what its values mean.
    public var dictionary: ExportTable {
        ExportTable(columns: ["column", "kind", "code_path", "label", "description", "values"],
                    rows: columns.map { column in
                        [.text(column.name), .text(column.kind.rawValue), column.codePath.map(ExportCell.text) ?? .null,
                         column.label.map(ExportCell.text) ?? .null, column.description.map(ExportCell.text) ?? .null,
                         .text(column.values)]
                    })
    }

    init(columns: [MatrixColumn], rows: [[ExportCell]], rowCases: [String?], firstCodeColumn: Int, namer: ColumnNamer,
         value: MatrixValue = .presence) {
        self.value = value
        self.columns = columns
        self.rows = rows
        self.rowCases = rowCases
        self.firstCodeColumn = firstCodeColumn
        self.namer = namer
    }

    /// Adds the columns of a survey table, matching its IDs with the rows' cases (a left
    /// join: every row stays, with empty cells where the table has no such ID).
    ///
    /// Columns whose name is already an attribute are left out (they would repeat it).
    /// - Returns: the IDs found on one side only, and the columns left out.
    @discardableResult
    public mutating func join(_ table: CaseTable, source: String) -> JoinReport {
        var report = JoinReport()
        let attributeNames = Set(columns.filter { $0.kind == .attribute }.compactMap(\.label))
        let added = table.columns.filter { column in
            if attributeNames.contains(column) { report.skippedColumns.append(column); return false }
            return true
        }
        let newColumns = added.map { name in
            MatrixColumn(name: namer.unique(name), kind: .survey, codePath: nil, label: name,
                         description: "from \(source) (\((table.types[name] ?? .text).rawValue))",
                         values: "the \(name) column of \(source), matched on \(table.idColumn)",
                         type: table.types[name] ?? .text)
        }
        var byID: [String: CaseRow] = [:]
        for row in table.rows { byID[row.id] = row }
        for (index, caseName) in rowCases.enumerated() {
            let row = caseName.flatMap { byID[$0] }
            if row == nil { report.onlyInMatrix.append(caseName ?? "(no case)") }
            let cells = added.map { name -> ExportCell in
                guard let value = row?.values[name] else { return .null }
                return ExportCell(AttributeValue(stored: value, type: table.types[name] ?? .text))
            }
            rows[index].insert(contentsOf: cells, at: firstCodeColumn)
        }
        let matched = Set(rowCases.compactMap { $0 })
        report.onlyInTable = table.rows.map(\.id).filter { !matched.contains($0) }
        report.onlyInMatrix = Array(Set(report.onlyInMatrix)).sorted()
        columns.insert(contentsOf: newColumns, at: firstCodeColumn)
        firstCodeColumn += newColumns.count
        return report
    }
}

extension CodeMatrix {
    /// The matrix for an SPSS or Stata file: the same columns and cells, with variable labels
    /// (a code's label and path, an attribute's name), numeric attributes as numbers, dates
    /// as dates, text as strings, booleans as 0/1 labelled false/true, and on presence
    /// columns the value labels 0 = absent, 1 = present. `null` cells are system-missing.
    public var statisticsTable: StatisticsTable {
        StatisticsTable(columns: columns.map { column in
            switch column.kind {
            case .id:
                return StatisticsColumn(name: column.name, label: column.label, kind: .string)
            case .attribute, .survey:
                let type = column.type ?? .text
                return StatisticsColumn(name: column.name, label: column.label, kind: StatisticsColumn.kind(of: type),
                                        valueLabels: type == .boolean ? StatisticsColumn.booleanLabels : [])
            case .code:
                let path = column.codePath ?? column.name
                let label = column.label.map { $0 == path ? path : "\($0) (\(path))" } ?? path
                return StatisticsColumn(name: column.name, label: label, kind: .numeric,
                                        valueLabels: value == .presence ? StatisticsColumn.presenceLabels : [])
            }
        }, rows: rows)
    }
}

extension Project {
    /// A case-by-code (or document-by-code) table of presence, counts or coverage.
    ///
    /// Rows are the cases with at least one document (by name), or every document (in
    /// import order). A row the coder has no coding in (in none of its documents) has `null`
    /// code cells, "not coded" rather than 0, unless the coder has marked one of its
    /// documents fully coded (`document_marks`); other tables read a `null` code cell as
    /// "not coded". Coverage is the number of characters covered by the union of the
    /// code's codings divided by the row's characters (all its documents' characters).
    ///
    /// ```swift
    /// let matrix = try project.codeMatrix(.init(value: .coverage, level: 1, coder: "consensus"))
    /// // columns: case, age, group, ..., sc, lw, sd, ...
    /// ```
    ///
    /// - Throws: ``ExportError`` when several coders have codings and none is chosen, the
    ///   coder has no codings, or the level is below 1.
    /// - Complexity: O(*n* log *n*) for *n* codings times the code depth (coverage sorts the
    ///   intervals of each cell and sweeps them once); O(*n*) for presence and counts.
    public func codeMatrix(_ options: CodeMatrixOptions = .init()) throws -> CodeMatrix {
        try read { store in
            let coder = try Self.singleCoder(store, options.coder)
            let codes = try CodeColumns.read(store, level: options.level)
            let attributes = try store.attributes()
            let markedDone = try coder.flatMap { try store.existingCoderID(named: $0) }
                .map { try store.documentIDsMarkedDone(coderID: $0) } ?? []
            var builder = CodeMatrixBuilder(
                unit: options.unit, value: options.value, coder: coder, codes: codes,
                attributes: attributes.map(\.name), attributeTypes: Dictionary(attributes.map { ($0.name, $0.type) }) { first, _ in first },
                cases: try store.caseDetails(), documents: try store.documentSizes(), markedDone: markedDone)
            try store.forEachCoding(byCoder: coder) { coding in
                guard let code = codes.indexByRowID[coding.codeRowID] else { return }
                builder.add(document: coding.documentID, code: code, start: coding.start, end: coding.end)
            }
            return builder.matrix()
        }
    }

    /// For each cell, the number of characters in the union of its intervals.
    ///
    /// The intervals are bucketed by cell, each bucket is sorted by document and start and
    /// swept once, merging overlapping intervals.
    static func coveredLengths(cells: Int, intervals: [(cell: Int, document: Int64, start: Int, end: Int)]) -> [Int] {
        var offsets = [Int](repeating: 0, count: cells + 1)
        for interval in intervals { offsets[interval.cell + 1] += 1 }
        for cell in 0..<cells { offsets[cell + 1] += offsets[cell] }
        var placed = [(document: Int64, start: Int, end: Int)](repeating: (0, 0, 0), count: intervals.count)
        var next = offsets
        for interval in intervals {
            placed[next[interval.cell]] = (interval.document, interval.start, interval.end)
            next[interval.cell] += 1
        }
        var covered = [Int](repeating: 0, count: cells)
        for cell in 0..<cells where offsets[cell] < offsets[cell + 1] {
            let range = offsets[cell]..<offsets[cell + 1]
            placed[range].sort { ($0.document, $0.start) < ($1.document, $1.start) }
            var (document, runStart, runEnd) = placed[range.lowerBound]
            var total = 0
            for interval in placed[range].dropFirst() {
                if interval.document == document, interval.start <= runEnd {
                    runEnd = max(runEnd, interval.end)
                } else {
                    total += runEnd - runStart
                    (document, runStart, runEnd) = interval
                }
            }
            covered[cell] = total + runEnd - runStart
        }
        return covered
    }
}
