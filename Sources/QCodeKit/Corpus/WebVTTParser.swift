import Foundation

/// Reads WebVTT cues: Zoom, Teams, YouTube and other captions.
///
/// Skips the header block (`WEBVTT`, `Kind:`, `Language:`, `Style:`), NOTE, STYLE and
/// REGION blocks and cue identifiers; accepts times like `00:01:02.500`, `01:02.500` and
/// `0:0:0.570`, ignoring cue settings. A voice span `<v Name>` or `<v.loud Name>` names the
/// speaker; other tags and inline timings are stripped and entities decoded.
enum WebVTTParser {
    static func cues(in text: String) -> SubtitleCues {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var start = 0
        var warnings: [String] = []
        if let first = lines.first, first.hasPrefix("WEBVTT") {
            while start < lines.count, !CueScanner.isBlank(lines[start]) { start += 1 }
        } else {
            warnings.append("missing WEBVTT header")
        }
        var out = CueScanner.scan(lines, from: start, skipBlock: isSkippedBlock, clean: clean)
        out.warnings = warnings + out.warnings
        return out
    }

    static func isSkippedBlock(_ line: Substring) -> Bool {
        for word in ["NOTE", "STYLE", "REGION"] where line.hasPrefix(word) {
            let rest = line.dropFirst(word.count)
            if rest.isEmpty || rest.first == " " || rest.first == "\t" { return true }
        }
        return false
    }

    /// Clean text and the voice of a `<v ...>` span in the line.
    static func clean(_ line: Substring) -> (text: String, voice: String?) {
        var voice: String? = nil
        if let open = line.range(of: "<v") {
            let after = line[open.upperBound...]
            if let c = after.first, c == " " || c == ".", let close = after.firstIndex(of: ">") {
                var annotation = after[..<close]
                if c == "." { annotation = annotation.drop(while: { $0 != " " }) }
                let name = annotation.trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { voice = MarkupText.decodeEntities(name) }
            }
        }
        let text = MarkupText.decodeEntities(MarkupText.stripTags(line, braces: false))
        return (text.trimmingCharacters(in: .whitespaces), voice)
    }
}
