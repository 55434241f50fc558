import Foundation

/// Streams table rows as CSV, TSV, JSON or JSON Lines into a ``ByteSink``, cell by cell.
///
/// Cells are written straight from their UTF-8 bytes, so that a row costs no `String`
/// building beyond the values themselves. CSV and TSV cells are written by
/// ``CSVCellEncoder``, as ``Tabular``'s are.
///
/// ```swift
/// let writer = RowWriter(format: .csv, columns: ["case", "n"], sink: sink)
/// try writer.begin()
/// writer.text("SU03"); writer.integer(2); try writer.endRow()
/// try writer.finish()          // "case,n\r\nSU03,2\r\n"
/// ```
final class RowWriter: RowCellWriter {
    let format: ExportFormat
    /// Whether CSV and TSV cells a spreadsheet would run as a formula get an apostrophe.
    let guardFormulas: Bool
    private let sink: ByteSink
    private let columns: [String]
    /// For JSON: `"name":` per column, escaped once.
    private var keys: [[UInt8]] = []
    private var column = 0
    private var rowCount = 0

    init(format: ExportFormat, columns: [String], sink: ByteSink, guardFormulas: Bool = true) {
        self.format = format
        self.guardFormulas = guardFormulas
        self.columns = columns
        self.sink = sink
        if format == .json || format == .jsonl {
            keys = columns.map { name in
                let probe = ByteSink()
                Self.appendJSONString(Array(name.utf8)[...], to: probe)
                probe.append(UInt8(ascii: ":"))
                return Array(probe.data)
            }
        }
    }

    /// Writes the header (CSV, TSV) or the opening bracket (JSON).
    func begin() throws {
        switch format {
        case .csv, .tsv:
            for name in columns { text(name) }
            try endRow(counting: false)
        case .json: sink.append(UInt8(ascii: "["))
        case .jsonl: break
        }
    }

    /// Ends the output (JSON's closing bracket) and flushes the sink.
    func finish() throws {
        if format == .json { sink.append(rowCount == 0 ? "]\n" : "\n]\n") }
        try sink.flush()
    }

    /// Ends the current row.
    func endRow() throws {
        try endRow(counting: true)
    }

    private func endRow(counting: Bool) throws {
        switch format {
        case .csv: sink.append("\r\n")
        case .tsv: sink.append(UInt8(ascii: "\n"))
        case .json: sink.append(UInt8(ascii: "}"))
        case .jsonl: sink.append("}\n")
        }
        column = 0
        if counting { rowCount += 1 }
        try sink.flushIfFull()
    }

    /// Starts a cell: the separator, or for JSON the row's opening and the key.
    @inline(__always)
    private func startCell() {
        switch format {
        case .csv: if column > 0 { sink.append(UInt8(ascii: ",")) }
        case .tsv: if column > 0 { sink.append(UInt8(ascii: "\t")) }
        case .json, .jsonl:
            if column == 0 {
                if format == .json { sink.append(rowCount == 0 ? "\n{" : ",\n{") } else { sink.append(UInt8(ascii: "{")) }
            } else {
                sink.append(UInt8(ascii: ","))
            }
            if column < keys.count { sink.append(contentsOf: keys[column]) }
        }
        column += 1
    }

    func cell(_ value: ExportCell) {
        switch value {
        case .text(let value): text(value)
        case .integer(let value): integer(value)
        case .number(let value): number(value)
        case .boolean(let value): boolean(value)
        case .null: null()
        }
    }

    func text(_ value: String) {
        var value = value
        value.withUTF8 { text(bytes: $0[...]) }
    }

    func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    /// A text cell from UTF-8 bytes.
    func text<Bytes: RandomAccessCollection>(bytes: Bytes) where Bytes.Element == UInt8, Bytes.Index == Int {
        startCell()
        switch format {
        case .csv: CSVCellEncoder.appendCSV(bytes, to: sink, guardFormulas: guardFormulas)
        case .tsv: CSVCellEncoder.appendTSV(bytes, to: sink, guardFormulas: guardFormulas)
        case .json, .jsonl: Self.appendJSONString(bytes, to: sink)
        }
    }

    func integer(_ value: Int) {
        startCell()
        Self.appendDecimal(value, to: sink)
    }

    func integer(_ value: Int?) {
        if let value { integer(value) } else { null() }
    }

    func number(_ value: Double) {
        guard value.isFinite else { return null() }
        startCell()
        sink.append(ExportCell.format(value))
    }

    func number(_ value: Double?) {
        if let value { number(value) } else { null() }
    }

    func boolean(_ value: Bool) {
        startCell()
        sink.append(value ? "true" : "false")
    }

    /// An empty cell (CSV, TSV) or `null` (JSON).
    func null() {
        startCell()
        if format == .json || format == .jsonl { sink.append("null") }
    }

    // MARK: Encoding

    private static func appendDecimal(_ value: Int, to sink: ByteSink) {
        if value >= 0 && value < 10 {
            sink.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var magnitude = value.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if value < 0 { sink.append(UInt8(ascii: "-")) }
            sink.append(contentsOf: buffer[(20 - count)...])
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    static func appendJSONString<Bytes: RandomAccessCollection>(_ bytes: Bytes, to sink: ByteSink)
    where Bytes.Element == UInt8, Bytes.Index == Int {
        sink.append(UInt8(ascii: "\""))
        var runStart = bytes.startIndex
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            sink.append(contentsOf: bytes[runStart..<index])
            runStart = index + 1
            sink.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): sink.append(byte)
            case 0x0A: sink.append(UInt8(ascii: "n"))
            case 0x0D: sink.append(UInt8(ascii: "r"))
            case 0x09: sink.append(UInt8(ascii: "t"))
            default:
                sink.append("u00")
                sink.append(hex[Int(byte >> 4)])
                sink.append(hex[Int(byte & 0x0F)])
            }
        }
        sink.append(contentsOf: bytes[runStart..<bytes.endIndex])
        sink.append(UInt8(ascii: "\""))
    }
}

/// Where a streamed export puts its cells: a ``RowWriter`` (text formats) or a
/// ``TableCollector`` (a table kept for a statistics file).
protocol RowCellWriter: AnyObject {
    func begin() throws
    func finish() throws
    func endRow() throws
    func cell(_ value: ExportCell)
    func text(_ value: String?)
    func text<Bytes: RandomAccessCollection>(bytes: Bytes) where Bytes.Element == UInt8, Bytes.Index == Int
    func integer(_ value: Int)
    func integer(_ value: Int?)
    func number(_ value: Double?)
}

/// Collects streamed rows as cells, for a statistics file (which needs every row first).
final class TableCollector: RowCellWriter {
    private(set) var rows: [[ExportCell]] = []
    private var row: [ExportCell] = []

    func begin() throws {}
    func finish() throws {}
    func endRow() throws { rows.append(row); row.removeAll(keepingCapacity: true) }
    func cell(_ value: ExportCell) { row.append(value) }
    func text(_ value: String?) { row.append(value.map(ExportCell.text) ?? .null) }
    func text<Bytes: RandomAccessCollection>(bytes: Bytes) where Bytes.Element == UInt8, Bytes.Index == Int {
        row.append(.text(String(decoding: bytes, as: UTF8.self)))
    }
    func integer(_ value: Int) { row.append(.integer(value)) }
    func integer(_ value: Int?) { row.append(value.map(ExportCell.integer) ?? .null) }
    func number(_ value: Double?) { row.append(value.map(ExportCell.number) ?? .null) }
}
