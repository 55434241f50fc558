/// One timed cue of a subtitle file, its markup already removed.
struct SubtitleCue {
    var start: Double
    var end: Double
    /// Text lines, trimmed, tags stripped and entities decoded.
    var lines: [String]
    /// The speaker of a WebVTT voice span (`<v Name>`), if any.
    var voice: String?
}

/// Cues read from a subtitle file, with what was skipped.
struct SubtitleCues {
    var cues: [SubtitleCue] = []
    var warnings: [String] = []
}

/// The line-by-line cue reader shared by WebVTT and SRT. Cues are separated by blank
/// lines, but a timing line always starts a new cue, so files with missing blank lines
/// (YouTube, pasted captions) still read correctly.
struct CueScanner {
    /// Parses `start --> end [settings]`.
    static func timing(_ line: Substring) -> (Double, Double)? {
        guard let arrow = line.range(of: "-->") else { return nil }
        let startText = line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
        let rest = line[arrow.upperBound...].drop(while: { $0 == " " || $0 == "\t" })
        let endText = rest.prefix(while: { $0 != " " && $0 != "\t" })
        guard let start = Timestamp.parseCueTime(startText), let end = Timestamp.parseCueTime(endText) else {
            return nil
        }
        return (start, end)
    }

    static func isBlank(_ line: Substring) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }

    static func isIndex(_ line: Substring) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return !t.isEmpty && t.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Reads cues from `lines` starting at `from`.
    /// - Parameters:
    ///   - skipBlock: whether a block starting with this line is to be skipped whole (NOTE, STYLE).
    ///   - clean: turns a raw payload line into clean text, reporting a voice if it has one.
    static func scan(
        _ lines: [Substring], from: Int, skipBlock: (Substring) -> Bool,
        clean: (Substring) -> (text: String, voice: String?)
    ) -> SubtitleCues {
        var out = SubtitleCues()
        var current: (start: Double, end: Double, raw: [Substring])? = nil
        var skipped = 0
        func finish() {
            guard let c = current else { return }
            var lines: [String] = []
            var voice: String? = nil
            for raw in c.raw {
                let (text, v) = clean(raw)
                if voice == nil { voice = v }
                if !text.isEmpty { lines.append(text) }
            }
            out.cues.append(SubtitleCue(start: c.start, end: c.end, lines: lines, voice: voice))
            current = nil
        }
        var i = from
        while i < lines.count {
            let line = lines[i]
            if isBlank(line) {
                finish()
                i += 1
                continue
            }
            if current == nil {
                if skipBlock(line) {
                    while i < lines.count, !isBlank(lines[i]) { i += 1 }
                    continue
                }
                if let t = timing(line) {
                    current = (t.0, t.1, [])
                } else if i + 1 < lines.count, timing(lines[i + 1]) != nil {
                    // A cue identifier or index.
                } else {
                    skipped += 1
                    while i < lines.count, !isBlank(lines[i]) { i += 1 }
                    continue
                }
            } else if let t = timing(line) {
                finish()
                current = (t.0, t.1, [])
            } else if isIndex(line), i + 1 < lines.count, timing(lines[i + 1]) != nil {
                finish()
            } else {
                current!.raw.append(line)
            }
            i += 1
        }
        finish()
        if skipped > 0 { out.warnings.append("skipped \(skipped) block(s) without a cue timing line") }
        return out
    }
}
