import Foundation

/// The file formats of table exports.
///
/// - `csv`: RFC 4180, UTF-8, CRLF record ends; cells a spreadsheet would run as a formula
///   are neutralised as ``Tabular`` does (unless the writer is told not to: `--raw`).
/// - `tsv`: tab-separated, LF record ends; tabs and line breaks in cells become spaces.
/// - `json`: an array of objects, one per row, keys in column order.
/// - `jsonl`: one object per line (JSON Lines).
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, tsv, json, jsonl

    /// The format a file name's extension implies (`.csv`, `.tsv`, `.json`, `.jsonl`), if any.
    public init?(fileName: String) {
        let ext = (fileName as NSString).pathExtension.lowercased()
        switch ext {
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "json": self = .json
        case "jsonl", "ndjson": self = .jsonl
        default: return nil
        }
    }
}

/// One value in an exported table. Numbers and booleans stay typed in JSON.
public enum ExportCell: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case null

    /// The cell for an attribute value, or `null` when it is missing.
    public init(_ value: AttributeValue?) {
        switch value {
        case .integer(let value): self = .integer(value)
        case .number(let value): self = .number(value)
        case .boolean(let value): self = .boolean(value)
        case .text(let value): self = .text(value)
        case nil: self = .null
        }
    }

    /// The cell as plain text (empty for `null`), as CSV shows it before quoting.
    public var text: String {
        switch self {
        case .text(let value): return value
        case .integer(let value): return String(value)
        case .number(let value): return ExportCell.format(value)
        case .boolean(let value): return value ? "true" : "false"
        case .null: return ""
        }
    }

    /// A number with at most 6 decimals and no trailing zeros (`0.25`, `1`, `0.333333`).
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

/// A whole table held in memory: column names and typed rows.
public struct ExportTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[ExportCell]]

    public init(columns: [String], rows: [[ExportCell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// Writes the table in `format` to `sink`. `guardFormulas: false` writes CSV and TSV
    /// cells exactly as they are (see ``CSVCellEncoder``); JSON never alters a value.
    public func write(_ format: ExportFormat, to sink: ByteSink, guardFormulas: Bool = true) throws {
        let writer = RowWriter(format: format, columns: columns, sink: sink, guardFormulas: guardFormulas)
        try writer.begin()
        for row in rows {
            for cell in row { writer.cell(cell) }
            try writer.endRow()
        }
        try writer.finish()
    }

    /// The table rendered in `format` as a string (for tests and small outputs).
    public func rendered(_ format: ExportFormat) throws -> String {
        let sink = ByteSink()
        try write(format, to: sink)
        return sink.string
    }

    /// The plain-text cells, for ``Tabular``.
    public var tabular: Tabular {
        Tabular(headers: columns, rows: rows.map { $0.map(\.text) })
    }
}
