/// Splits a stretch of text into sentences.
///
/// A sentence ends at `.`, `!`, `?` or `…` (and any run of them), plus closing quotes or
/// brackets, when followed by whitespace and then an upper-case letter, a digit or an
/// opening quote or bracket. A single `.` does not end a sentence after a title or common
/// abbreviation (`Dr.`, `Mr.`, `Mrs.`, `Ms.`, `St.`, `Prof.`, `e.g.`, `i.e.`, `etc.`, `vs.`,
/// `No.` before a number) or after a single-letter initial. Callers pass stretches that
/// never cross a turn, a label or a paragraph, so sentences never do either.
enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "dr", "mr", "mrs", "ms", "st", "prof", "vs", "etc", "e.g", "i.e", "jr", "sr", "cf", "approx", "mt",
    ]

    /// Appends the trimmed sentences of `range` to `out`.
    /// - Complexity: O(n) in the length of `range`.
    static func split(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [Range<Int>]) {
        let end = range.upperBound
        var i = range.lowerBound
        var sentenceStart = -1
        while i < end {
            if sentenceStart < 0 {
                let w = ByteText.spaceLength(b, i, end)
                if w > 0 { i += w; continue }
                sentenceStart = i
            }
            let c = b[i]
            let isTerminator = c == ASCII.dot || c == 0x21 || c == 0x3F || isEllipsis(b, i, end)
            guard isTerminator else { i += 1; continue }
            let termStart = i
            var j = i
            while j < end {
                if b[j] == ASCII.dot || b[j] == 0x21 || b[j] == 0x3F { j += 1 }
                else if isEllipsis(b, j, end) { j += 3 }
                else { break }
            }
            while j < end, let n = closerLength(b, j, end) { j += n }
            guard j < end, ByteText.spaceLength(b, j, end) > 0 else { i = Swift.max(j, i + 1); continue }
            var k = j
            while k < end {
                let w = ByteText.spaceLength(b, k, end)
                if w == 0 { break }
                k += w
            }
            guard k < end, startsSentence(b, k, end) else { i = k; continue }
            if c == ASCII.dot, b[termStart + 1] != ASCII.dot,
               isAbbreviation(b, sentenceStart, termStart, next: b[k])
            {
                i = k
                continue
            }
            let r = ByteText.trim(b, sentenceStart..<j)
            if !r.isEmpty { out.append(r) }
            sentenceStart = -1
            i = k
        }
        if sentenceStart >= 0 {
            let r = ByteText.trim(b, sentenceStart..<end)
            if !r.isEmpty { out.append(r) }
        }
    }

    @inline(__always)
    static func isEllipsis(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        b[i] == 0xE2 && i + 2 < end && b[i + 1] == 0x80 && b[i + 2] == 0xA6
    }

    /// Closing quote or bracket: `" ' ) ]` `”` `’` `»`.
    @inline(__always)
    static func closerLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        let c = b[i]
        if c == ASCII.quote || c == ASCII.apostrophe || c == ASCII.closeParen || c == ASCII.closeBracket { return 1 }
        if c == 0xE2, i + 2 < end, b[i + 1] == 0x80, b[i + 2] == 0x9D || b[i + 2] == 0x99 { return 3 }
        if c == 0xC2, i + 1 < end, b[i + 1] == 0xBB { return 2 }
        return nil
    }

    /// Upper-case letter, digit, or opening quote/bracket (`" ' ( [ “ ‘ « ¿ ¡`).
    static func startsSentence(_ b: UnsafeBufferPointer<UInt8>, _ k: Int, _ end: Int) -> Bool {
        let c = b[k]
        if c < 0x80 {
            return ASCII.isUpper(c) || ASCII.isDigit(c) || c == ASCII.quote || c == ASCII.apostrophe
                || c == ASCII.openParen || c == ASCII.openBracket
        }
        if c == 0xE2, k + 2 < end, b[k + 1] == 0x80, b[k + 2] == 0x9C || b[k + 2] == 0x98 { return true }
        if c == 0xC2, k + 1 < end, b[k + 1] == 0xAB || b[k + 1] == 0xBF || b[k + 1] == 0xA1 { return true }
        guard let s = ByteText.scalar(b, k, end) else { return false }
        return s.properties.isUppercase
    }

    /// Whether the word ending just before the `.` at `dot` is an abbreviation or an initial.
    static func isAbbreviation(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ dot: Int, next: UInt8) -> Bool {
        var w = dot
        while w > start, !ASCII.isSpace(b[w - 1]) { w -= 1 }
        while w < dot, b[w] == ASCII.quote || b[w] == ASCII.openParen || b[w] == ASCII.openBracket
            || b[w] == ASCII.apostrophe { w += 1 }
        let len = dot - w
        guard len > 0, len <= 6 else { return false }
        if len == 1 { return ASCII.isLetter(b[w]) }
        var word = ""
        for i in w..<dot {
            guard b[i] < 0x80 else { return false }
            word.unicodeScalars.append(Unicode.Scalar(b[i] | (ASCII.isLetter(b[i]) ? 0x20 : 0)))
        }
        if word == "no" { return b[w] == 0x4E && ASCII.isDigit(next) }
        return abbreviations.contains(word)
    }
}
