/// One screen line of wrapped text: the scalar offsets `start..<end` it shows.
public struct WrappedLine: Equatable, Sendable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// Word-wraps text to a number of terminal columns, keeping scalar offsets.
///
/// Lines break after spaces; a word longer than the line is cut; a line break in the
/// text starts a new line. Wide (CJK, emoji) characters count two columns and are never
/// split; combining marks stay with their base. Spaces where a line breaks are not shown.
///
/// ```swift
/// TextWrapper.wrap(Array("one two three".unicodeScalars), start: 0, end: 13, width: 8)
/// // [0..<7 "one two", 8..<13 "three"]
/// ```
/// Complexity: O(n) in the length of the text.
public enum TextWrapper {
    public static func wrap(_ scalars: [Unicode.Scalar], start: Int, end: Int, width: Int) -> [WrappedLine] {
        let width = max(1, width)
        var lines: [WrappedLine] = []
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[max(0, start)..<min(end, scalars.count)])
        var offset = start
        var lineStart = start
        var column = 0
        // The last place the line may break: where its content ends, where the next line starts.
        var breakEnd: Int?
        var breakNext = 0
        var columnAtNext = 0
        var previousWasSpace = false
        for character in String(view) {
            let length = character.unicodeScalars.count
            defer { offset += length }
            if character == "\n" || character == "\r\n" {
                lines.append(WrappedLine(start: lineStart, end: offset))
                lineStart = offset + length
                column = 0
                breakEnd = nil
                previousWasSpace = false
                continue
            }
            if character == " " || character == "\t" {
                if column == 0 && offset == lineStart {
                    lineStart = offset + length
                    continue
                }
                if !previousWasSpace { breakEnd = offset }
                column += 1
                breakNext = offset + length
                columnAtNext = column
                previousWasSpace = true
                continue
            }
            previousWasSpace = false
            let cells = CellWidth.of(character)
            if column + cells > width && column > 0 {
                if let end = breakEnd {
                    lines.append(WrappedLine(start: lineStart, end: end))
                    lineStart = breakNext
                    column -= columnAtNext
                } else {
                    lines.append(WrappedLine(start: lineStart, end: offset))
                    lineStart = offset
                    column = 0
                }
                breakEnd = nil
            }
            column += cells
        }
        if lineStart < end || lines.isEmpty {
            var last = end
            while last > lineStart, scalars[last - 1] == " " { last -= 1 }
            lines.append(WrappedLine(start: lineStart, end: max(lineStart, last)))
        }
        return lines
    }
}
