/// How styled text is written: plain (no escape sequences, for tests and capture),
/// monochrome (bold, reverse, underline only: what `NO_COLOR` asks for) or colour.
public enum Palette: Sendable {
    case plain, monochrome, colour
}

/// The styles the workspace draws with.
public enum TextStyle: Equatable, Sendable {
    case normal, bold, dim, reverse, underline, title, status, selected, match, error
    /// A code's colour (`#RRGGBB`), for margin markers.
    case colour(String?)

    /// The SGR parameters for this style in `palette` (empty for none).
    func sgr(_ palette: Palette) -> String {
        switch (self, palette) {
        case (_, .plain), (.normal, _): return ""
        case (.bold, _): return "1"
        case (.dim, .monochrome): return ""
        case (.dim, _): return "2"
        case (.reverse, _), (.selected, .monochrome), (.status, .monochrome), (.title, .monochrome): return "7"
        case (.underline, _), (.match, .monochrome): return "4"
        case (.error, .monochrome): return "1"
        case (.colour, .monochrome): return ""
        case (.title, _): return "1;97;44"
        case (.status, _): return "30;47"
        case (.selected, _): return "30;103"
        case (.match, _): return "30;46"
        case (.error, _): return "1;91"
        case (.colour(let hex), _):
            guard let hex, hex.count == 7, let value = Int(hex.dropFirst(), radix: 16) else { return "36" }
            return "38;2;\(value >> 16);\((value >> 8) & 0xFF);\(value & 0xFF)"
        }
    }
}

/// Builds one screen line of exactly `width` columns from styled pieces.
public struct LineBuilder {
    public let width: Int
    public let palette: Palette
    public private(set) var columns = 0
    private var text = ""

    public init(width: Int, palette: Palette) {
        self.width = width
        self.palette = palette
    }

    /// Columns still free.
    public var remaining: Int { width - columns }

    /// Appends `piece` in `style`, cut to the columns left. Control characters in `piece`
    /// are drawn as visible escapes (`TerminalSafe`), never sent to the terminal; only the
    /// builder's own style sequences are.
    public mutating func add(_ piece: some StringProtocol, _ style: TextStyle = .normal) {
        guard remaining > 0, !piece.isEmpty else { return }
        var fitted = ""
        var used = 0
        for character in TerminalSafe.escape(piece) {
            let cells = character == "\t" ? 1 : CellWidth.of(character)
            if used + cells > remaining { break }
            fitted.append(character == "\t" || character == "\n" ? " " : character)
            used += cells
        }
        let code = style.sgr(palette)
        if code.isEmpty {
            text += fitted
        } else {
            text += "\u{1B}[\(code)m" + fitted + "\u{1B}[0m"
        }
        columns += used
    }

    /// Pads with spaces (in `style`) up to column `column`.
    public mutating func pad(to column: Int, _ style: TextStyle = .normal) {
        let target = min(column, width)
        if target > columns { add(String(repeating: " ", count: target - columns), style) }
    }

    /// The finished line, padded to the full width.
    public mutating func finish(_ style: TextStyle = .normal) -> String {
        pad(to: width, style)
        return text
    }
}

/// The last frame written to the terminal, so that the next one only rewrites the lines
/// that changed.
public struct ScreenBuffer: Sendable {
    public private(set) var lines: [String] = []

    public init() {}

    /// Forgets what is on screen (after a resize or a full clear).
    public mutating func invalidate() { lines = [] }

    /// The bytes that turn the screen from the last frame into `frame`: a cursor move and
    /// the new text for each changed line (all lines after `invalidate()`).
    public mutating func update(to frame: [String]) -> String {
        var output = lines.isEmpty ? "\u{1B}[H\u{1B}[2J" : ""
        for (row, line) in frame.enumerated() where row >= lines.count || lines[row] != line {
            output += "\u{1B}[\(row + 1);1H" + line + "\u{1B}[0m"
        }
        lines = frame
        return output
    }
}
