import Foundation
import QCodeKit

/// A text table whose columns can be right-aligned, dimmed or highlighted: the keyword-in-
/// context lines of `qcode search` and the context of `qcode segments --context`.
///
/// Every cell goes through `TerminalSafe` (after line breaks and tabs become spaces), and
/// is cut to its column's width in terminal columns (`CellWidth`); a right-aligned cell is
/// cut at its start, so that the text nearest the next column stays. Styles are ANSI
/// escapes, only with `colour` (a terminal, no NO_COLOR); without it the table is plain.
struct StyledTable {
    enum Style { case plain, dim, highlight }

    struct Column {
        var header: String
        var rightAligned = false
        var style: Style = .plain
        var maxWidth = 60
    }

    var columns: [Column]
    var rows: [[String]] = []

    func render(colour: Bool) -> String {
        let cells: [[(text: String, width: Int)]] = ([columns.map(\.header)] + rows).enumerated().map { rowIndex, row in
            row.enumerated().map { index, cell in
                let column = columns[index]
                let flat = String(cell.map { $0 == "\n" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
                let cut = rowIndex > 0 && column.rightAligned
                    ? Self.truncateStart(flat, to: column.maxWidth) : CellWidth.truncate(flat, to: column.maxWidth)
                return (TerminalSafe.escape(cut), CellWidth.of(cut))
            }
        }
        var widths = [Int](repeating: 0, count: columns.count)
        for row in cells {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.width) }
        }
        var lines: [String] = []
        for (rowIndex, row) in cells.enumerated() {
            var parts: [String] = []
            for (index, cell) in row.enumerated() {
                let column = columns[index]
                let padding = String(repeating: " ", count: widths[index] - cell.width)
                let styled = rowIndex == 0 || !colour ? cell.text : Self.style(cell.text, column.style)
                if column.rightAligned {
                    parts.append(padding + styled)
                } else {
                    parts.append(index == row.count - 1 ? styled : styled + padding)
                }
            }
            var line = parts.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func style(_ text: String, _ style: Style) -> String {
        guard !text.isEmpty else { return text }
        switch style {
        case .plain: return text
        case .dim: return "\u{1B}[2m" + text + "\u{1B}[0m"
        case .highlight: return "\u{1B}[1;33m" + text + "\u{1B}[0m"
        }
    }

    /// The longest suffix of `text` that fits in `columns`, with `…` before it when cut.
    static func truncateStart(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if CellWidth.of(text) <= columns { return text }
        var kept: [Character] = []
        var width = 0
        for character in text.reversed() {
            let next = CellWidth.of(character)
            if width + next > columns - 1 { break }
            kept.append(character)
            width += next
        }
        return "…" + String(kept.reversed())
    }
}
