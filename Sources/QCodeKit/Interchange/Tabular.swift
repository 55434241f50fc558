import Foundation

/// Rows of text cells rendered as an aligned text table, CSV or TSV.
///
/// CSV follows RFC 4180 (UTF-8, CRLF record ends, fields quoted when they hold a comma,
/// quote, CR or LF). Cells that a spreadsheet would run as a formula (starting with `=`,
/// `+`, `-`, `@`, tab or CR) are neutralised with a leading apostrophe, unless the cell
/// is a plain number such as `-3` or `+1.5`.
public struct Tabular: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    /// An aligned, space-separated table for people; long cells are cut at `maxWidth`
    /// columns. Line breaks and tabs in a cell become spaces, and control characters are
    /// shown as visible escapes (`TerminalSafe`), so no cell can drive the terminal. Widths
    /// are terminal columns (`CellWidth`: wide characters count 2, an escape its length).
    /// Only this form escapes: `csv()` and `tsv()` keep every character.
    public func table(maxWidth: Int = 60) -> String {
        var widthsOf: [[Int]] = []
        let clipped = ([headers] + rows).map { row in
            var cellWidths: [Int] = []
            let cells = row.map { cell -> String in
                let flat = cell.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r\n" })
                    ? String(cell.map { $0 == "\n" || $0 == "\t" || $0 == "\r\n" ? " " : $0 }) : cell
                let cut = CellWidth.truncate(flat, to: maxWidth)
                cellWidths.append(CellWidth.of(cut))
                return TerminalSafe.escape(cut)
            }
            widthsOf.append(cellWidths)
            return cells
        }
        var widths = [Int](repeating: 0, count: headers.count)
        for row in widthsOf {
            for (index, width) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], width)
            }
        }
        return zip(clipped, widthsOf).map { row, cellWidths in
            row.enumerated().map { index, cell in
                guard index < row.count - 1, index < widths.count, widths[index] > cellWidths[index] else { return cell }
                return cell + String(repeating: " ", count: widths[index] - cellWidths[index])
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV with formula neutralisation.
    public func csv() -> String {
        ([headers] + rows).map { row in row.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Tab-separated values; tabs and line breaks inside cells become spaces.
    public func tsv() -> String {
        ([headers] + rows).map { row in row.map(CSVCellEncoder.tsv).joined(separator: "\t") }.joined(separator: "\n") + "\n"
    }

    /// One CSV field, neutralised and quoted as needed (see ``CSVCellEncoder``).
    public static func csvField(_ value: String) -> String {
        CSVCellEncoder.csv(value)
    }

    /// Prefixes an apostrophe to a cell a spreadsheet would treat as a formula.
    public static func neutralise(_ value: String) -> String {
        CSVCellEncoder.neutralise(value)
    }
}
