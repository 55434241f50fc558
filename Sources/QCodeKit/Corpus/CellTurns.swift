/// Speaker turns inside one CSV cell: `[doctor] ... [patient] ...` or `Doctor: ... Patient: ...`,
/// one label per line or several on one line.
///
/// A cell is split only when it starts with a label and holds at least two labels:
/// - every line starts with a label: one turn per line, where there are three or more, or
///   a speaker recurs, or (`lenient`) two;
/// - one label per line, with lines continuing a turn: as a transcript file is read
///   (``TranscriptParser``: labels must recur, or be known roles);
/// - on one line: bracket labels (`[doctor]`, not notes such as `[inaudible]`) after a
///   space, or `Name:` labels at the start or after a sentence's end (`.`, `?`, `!`) where
///   some speaker is labelled at least twice or every one is a known role. "Pros: cheap.
///   Cons: slow." stays one answer.
/// Otherwise the cell is one turn (``SurveyCSV``).
enum CellTurns {
    /// The cell's turns, paragraphs and sentences, or `nil` when it holds no labelled turns.
    /// `lenient`: also two lines with a label each, each speaker named once ("Doctor: ...\n
    /// Patient: ..."), which alone could be "Pros: ...\nCons: ..."; ``SurveyCSV`` allows it in a
    /// column where most answers are dialogues anyway.
    static func structure(_ b: UnsafeBufferPointer<UInt8>, lenient: Bool = false) -> ByteStructure? {
        let text = ByteText.trim(b, 0..<b.count)
        guard !text.isEmpty, startsWithLabel(b, text.lowerBound) else { return nil }
        if let everyLine = everyLineLabelled(b, text, lenient: lenient) { return everyLine }
        let parsed = TranscriptParser().parse(b)
        if parsed.turns.count(where: { $0.speaker != nil }) >= 2, firstLabelIsAtStart(b, parsed, text.lowerBound) {
            var s = parsed
            s.warnings = []
            return s
        }
        return inline(b, text)
    }

    /// A cell whose every non-blank line (two or more) starts with a label, such as
    /// "Doctor: ...\nPatient: ...": one turn per line, even where each speaker is named once.
    private static func everyLineLabelled(_ b: UnsafeBufferPointer<UInt8>, _ text: Range<Int>, lenient: Bool)
        -> ByteStructure?
    {
        var s = ByteStructure()
        for line in ByteText.lines(UnsafeBufferPointer(rebasing: b[0..<text.upperBound])) {
            let trimmed = ByteText.trim(b, line)
            if trimmed.isEmpty { continue }
            guard let m = SpeakerLabel.match(b, line.lowerBound, line.upperBound, markdown: false),
                  m.style != .timedLine, KnownSpeakers.looksLikeName(m.speaker)
            else { return nil }
            let range = ByteText.trim(b, m.contentStart..<line.upperBound)
            s.paragraphs.append(trimmed)
            guard !range.isEmpty else { continue }
            s.turns.append(ByteTurn(speaker: m.speaker, range: range, time: m.time))
            SentenceSplitter.split(b, range, into: &s.sentences)
        }
        guard s.turns.count >= 2 else { return nil }
        if !lenient, s.turns.count < 3, Set(s.turns.map(\.speaker)).count == s.turns.count,
           !s.turns.allSatisfy({ KnownSpeakers.isKnown($0.speaker ?? "") })
        {
            return nil
        }
        return s
    }

    private static func startsWithLabel(_ b: UnsafeBufferPointer<UInt8>, _ p: Int) -> Bool {
        let end = lineEnd(b, p)
        return SpeakerLabel.match(b, p, end, markdown: false) != nil
    }

    private static func firstLabelIsAtStart(_ b: UnsafeBufferPointer<UInt8>, _ s: ByteStructure, _ start: Int) -> Bool {
        guard let first = s.turns.first, first.speaker != nil else { return false }
        // The first turn's label is on the cell's first line.
        return !b[start..<first.range.lowerBound].contains(ASCII.lf)
    }

    private static func lineEnd(_ b: UnsafeBufferPointer<UInt8>, _ p: Int) -> Int {
        var e = p
        while e < b.count, b[e] != ASCII.lf { e += 1 }
        return e
    }

    /// Labels anywhere in the text, as described above.
    private static func inline(_ b: UnsafeBufferPointer<UInt8>, _ text: Range<Int>) -> ByteStructure? {
        var labels: [(start: Int, match: LabelMatch)] = []
        var p = text.lowerBound
        while p < text.upperBound {
            let c = b[p]
            let atLineStart = p == text.lowerBound || b[p - 1] == ASCII.lf
            let afterBlank = p > text.lowerBound && ASCII.isBlank(b[p - 1])
            if c == ASCII.openBracket, atLineStart || afterBlank,
               let m = SpeakerLabel.bracketLabel(b, p, lineEnd(b, p), time: nil)
            {
                labels.append((p, m))
            } else if ASCII.isLetter(c) || c >= 0xC0, atLineStart || (afterBlank && afterSentenceEnd(b, p, text.lowerBound)),
                      let m = SpeakerLabel.colonLabel(b, p, lineEnd(b, p), time: nil, emphasis: nil),
                      KnownSpeakers.looksLikeName(m.speaker)
            {
                labels.append((p, m))
            }
            p += 1
        }
        guard labels.count >= 2, labels[0].start == text.lowerBound else { return nil }
        let bracket = labels.filter { $0.match.style == .bracket }
        let colon = labels.filter { $0.match.style == .colon }
        // One style per cell: the one the cell starts with.
        let chosen = labels[0].match.style == .bracket ? bracket : colon
        guard chosen.count >= 2 else { return nil }
        if labels[0].match.style == .colon {
            var counts: [String: Int] = [:]
            for l in chosen { counts[l.match.speaker, default: 0] += 1 }
            guard counts.values.contains(where: { $0 >= 2 }) || chosen.allSatisfy({ $0.match.isKnown }) else { return nil }
        }
        var s = ByteStructure()
        for (k, label) in chosen.enumerated() {
            let end = k + 1 < chosen.count ? chosen[k + 1].start : text.upperBound
            let range = ByteText.trim(b, label.match.contentStart..<Swift.max(label.match.contentStart, end))
            let paragraph = ByteText.trim(b, label.start..<end)
            if !paragraph.isEmpty { s.paragraphs.append(paragraph) }
            guard !range.isEmpty else { continue }
            s.turns.append(ByteTurn(speaker: label.match.speaker, range: range, time: label.match.time))
            SentenceSplitter.split(b, range, into: &s.sentences)
        }
        return s.turns.count >= 2 ? s : nil
    }

    /// Whether the last non-blank byte before `p` ends a sentence.
    private static func afterSentenceEnd(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ start: Int) -> Bool {
        var q = p
        while q > start, ASCII.isBlank(b[q - 1]) { q -= 1 }
        guard q > start else { return true }
        let c = b[q - 1]
        return c == ASCII.dot || c == 0x3F || c == 0x21 || c == ASCII.quote || c == ASCII.closeParen
            || (q >= start + 3 && b[q - 3] == 0xE2 && b[q - 2] == 0x80 && (b[q - 1] == 0xA6 || b[q - 1] == 0x9D))
    }
}
