/// Text made safe to show on a terminal: every control character becomes a visible escape,
/// so that names, memos and transcripts (which may come from hostile files) can never set
/// the window title, clear the screen, move the cursor or write the clipboard (OSC 52).
///
/// The scheme, one for all human-readable output (tables, messages, `show`, the workspace):
///
/// | characters                         | shown as                                  |
/// |------------------------------------|-------------------------------------------|
/// | ESC (U+001B)                       | `\e`                                      |
/// | other C0, U+0000–U+001F            | caret notation: `^@`, `^A` … `^_` (CR `^M`, BEL `^G`) |
/// | tab and newline                    | kept as they are                          |
/// | DEL (U+007F) and C1, U+0080–U+009F | `\u007F`, `\u0080` … `\u009F` (as JSON writes them) |
///
/// Everything else is unchanged, so text without control characters comes back as it was,
/// and escaping twice changes nothing. DEL and C1 use JSON's own escape, so JSON text
/// passed through this function (JSON already escapes C0) still parses to the same values.
/// A literal backslash is not escaped: `\e` in the output may also be the two characters
/// `\` and `e` in the text. CSV, TSV and JSON output are never passed through this.
///
/// ```swift
/// TerminalSafe.escape("a\u{1B}]52;c;eA==\u{07}b")  // "a\\e]52;c;eA==^Gb"
/// ```
public enum TerminalSafe {
    /// `text` with every control character (C0 but tab and newline, DEL, C1) as a visible escape.
    public static func escape(_ text: some StringProtocol) -> String {
        guard needsEscaping(text) else { return String(text) }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if let escaped = escaped(scalar) {
                result += escaped
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// True when `text` holds a character `escape` would change.
    public static func needsEscaping(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    /// True for the scalars that must not reach a terminal raw: C0 except tab and
    /// newline, DEL, and C1.
    @inline(__always)
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x09 && value != 0x0A }
        return value >= 0x7F && value <= 0x9F
    }

    /// The visible form of one scalar, or nil when it is shown as itself.
    public static func escaped(_ scalar: Unicode.Scalar) -> String? {
        guard isControl(scalar) else { return nil }
        let value = scalar.value
        if value == 0x1B { return "\\e" }
        if value < 0x20 { return "^" + String(Unicode.Scalar(UInt8(value + 0x40))) }
        let hex = String(value, radix: 16, uppercase: true)
        return "\\u00" + (hex.count < 2 ? "0" + hex : hex)
    }

    /// How many terminal columns the visible form of `scalar` takes (0 when it is not a
    /// control character).
    public static func escapedWidth(_ scalar: Unicode.Scalar) -> Int {
        guard isControl(scalar) else { return 0 }
        let value = scalar.value
        return value < 0x20 ? 2 : 6
    }
}
