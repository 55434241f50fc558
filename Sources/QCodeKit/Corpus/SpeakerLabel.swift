/// A speaker label found at the start of a line.
struct LabelMatch {
    /// The speaker as written, without colon, brackets or markup.
    var speaker: String
    /// Byte index where the utterance starts (after label, timestamp and blanks); equal to
    /// the line end when the label stands alone on its line.
    var contentStart: Int
    /// A timestamp given before or after the label.
    var time: Double?
    /// Whether the label is a known pattern (accepted without recurring).
    var isKnown: Bool
    /// How the label was written.
    var style: Style = .colon

    enum Style { case colon, bracket, timedLine }
}

/// Finds speaker labels at line starts, conservatively.
///
/// Recognised: `Name:` (leading blanks, padding after the colon, a space before the colon),
/// `[Name]`, `**Name:**` / `**Name**:` / `__Name:__`, `Name (00:01):`, timestamps before or
/// after the label, `Name:` alone on its line, and `Name  0:01` alone on its line (Otter,
/// Teams). A name is at most 4 words and 40 characters, starts with a letter and holds
/// letters, digits, spaces and `. _ - ' &`. The caller decides whether a candidate is accepted
/// (known pattern, or recurring).
enum SpeakerLabel {
    static let maxScalars = 40
    static let maxWords = 4

    static func match(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, markdown: Bool) -> LabelMatch? {
        var p = ByteText.skipBlanks(b, start, end)
        guard p < end else { return nil }
        var time: Double? = nil
        let first = b[p]
        if ASCII.isDigit(first) || first == ASCII.openBracket || first == ASCII.openParen,
           let ts = Timestamp.parse(b, p, end), ts.end == end || ASCII.isBlank(b[ts.end])
        {
            time = ts.seconds
            p = ByteText.skipBlanks(b, ts.end, end)
            if p + 1 < end, b[p] == ASCII.hyphen, ASCII.isBlank(b[p + 1]) {
                p = ByteText.skipBlanks(b, p + 1, end)
            }
            guard p < end else { return nil }
        }
        var emphasis: UInt8? = nil
        if markdown, p + 1 < end, b[p] == ASCII.star || b[p] == ASCII.underscore, b[p + 1] == b[p] {
            emphasis = b[p]
            p += 2
            guard p < end else { return nil }
        }
        if b[p] == ASCII.openBracket {
            return bracketLabel(b, p, end, time: time)
        }
        guard ASCII.isLetter(b[p]) || b[p] >= 0xC0 else { return nil }
        if emphasis == nil, time == nil, let m = timedNameLine(b, p, end) { return m }
        return colonLabel(b, p, end, time: time, emphasis: emphasis)
    }

    /// `Name:` / `Name :` / `**Name**:` / `Name (00:01):`, then optional timestamp.
    static func colonLabel(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int, time: Double?, emphasis: UInt8?)
        -> LabelMatch?
    {
        guard let nameEnd = scanName(b, p, end) else { return nil }
        var q = nameEnd
        var trimmedEnd = nameEnd
        while trimmedEnd > p, ASCII.isBlank(b[trimmedEnd - 1]) { trimmedEnd -= 1 }
        var closed = false
        if let e = emphasis, q + 1 < end, b[q] == e, b[q + 1] == e {
            q += 2
            closed = true
        }
        var labelTime: Double? = nil
        if !closed, q < end, b[q] == ASCII.openParen || b[q] == ASCII.openBracket,
           let ts = Timestamp.parse(b, q, end)
        {
            labelTime = ts.seconds
            q = ByteText.skipBlanks(b, ts.end, end)
        }
        guard q < end, b[q] == ASCII.colon else { return nil }
        q += 1
        if let e = emphasis, !closed, q + 1 < end, b[q] == e, b[q + 1] == e { q += 2 }
        guard q == end || ASCII.isBlank(b[q]) else { return nil }
        guard let speaker = validName(b, p..<trimmedEnd) else { return nil }
        var content = ByteText.skipBlanks(b, q, end)
        var t = time ?? labelTime
        if t == nil, content < end, let ts = Timestamp.parse(b, content, end),
           ts.end == end || ASCII.isBlank(b[ts.end])
        {
            t = ts.seconds
            content = ByteText.skipBlanks(b, ts.end, end)
        }
        return LabelMatch(speaker: speaker, contentStart: content, time: t, isKnown: KnownSpeakers.isKnown(speaker))
    }

    /// `[Name]` optionally followed by `:`; refuses notes such as `[inaudible 00:00:52]`.
    static func bracketLabel(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int, time: Double?) -> LabelMatch? {
        let limit = Swift.min(end, p + 2 + maxScalars * 4)
        var close = p + 1
        while close < limit, b[close] != ASCII.closeBracket {
            if b[close] == ASCII.colon || b[close] == ASCII.openBracket { return nil }
            close += 1
        }
        guard close < limit else { return nil }
        let inner = ByteText.trim(b, (p + 1)..<close)
        guard !inner.isEmpty, ASCII.isLetter(b[inner.lowerBound]) || b[inner.lowerBound] >= 0xC0,
              scanNameFully(b, inner)
        else { return nil }
        guard let speaker = validName(b, inner) else { return nil }
        if KnownSpeakers.isNote(speaker) { return nil }
        var q = close + 1
        if q < end, b[q] == ASCII.colon { q += 1 }
        guard q == end || ASCII.isBlank(b[q]) else { return nil }
        var content = ByteText.skipBlanks(b, q, end)
        var t = time
        if t == nil, content < end, let ts = Timestamp.parse(b, content, end),
           ts.end == end || ASCII.isBlank(b[ts.end])
        {
            t = ts.seconds
            content = ByteText.skipBlanks(b, ts.end, end)
        }
        return LabelMatch(
            speaker: speaker, contentStart: content, time: t, isKnown: KnownSpeakers.isKnown(speaker), style: .bracket)
    }

    /// A line that is only `Name  0:01` or `Name 1:02:03` (Otter, Teams exports).
    static func timedNameLine(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int) -> LabelMatch? {
        var e = end
        while e > p, ASCII.isSpace(b[e - 1]) { e -= 1 }
        guard e > p, ASCII.isDigit(b[e - 1]) || b[e - 1] == ASCII.closeBracket || b[e - 1] == ASCII.closeParen
        else { return nil }
        var t = e
        while t > p, !ASCII.isBlank(b[t - 1]) { t -= 1 }
        guard t > p, let ts = Timestamp.parse(b, t, e), ts.end == e else { return nil }
        var nameEnd = t
        while nameEnd > p, ASCII.isBlank(b[nameEnd - 1]) { nameEnd -= 1 }
        guard nameEnd > p, scanName(b, p, nameEnd) == nameEnd, let speaker = validName(b, p..<nameEnd)
        else { return nil }
        return LabelMatch(
            speaker: speaker, contentStart: end, time: ts.seconds, isKnown: KnownSpeakers.isKnown(speaker),
            style: .timedLine)
    }

    /// Scans name characters from `p`; returns where they stop, or `nil` once the run is
    /// too long to be a name.
    @inline(__always)
    static func scanName(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ end: Int) -> Int? {
        var q = p
        var words = 1
        let limit = p + maxScalars * 4
        while q < end {
            let c = b[q]
            if ASCII.isLetter(c) || ASCII.isDigit(c) || c >= 0x80 || c == ASCII.dot || c == ASCII.underscore
                || c == ASCII.hyphen || c == ASCII.apostrophe || c == 0x26
            {
                q += 1
            } else if ASCII.isBlank(c) {
                q += 1
                if q < end, !ASCII.isBlank(b[q]), b[q] != ASCII.colon { words += 1 }
                if words > maxWords { return nil }
            } else {
                break
            }
            if q > limit { return nil }
        }
        return q
    }

    static func scanNameFully(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        scanName(b, r.lowerBound, r.upperBound) == r.upperBound
    }

    /// The speaker string for a name range, or `nil` if it breaks the size rules.
    static func validName(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String? {
        guard !r.isEmpty, ByteText.scalarCount(b, r) <= maxScalars else { return nil }
        var words = 0
        var inWord = false
        for i in r {
            if ASCII.isBlank(b[i]) { inWord = false } else if !inWord { inWord = true; words += 1 }
        }
        guard words <= maxWords else { return nil }
        return ByteText.string(b, r)
    }
}
