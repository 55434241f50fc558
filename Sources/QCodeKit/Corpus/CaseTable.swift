import Foundation

/// One case (participant, respondent) and its attribute values.
public struct CaseRow: Sendable, Hashable, Codable {
    /// The value of the ID column.
    public var id: String
    /// Attribute values by column name, trimmed; an empty cell has no entry.
    public var values: [String: String]

    /// Creates a row.
    public init(id: String, values: [String: String]) {
        self.id = id
        self.values = values
    }
}

/// A table of case attributes (e.g. survey demographics) read from a CSV file.
///
///     let table = try CaseTable.read(contentsOf: url, idColumn: nil)
///     // table.idColumn == "participant_id", table.types["age"] == .integer
public struct CaseTable: Sendable, Hashable, Codable {
    /// The column holding case IDs.
    public var idColumn: String
    /// Attribute columns in file order, without the ID column.
    public var columns: [String]
    /// The type inferred for each attribute column over its non-empty cells.
    public var types: [String: AttributeType]
    /// The rows in file order.
    public var rows: [CaseRow]
    /// Things the reader noticed but could work around, one line each (as for a
    /// transcript: "decoded as Windows-1252 (not valid UTF-8)").
    public var warnings: [String]

    /// Creates a table.
    public init(idColumn: String, columns: [String], types: [String: AttributeType], rows: [CaseRow],
                warnings: [String] = []) {
        self.idColumn = idColumn
        self.columns = columns
        self.types = types
        self.rows = rows
        self.warnings = warnings
    }

    /// Reads a CSV file of case attributes.
    /// - Parameter idColumn: the ID column; `nil` takes the first column named like
    ///   participant_id, id, participant, respondent, case, ...
    /// - Throws: ``ImportError`` when the file is unreadable, has more than 10,000 columns,
    ///   the ID column is missing (the reason lists the columns), an ID is empty, or an ID
    ///   occurs twice (naming it).
    public static func read(contentsOf url: URL, idColumn: String?) throws -> CaseTable {
        let data: Data
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ImportError(file: url.path, reason: "file not found")
        }
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImportError(file: url.path, reason: "cannot read file (\(DocumentReader.shortReason(error)))")
        }
        do {
            return try parse(data: data, fileName: url.lastPathComponent, idColumn: idColumn)
        } catch var error as ImportError {
            error.file = url.path
            throw error
        }
    }

    /// Whether a cell means "no value": empty, `NA`, `n/a` or `.` (any case), as R, SPSS
    /// and Stata write missing values, so that a numeric column with them stays numeric.
    public static func isMissing(_ cell: String) -> Bool {
        switch cell.lowercased() {
        case "", "na", "n/a", ".": return true
        default: return false
        }
    }

    /// Parses CSV bytes; see ``read(contentsOf:idColumn:)``. Missing cells (see
    /// ``isMissing(_:)``) have no value; date columns are stored as ISO 8601 `yyyy-mm-dd`.
    public static func parse(data: Data, fileName: String, idColumn: String?) throws -> CaseTable {
        let decoded = try TranscriptTextDecoder.decode(data, fileName: fileName)
        let table: CSVTable
        do { table = try CSVTable.parse(decoded.text) } catch { throw ImportError(file: fileName, reason: error.reason) }
        guard !table.header.isEmpty else { throw ImportError(file: fileName, reason: "empty file") }
        let id: Int
        if let idColumn {
            guard let i = table.column(idColumn) else {
                throw ImportError(file: fileName, reason: table.missingColumn(idColumn))
            }
            id = i
        } else {
            guard let i = table.guessIDColumn() else {
                throw ImportError(
                    file: fileName,
                    reason: "no ID column found (columns: \(MessageText.list(table.header)))")
            }
            id = i
        }
        let columns = table.header.enumerated().filter { $0.offset != id }
        var rows: [CaseRow] = []
        rows.reserveCapacity(table.rows.count)
        var firstLine: [String: Int] = [:]
        for (r, row) in table.rows.enumerated() {
            let caseID = row[id].trimmingCharacters(in: .whitespacesAndNewlines)
            let line = table.lines[r]
            guard !caseID.isEmpty else { throw ImportError(file: fileName, reason: "empty id at line \(line)") }
            if let earlier = firstLine[caseID] {
                throw ImportError(file: fileName, reason: "duplicate id '\(MessageText.clip(caseID))' (lines \(earlier) and \(line))")
            }
            firstLine[caseID] = line
            var values: [String: String] = [:]
            for (c, name) in columns {
                let v = row[c].trimmingCharacters(in: .whitespacesAndNewlines)
                if !Self.isMissing(v) { values[name] = v }
            }
            rows.append(CaseRow(id: caseID, values: values))
        }
        var types: [String: AttributeType] = [:]
        for (_, name) in columns {
            types[name] = AttributeType.infer(rows.lazy.compactMap { $0.values[name] })
            // Dates are stored as ISO 8601, month first only when the column shows it is.
            if types[name] == .date {
                let monthFirst = ISODate.monthFirst(rows.lazy.compactMap { $0.values[name] })
                for index in rows.indices {
                    if let value = rows[index].values[name], let iso = ISODate.normalised(value, dayFirst: !monthFirst) {
                        rows[index].values[name] = iso
                    }
                }
            }
        }
        return CaseTable(idColumn: table.header[id], columns: columns.map(\.element), types: types, rows: rows,
                         warnings: DocumentReader.decodingWarnings(decoded))
    }
}
