import Foundation

/// Reads SubRip cues: numbered or unnumbered, times with `,` or `.` (also malformed ones
/// like `00:00:0,000`), with `<i> <b> <u> <font>` tags and `{\an8}` overrides stripped.
enum SRTParser {
    static func cues(in text: String) -> SubtitleCues {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return CueScanner.scan(lines, from: 0, skipBlock: { _ in false }, clean: clean)
    }

    static func clean(_ line: Substring) -> (text: String, voice: String?) {
        let text = MarkupText.decodeEntities(MarkupText.stripTags(line, braces: true))
        return (text.trimmingCharacters(in: .whitespaces), nil)
    }
}
