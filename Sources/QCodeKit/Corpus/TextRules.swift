/// The rules every text qcode imports obeys before anything is stored.
///
/// A stored text may hold any Unicode scalar except:
/// - NUL and the other C0 control characters (U+0000–U+001F), except tab (U+0009) and
///   line feed (U+000A). Carriage return (U+000D) is let through here because every
///   reader turns CRLF and CR into LF before storing. Form feed and vertical tab (page
///   and line breaks in text exported from PDFs and spreadsheets) become line feeds, one
///   for one, in plain-text files (`breaksAsLineFeeds`); elsewhere they are refused.
/// - surrogate code points (U+D800–U+DFFF), which are not characters. A Swift `String`
///   cannot hold one, so they can only arrive as bytes: UTF-8 that encodes one (`ED A0 80`)
///   is invalid UTF-8, and UTF-16 with an unpaired surrogate is refused by
///   ``UTF16Decoding``.
///
/// Why: SQLite hands text back up to its first NUL, so a NUL breaks the document's hash,
/// length and every offset after it; the other controls are never part of a transcript
/// and are how hostile files drive a terminal. Every importer (txt, md, csv, vtt, srt,
/// docx, odt and the sources of a .qdpx) calls ``check(_:file:)`` or ``problem(in:)``,
/// so the rule is the same everywhere.
enum TextRules {
    /// Where and what the first forbidden character is, as a one-line reason such as
    /// `line 3: control character U+0007 is not allowed in text (only tab and line feed are)`;
    /// nil when the text may be stored.
    static func problem(in text: String) -> String? {
        var text = text
        return text.withUTF8 { problem(utf8: $0) }
    }

    /// ``problem(in:)`` over UTF-8 bytes.
    static func problem(utf8 b: UnsafeBufferPointer<UInt8>) -> String? {
        var line = 1
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c >= 0x20 {
                // A surrogate encoded as UTF-8: ED A0..BF xx.
                if c == 0xED, i + 2 < n, b[i + 1] >= 0xA0, b[i + 1] <= 0xBF {
                    let value = 0xD000 | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
                    return "line \(line): lone surrogate \(hex(value)) is not allowed in text"
                }
                i += 1
                continue
            }
            switch c {
            case ASCII.lf: line += 1
            case ASCII.tab, ASCII.cr: break
            case 0: return "line \(line): NUL character (U+0000) is not allowed in text"
            default:
                return "line \(line): control character \(hex(UInt32(c))) is not allowed in text (only tab and line feed are)"
            }
            i += 1
        }
        return nil
    }

    /// `text` with each form feed (U+000C) and vertical tab (U+000B) turned into a line
    /// feed: one scalar for one, so offsets do not move.
    static func breaksAsLineFeeds(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0B || $0 == 0x0C }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{0B}" || $0 == "\u{0C}" ? "\n" : $0 }))
    }

    /// Throws an ``ImportError`` naming `file` when `text` breaks the rules.
    static func check(_ text: String, file: String) throws {
        if let problem = problem(in: text) { throw ImportError(file: file, reason: problem) }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
    }
}
