/// The table-building behind ``Project/codeMatrix(_:)``, from plain values (no database):
/// rows for cases or documents, their attribute cells, the column descriptions, and the
/// presence, count or coverage of each code column, fed one coding at a time.
///
/// A row the coder never coded (no coding of any code in any of its documents) has missing
/// (`null`) code cells, not 0: "not coded" is not "absent". The exception is a row with a
/// document the coder has marked fully coded (`qcode docs done`): its silence means absent.
///
/// ```swift
/// var builder = CodeMatrixBuilder(unit: .document, value: .count, coder: nil, codes: columns,
///                                 attributes: [], cases: [], documents: documents)
/// builder.add(document: 1, code: 0, start: 0, end: 10)
/// let matrix = builder.matrix()
/// ```
struct CodeMatrixBuilder {
    let unit: MatrixUnit
    let value: MatrixValue
    /// The coder whose codings are counted, named in the column descriptions; nil: unnamed.
    let coder: String?
    let codes: CodeColumns
    let attributes: [String]
    /// The type of each attribute (for statistics files); missing: text.
    let attributeTypes: [String: AttributeType]
    /// The row of each document (documents of no row, for unit `case`, are left out).
    private var rowOfDocument: [Int64: Int] = [:]
    /// The case of each row.
    private var rowCases: [String?] = []
    /// The characters of each row (all its documents').
    private var characters: [Int] = []
    /// The identifying cells of each row.
    private var leading: [[ExportCell]] = []
    /// Whether the coder has a coding in the row (in any of its documents).
    private var coded: [Bool] = []
    /// Whether the coder has marked one of the row's documents fully coded.
    private var marked: [Bool] = []
    /// Row-major codings per cell, rows × code columns.
    private var counts: [Int]
    /// For coverage: each cell's coded intervals.
    private var intervals: [(cell: Int, document: Int64, start: Int, end: Int)] = []

    /// Lays out the rows.
    ///
    /// - Parameters:
    ///   - codes: the code columns.
    ///   - attributes: the attribute names, in column order.
    ///   - cases: every case with its attribute values and documents. For unit `case`,
    ///     the cases with documents are the rows, in this order.
    ///   - documents: every document. For unit `document`, these are the rows, in this order.
    ///   - attributeTypes: each attribute's type (text when missing).
    ///   - markedDone: the documents the coder has marked fully coded.
    init(unit: MatrixUnit, value: MatrixValue, coder: String?, codes: CodeColumns,
         attributes: [String], attributeTypes: [String: AttributeType] = [:], cases: [CaseDetails],
         documents: [DocumentSize], markedDone: Set<Int64> = []) {
        self.unit = unit
        self.value = value
        self.coder = coder
        self.codes = codes
        self.attributes = attributes
        self.attributeTypes = attributeTypes
        switch unit {
        case .case:
            var rowOfCase: [String: Int] = [:]
            for record in cases where !record.documents.isEmpty {
                rowOfCase[record.name] = rowCases.count
                rowCases.append(record.name)
                characters.append(0)
                leading.append([.text(record.name)])
            }
            for document in documents {
                guard let caseName = document.caseName, let row = rowOfCase[caseName] else { continue }
                rowOfDocument[document.id] = row
                characters[row] += document.characters
            }
        case .document:
            for document in documents {
                rowOfDocument[document.id] = rowCases.count
                rowCases.append(document.caseName)
                characters.append(document.characters)
                leading.append([.text(document.name), document.caseName.map(ExportCell.text) ?? .null])
            }
        }
        let recordByName = Dictionary(uniqueKeysWithValues: cases.map { ($0.name, $0) })
        for (row, caseName) in rowCases.enumerated() {
            let record = caseName.flatMap { recordByName[$0] }
            leading[row] += attributes.map { ExportCell(record?.attributes[$0]) }
        }
        counts = [Int](repeating: 0, count: rowCases.count * codes.columns.count)
        coded = [Bool](repeating: false, count: rowCases.count)
        marked = coded
        for document in markedDone {
            if let row = rowOfDocument[document] { marked[row] = true }
        }
    }

    /// Counts one coding of code `code` (an index into `codes.codes`) in document `document`;
    /// codings in documents of no row are left out.
    mutating func add(document: Int64, code: Int, start: Int, end: Int) {
        guard let row = rowOfDocument[document] else { return }
        coded[row] = true
        let width = codes.columns.count
        for column in codes.targets[code] {
            counts[row * width + column] += 1
            if value == .coverage {
                intervals.append((row * width + column, document, start, end))
            }
        }
    }

    /// The matrix: identifying columns, attributes, then one column per code.
    func matrix() -> CodeMatrix {
        var namer = ColumnNamer()
        var columns: [MatrixColumn] = []
        if unit == .document {
            columns.append(MatrixColumn(name: namer.unique("document"), kind: .id, label: "document",
                                        description: "the document's name", values: "text"))
        }
        columns.append(MatrixColumn(name: namer.unique("case"), kind: .id, label: "case",
                                    description: "the case (participant) ID", values: "text"))
        for name in attributes {
            columns.append(MatrixColumn(name: namer.unique(name), kind: .attribute, label: name,
                                        description: "case attribute", values: "as imported",
                                        type: attributeTypes[name] ?? .text))
        }
        let firstCodeColumn = columns.count
        let meaning: String
        switch value {
        case .presence: meaning = "1 if the \(unit.rawValue) has a coding of this code or a descendant, else 0"
        case .count: meaning = "number of codings of this code and its descendants"
        case .coverage: meaning = "share (0 to 1) of the \(unit.rawValue)'s characters coded with this code or a descendant"
        }
        let documents = unit == .case ? "any of its documents" : "it"
        let missing = "; missing (empty in CSV, null in JSON, system-missing in SPSS and Stata) when the coder has no coding in "
            + "\(documents) and has not marked \(documents) fully coded (qcode docs done): not coded is not absent"
        for column in codes.columns.indices {
            let code = codes.code(ofColumn: column)
            let theme = codes.codes[codes.theme[codes.columns[column]]]
            columns.append(MatrixColumn(
                name: namer.codeColumn(path: code.path, topLevelID: theme.id), kind: .code, codePath: code.path,
                label: code.label, description: code.description,
                values: meaning + (coder.map { " (coder \($0))" } ?? "") + missing))
        }

        let width = codes.columns.count
        let covered = value == .coverage ? Project.coveredLengths(cells: counts.count, intervals: intervals) : []
        let rows = leading.enumerated().map { row, cells -> [ExportCell] in
            guard coded[row] || marked[row] else { return cells + [ExportCell](repeating: .null, count: width) }
            return cells + (0..<width).map { column -> ExportCell in
                let count = counts[row * width + column]
                switch value {
                case .presence: return .integer(count > 0 ? 1 : 0)
                case .count: return .integer(count)
                case .coverage:
                    return .number(characters[row] == 0 ? 0 : Double(covered[row * width + column]) / Double(characters[row]))
                }
            }
        }
        return CodeMatrix(columns: columns, rows: rows, rowCases: rowCases, firstCodeColumn: firstCodeColumn, namer: namer,
                          value: value)
    }
}
