import CReadStat
import Foundation

/// Errors writing an SPSS or Stata file.
public enum StatisticsFileError: Error, CustomStringConvertible, Equatable {
    /// ReadStat refused something: its message, and the variable when there is one.
    case readStat(format: StatisticsFormat, message: String, variable: String?)
    /// A text value longer than the format holds (SPSS: 32,767 bytes).
    case valueTooLong(format: StatisticsFormat, variable: String, row: Int, bytes: Int, limit: Int)
    /// More columns than the format holds.
    case tooManyColumns(format: StatisticsFormat, count: Int, limit: Int)

    public var description: String {
        switch self {
        case .readStat(let format, let message, let variable):
            return "cannot write the \(format.displayName) file\(variable.map { " (variable \($0))" } ?? ""): \(message)"
        case .valueTooLong(let format, let variable, let row, let bytes, let limit):
            return "row \(row) of \(variable) holds \(bytes) bytes of text, more than \(format.displayName) files hold (\(limit)); export it as CSV or JSON"
        case .tooManyColumns(let format, let count, let limit):
            return "\(count) columns are more than \(format.displayName) files hold (\(limit)); use --level to roll codes up"
        }
    }
}

extension StatisticsFormat {
    /// "SPSS" or "Stata".
    public var displayName: String { self == .sav ? "SPSS" : "Stata" }
}

/// Writes a ``StatisticsTable`` as an SPSS `.sav` or Stata `.dta` file through ReadStat.
///
/// - Variable names come from ``ColumnNamer`` (letters, digits and `_`, at most 32
///   characters, not a reserved word of R, SPSS or Stata, unique), so both formats accept them.
/// - Variable labels: the column's label (SPSS: up to 255 bytes; Stata: up to 80 characters).
/// - Numbers are doubles; booleans 0/1. Dates (`yyyy-mm-dd`) are dates: SPSS seconds since
///   1582-10-14 with format `SDATE10`, Stata days since 1960-01-01 with format `%td`.
/// - Text is a string of the column's longest value (Stata: `strL` beyond 2,045 bytes).
/// - A `null` cell is system missing (`sysmis`, `.`); in a string column an empty string.
///   User-missing values: see ``StatisticsColumn/missingValues``.
/// - Values are never changed: a numeric or date column with a value that is not one is
///   written as a string column.
///
/// ```swift
/// let table = StatisticsTable(columns: [.init(name: "case"), .init(name: "sc", label: "Social cure",
///                             kind: .numeric, valueLabels: StatisticsColumn.presenceLabels)],
///                             rows: [[.text("SU01"), .integer(1)], [.text("SU02"), .null]])
/// try StatisticsFileWriter.write(table, format: .dta, to: sink)
/// ```
public enum StatisticsFileWriter {
    /// The longest string SPSS holds; Stata's `str#` holds 2,045 bytes, `strL` any length.
    static let savStringLimit = 32_767
    static let dtaStrLimit = 2_045
    /// Days from 1582-10-14 (SPSS's day 0) and from 1960-01-01 (Stata's) to 1970-01-01.
    static let spssEpochDays = 141_428
    static let stataEpochDays = 3_653

    /// Writes `table` in `format` to `sink`, then flushes it.
    /// - Throws: ``StatisticsFileError``, or the sink's write error.
    public static func write(_ table: StatisticsTable, format: StatisticsFormat, to sink: ByteSink) throws {
        let limit = 32_767  // Stata's limit (Stata/MP goes beyond it; SPSS has none this low)
        if format == .dta, table.columns.count > limit { throw StatisticsFileError.tooManyColumns(format: format, count: table.columns.count, limit: limit) }
        let plan = try ColumnPlan.make(table, format: format)
        let box = SinkBox(sink)
        guard let writer = readstat_writer_init() else {
            throw StatisticsFileError.readStat(format: format, message: "out of memory", variable: nil)
        }
        defer { readstat_writer_free(writer) }
        readstat_set_data_writer(writer) { data, length, context in
            guard let data, let context else { return -1 }
            let box = Unmanaged<SinkBox>.fromOpaque(context).takeUnretainedValue()
            box.sink.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
            do { try box.sink.flushIfFull() } catch { box.error = error; return -1 }
            return length
        }
        func check(_ code: readstat_error_t, _ variable: String? = nil) throws {
            if let error = box.error { throw error }
            guard code != READSTAT_OK else { return }
            throw StatisticsFileError.readStat(format: format, message: String(cString: readstat_error_message(code)), variable: variable)
        }

        // Value label sets, shared by columns with the same labels.
        var labelSets: [[ValueLabel]: UnsafeMutablePointer<readstat_label_set_t>] = [:]
        var variables: [UnsafeMutablePointer<readstat_variable_t>] = []
        for column in plan.columns {
            let type: readstat_type_t
            switch column.storage {
            case .double: type = READSTAT_TYPE_DOUBLE
            case .string: type = READSTAT_TYPE_STRING
            case .stringRef: type = READSTAT_TYPE_STRING_REF
            }
            let width: Int
            if case .string(let bytes) = column.storage { width = bytes } else { width = 0 }
            guard let variable = readstat_add_variable(writer, column.name, type, width) else {
                throw StatisticsFileError.readStat(format: format, message: "out of memory", variable: column.name)
            }
            if let label = column.label { readstat_variable_set_label(variable, label) }
            if let displayFormat = column.displayFormat { readstat_variable_set_format(variable, displayFormat) }
            readstat_variable_set_measure(variable, column.measure)
            if !column.valueLabels.isEmpty || !column.missingValues.isEmpty {
                let key = column.valueLabels + column.missingValues.map { ValueLabel(value: $0, label: "\u{1}missing") }
                if labelSets[key] == nil {
                    let name = column.valueLabels == StatisticsColumn.presenceLabels && column.missingValues.isEmpty
                        ? "presence" : "labels\(labelSets.count + 1)"
                    let set = readstat_add_label_set(writer, format == .sav ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32, name)!
                    for label in column.valueLabels {
                        if format == .dta, let index = column.missingValues.firstIndex(of: label.value) {
                            readstat_label_tagged_value(set, CChar(UInt8(ascii: "a") + UInt8(index)), label.label)
                        } else if format == .sav {
                            readstat_label_double_value(set, label.value, label.label)
                        } else if let integer = Int32(exactly: label.value) {
                            readstat_label_int32_value(set, integer, label.label)
                        }
                    }
                    labelSets[key] = set
                }
                readstat_variable_set_label_set(variable, labelSets[key])
            }
            if format == .sav {
                for value in column.missingValues { try check(readstat_variable_add_missing_double_value(variable, value), column.name) }
            }
            variables.append(variable)
        }

        // Stata's strL values must all be known before writing begins.
        var references: [Int: [OpaquePointer?]] = [:]
        for (index, column) in plan.columns.enumerated() where column.storage == .stringRef {
            var shared: [String: OpaquePointer] = [:]
            references[index] = table.rows.map { row in
                let text = (index < row.count ? row[index] : .null).statisticsText
                if let reference = shared[text] { return reference }
                let reference = text.withCString { readstat_add_string_ref(writer, $0) }
                if let reference { shared[text] = OpaquePointer(reference) }
                return reference.map(OpaquePointer.init)
            }
        }

        let context = Unmanaged.passUnretained(box).toOpaque()
        switch format {
        case .sav:
            try check(readstat_begin_writing_sav(writer, context, table.rows.count))
        case .dta:
            try check(readstat_writer_set_file_format_version(writer, 118))
            try check(readstat_begin_writing_dta(writer, context, table.rows.count))
        }
        try check(readstat_validate_metadata(writer))
        for (index, variable) in variables.enumerated() {
            try check(readstat_validate_variable(writer, variable), plan.columns[index].name)
        }
        for (rowIndex, row) in table.rows.enumerated() {
            try check(readstat_begin_row(writer))
            for (index, column) in plan.columns.enumerated() {
                if let reference = references[index]?[rowIndex] {
                    try check(readstat_insert_string_ref(writer, variables[index], UnsafeMutablePointer(reference)), column.name)
                    continue
                }
                let cell = index < row.count ? row[index] : .null
                try insert(cell, column, variables[index], writer, format: format, check: check)
            }
            try check(readstat_end_row(writer))
        }
        try check(readstat_end_writing(writer))
        try sink.flush()
        withExtendedLifetime(box) {}
    }

    private static func insert(_ cell: ExportCell, _ column: ColumnPlan.Column, _ variable: UnsafeMutablePointer<readstat_variable_t>,
                               _ writer: UnsafeMutablePointer<readstat_writer_t>, format: StatisticsFormat,
                               check: (readstat_error_t, String?) throws -> Void) throws {
        switch column.storage {
        case .double:
            guard let value = column.number(cell) else {
                return try check(readstat_insert_missing_value(writer, variable), column.name)
            }
            if format == .dta, let index = column.missingValues.firstIndex(of: value) {
                return try check(readstat_insert_tagged_missing_value(writer, variable, CChar(UInt8(ascii: "a") + UInt8(index))), column.name)
            }
            try check(readstat_insert_double_value(writer, variable, value), column.name)
        case .string:
            try check(cell.statisticsText.withCString { readstat_insert_string_value(writer, variable, $0) }, column.name)
        case .stringRef:
            throw StatisticsFileError.readStat(format: format, message: "out of memory", variable: column.name)
        }
    }
}

/// Where ReadStat's bytes go, and the first write error.
private final class SinkBox {
    let sink: ByteSink
    var error: Error?
    init(_ sink: ByteSink) { self.sink = sink }
}

extension ExportCell {
    /// The cell as a statistics file's string: its text, empty for `null`.
    var statisticsText: String { text }
}

/// How each column of a table is stored: its safe name, label, storage and display format.
struct ColumnPlan {
    struct Column {
        enum Storage: Equatable { case double, string(Int), stringRef }
        var name: String
        var label: String?
        var kind: StatisticsColumn.Kind
        var storage: Storage
        var displayFormat: String?
        var measure: readstat_measure_t
        var valueLabels: [ValueLabel]
        var missingValues: [Double]
        let format: StatisticsFormat

        /// The number stored for a cell of a numeric or date column (nil: system missing).
        func number(_ cell: ExportCell) -> Double? {
            switch cell {
            case .integer(let value): return Double(value)
            case .number(let value): return value.isFinite ? value : nil
            case .boolean(let value): return value ? 1 : 0
            case .null: return nil
            case .text(let value):
                guard kind == .date, let days = ISODate.days(sinceEpoch: value) else { return nil }
                return format == .sav
                    ? Double(days + StatisticsFileWriter.spssEpochDays) * 86_400
                    : Double(days + StatisticsFileWriter.stataEpochDays)
            }
        }
    }

    var columns: [Column]

    static func make(_ table: StatisticsTable, format: StatisticsFormat) throws -> ColumnPlan {
        var namer = ColumnNamer()
        var columns: [Column] = []
        for (index, column) in table.columns.enumerated() {
            let cells = table.rows.lazy.map { index < $0.count ? $0[index] : .null }
            let kind = resolvedKind(column.kind, cells)
            let name = namer.unique(column.name)
            var label = column.label ?? (name == column.name ? nil : column.name)
            if let text = label { label = trimmedLabel(text, format: format) }
            var storage = Column.Storage.double
            var displayFormat: String?
            var measure = READSTAT_MEASURE_SCALE
            switch kind {
            case .string:
                var longest = 1
                for (row, cell) in cells.enumerated() {
                    let bytes = cell.statisticsText.utf8.count
                    if format == .sav, bytes > StatisticsFileWriter.savStringLimit {
                        throw StatisticsFileError.valueTooLong(format: format, variable: name, row: row + 1, bytes: bytes,
                                                               limit: StatisticsFileWriter.savStringLimit)
                    }
                    longest = max(longest, bytes)
                }
                storage = format == .dta && longest > StatisticsFileWriter.dtaStrLimit ? .stringRef : .string(longest)
                measure = READSTAT_MEASURE_NOMINAL
            case .date:
                displayFormat = format == .sav ? "SDATE10" : "%td"
            case .numeric:
                if !column.valueLabels.isEmpty { measure = READSTAT_MEASURE_NOMINAL }
                if cells.allSatisfy({ if case .number = $0 { return false } else { return true } }) {
                    let digits = cells.map { cell -> Int in
                        if case .integer(let value) = cell { return String(value).count } else { return 1 }
                    }.max() ?? 1
                    displayFormat = format == .sav ? "F\(max(8, digits + 1)).0" : "%\(max(9, digits + 1)).0g"
                }
            }
            columns.append(Column(name: name, label: label, kind: kind, storage: storage, displayFormat: displayFormat,
                                  measure: measure, valueLabels: kind == .numeric ? column.valueLabels : [],
                                  missingValues: kind == .numeric ? Array(column.missingValues.prefix(3)) : [], format: format))
        }
        return ColumnPlan(columns: columns)
    }

    /// The kind a column is written as: the requested one when every cell fits it, else string.
    static func resolvedKind<C: Collection>(_ requested: StatisticsColumn.Kind?, _ cells: C) -> StatisticsColumn.Kind
    where C.Element == ExportCell {
        func isNumber(_ cell: ExportCell) -> Bool {
            switch cell {
            case .integer, .number, .boolean, .null: return true
            case .text: return false
            }
        }
        switch requested {
        case .string: return .string
        case .date:
            let fits = cells.allSatisfy { cell in
                if case .text(let value) = cell { return ISODate.days(sinceEpoch: value) != nil }
                return cell == .null
            }
            return fits ? .date : .string
        case .numeric, nil:
            return cells.allSatisfy(isNumber) ? .numeric : .string
        }
    }

    /// A label cut to what the format holds (SPSS 255 bytes, Stata 80 characters), on a
    /// character boundary.
    static func trimmedLabel(_ label: String, format: StatisticsFormat) -> String {
        var result = ""
        var bytes = 0
        var characters = 0
        for character in label {
            let size = String(character).utf8.count
            if format == .sav ? bytes + size > 255 : characters + 1 > 80 || bytes + size > 320 { break }
            result.append(character)
            bytes += size
            characters += 1
        }
        return result
    }
}
