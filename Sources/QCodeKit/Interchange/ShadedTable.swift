/// An exported table as aligned text for a terminal, with the numbers of chosen columns
/// shaded by size (an ANSI 256-colour background, five steps from pale to deep blue; 0 and
/// empty cells unshaded) when `colour` is on. Whether to colour is the caller's decision
/// (the CLI: standard output is a terminal and `NO_COLOR` is not set).
///
/// Cells are made safe as ``Tabular/table(maxWidth:)`` makes them (control characters as
/// visible escapes, line breaks and tabs as spaces, cut at `maxWidth` columns); the only
/// escape sequences in the result are the shading's own.
///
/// ```swift
/// ShadedTable.render(table, shading: Set(1..<table.columns.count), colour: true)
/// ```
public enum ShadedTable {
    /// Background colours (xterm 256) from the lowest to the highest fifth.
    static let backgrounds = [189, 153, 111, 69, 25]

    public static func render(_ table: ExportTable, shading columns: Set<Int>, colour: Bool, maxWidth: Int = 60) -> String {
        let texts = [table.columns] + table.rows.map { $0.map(\.text) }
        var cells: [[String]] = []
        var widths = [Int](repeating: 0, count: table.columns.count)
        for row in texts {
            var line: [String] = []
            for (index, cell) in row.enumerated() {
                let flat = String(cell.map { $0 == "\n" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
                let safe = TerminalSafe.escape(CellWidth.truncate(flat, to: maxWidth))
                if index < widths.count { widths[index] = max(widths[index], CellWidth.of(safe)) }
                line.append(safe)
            }
            cells.append(line)
        }
        var maximum = 0.0
        if colour {
            for row in table.rows {
                for column in columns where column < row.count { maximum = max(maximum, value(row[column]) ?? 0) }
            }
        }
        var lines: [String] = []
        for (rowIndex, row) in cells.enumerated() {
            var parts: [String] = []
            for (index, cell) in row.enumerated() {
                let last = index == row.count - 1
                let padded = last || index >= widths.count ? cell : CellWidth.pad(cell, to: widths[index])
                guard colour, rowIndex > 0, columns.contains(index), maximum > 0,
                      let number = value(table.rows[rowIndex - 1][index]), number > 0 else {
                    parts.append(padded)
                    continue
                }
                let step = min(Int((number / maximum * Double(backgrounds.count)).rounded(.up)), backgrounds.count) - 1
                let foreground = step >= 3 ? 231 : 16
                parts.append("\u{1B}[48;5;\(backgrounds[max(step, 0)]);38;5;\(foreground)m\(padded)\u{1B}[0m")
            }
            lines.append(parts.joined(separator: "  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A numeric cell's value.
    private static func value(_ cell: ExportCell) -> Double? {
        switch cell {
        case .integer(let value): return Double(value)
        case .number(let value): return value.isFinite ? value : nil
        default: return nil
        }
    }
}
