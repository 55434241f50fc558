import Foundation

/// Finds turns, paragraphs and sentences in plain-text transcripts (txt, md, and the text
/// of docx and odt files).
///
/// A turn starts at a line that begins with an accepted speaker label and runs until the
/// next accepted label (in Markdown, also until a heading). A candidate label is accepted
/// when it matches a known pattern, or when it reads like a name (see
/// ``KnownSpeakers/looksLikeName(_:)``) and either its speaker is labelled at least twice in
/// the file, or it is a `Name  0:01` line, or it is a `[Name]` label in a file where some
/// other bracket label recurs.
/// Text before the first label is kept but belongs to no turn. Without any label, each
/// paragraph is a turn with no speaker.
///
/// Paragraphs are blocks separated by blank lines, also broken before each accepted label
/// line and around Markdown headings; in a file without blank lines, each non-empty line.
/// Sentences are split inside the turn text of each paragraph.
///
/// Complexity: one pass over the lines plus one over the bytes for sentences.
struct TranscriptParser {
    var markdown = false
    var customPattern: NSRegularExpression? = nil

    private enum Kind {
        case blank, heading, content
        case label(LabelMatch)
    }

    func parse(_ b: UnsafeBufferPointer<UInt8>) -> ByteStructure {
        let lines = ByteText.lines(b)
        var kinds: [Kind] = []
        kinds.reserveCapacity(lines.count)
        var labelCounts: [String: Int] = [:]
        for line in lines {
            let k = classify(b, line)
            if case .label(let m) = k, !m.isKnown { labelCounts[m.speaker, default: 0] += 1 }
            kinds.append(k)
        }
        // Acceptance. Name-and-time lines are distinctive enough to stand alone; a bracket
        // label is accepted once some other bracket label recurs; colon labels must recur.
        var bracketStyleUsed = false
        for k in kinds {
            if case .label(let m) = k, m.style == .bracket, m.isKnown || labelCounts[m.speaker, default: 0] >= 2 {
                bracketStyleUsed = true
                break
            }
        }
        let candidates = kinds
        var labelCount = 0
        for (i, k) in kinds.enumerated() {
            guard case .label(let m) = k else { continue }
            let recurs = labelCounts[m.speaker, default: 0] >= 2
                || m.style == .timedLine || (m.style == .bracket && bracketStyleUsed)
            if m.isKnown || customPattern != nil || (recurs && KnownSpeakers.looksLikeName(m.speaker)) {
                labelCount += 1
            } else {
                kinds[i] = .content
            }
        }
        let perLine = !hasInnerBlankLine(kinds)
        labelCount += acceptLabelsOfOnceSpeakers(candidates, &kinds, perLine: perLine)
        var s = ByteStructure()
        let paras = paragraphs(b, lines, kinds, perLine: perLine)
        s.paragraphs = paras.map(\.0)
        if let doubt = doubt(b, lines, candidates, kinds, accepted: labelCount, paragraphs: paras.count) {
            s.warnings.append(doubt)
        }
        if labelCount == 0 {
            for (para, first) in paras {
                if case .heading = kinds[first] { continue }
                s.turns.append(ByteTurn(speaker: nil, range: para))
            }
            for para in s.paragraphs { SentenceSplitter.split(b, para, into: &s.sentences) }
            if !s.turns.isEmpty { s.warnings.append("no speaker labels found; each paragraph is a turn") }
            return s
        }
        walkTurns(b, lines, kinds, perLine: perLine, into: &s)
        return s
    }

    /// A warning when label detection is doubtful: few labels, candidates that were not
    /// taken (their speaker named once), or more lines with a colon mid-line than labels.
    private func doubt(
        _ b: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ candidates: [Kind], _ kinds: [Kind],
        accepted: Int, paragraphs: Int
    ) -> String? {
        guard customPattern == nil else { return nil }
        var rejected = 0
        var midColons = 0
        for (i, k) in kinds.enumerated() {
            if case .content = k, case .label = candidates[i] { rejected += 1; continue }
            guard case .content = k else { continue }
            let line = lines[i]
            var q = line.lowerBound
            while q < line.upperBound {
                if b[q] == ASCII.colon, q + 1 == line.upperBound || ASCII.isBlank(b[q + 1]) { midColons += 1; break }
                q += 1
            }
        }
        let few = accepted > 0 && accepted < 3 && paragraphs >= 5
        let mixed = accepted > 0 && rejected >= 2
        let colons = accepted > 0 && midColons > accepted
        let unused = accepted == 0 && rejected >= 2
        guard few || mixed || colons || unused else { return nil }
        return "speaker labels are doubtful: \(accepted) label(s) taken, \(rejected) possible label(s) not taken "
            + "(speaker named only once), \(midColons) line(s) with a colon mid-line, \(paragraphs) paragraph(s)"
    }

    /// Looks at the whole file: where most paragraphs start with an accepted label, a
    /// `Name:` label that starts a paragraph is a speaker even if it occurs only once (a
    /// focus-group member who speaks once). Returns how many labels it accepted.
    private func acceptLabelsOfOnceSpeakers(_ candidates: [Kind], _ kinds: inout [Kind], perLine: Bool) -> Int {
        guard customPattern == nil else { return 0 }
        var starts: [Int] = []
        var previousBlank = true
        for (i, k) in kinds.enumerated() {
            switch k {
            case .blank: previousBlank = true
            case .heading: previousBlank = true
            default:
                if perLine || previousBlank { starts.append(i) }
                previousBlank = false
            }
        }
        let labelled = starts.filter { if case .label = kinds[$0] { return true } else { return false } }.count
        // Most paragraphs, and at least three, start with a label: labels are this file's form.
        guard labelled >= 3, labelled * 2 >= starts.count else { return 0 }
        var accepted = 0
        for i in starts {
            guard case .content = kinds[i], case .label(let m) = candidates[i], m.style == .colon,
                  KnownSpeakers.looksLikeName(m.speaker) else { continue }
            kinds[i] = .label(m)
            accepted += 1
        }
        return accepted
    }

    private func classify(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Kind {
        let p = ByteText.skipBlanks(b, line.lowerBound, line.upperBound)
        if ByteText.trim(b, p..<line.upperBound).isEmpty { return .blank }
        if markdown, b[p] == ASCII.hash, p - line.lowerBound <= 3 {
            var q = p
            while q < line.upperBound, b[q] == ASCII.hash { q += 1 }
            if q - p <= 6, q == line.upperBound || ASCII.isBlank(b[q]) { return .heading }
        }
        if let customPattern {
            return customLabel(b, line, customPattern).map(Kind.label) ?? .content
        }
        return SpeakerLabel.match(b, line.lowerBound, line.upperBound, markdown: markdown).map(Kind.label) ?? .content
    }

    /// Applies the user's pattern at the line start; the first group (or the match) is the speaker.
    private func customLabel(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, _ regex: NSRegularExpression)
        -> LabelMatch?
    {
        let s = ByteText.string(b, line)
        let ns = s as NSString
        guard let m = regex.firstMatch(in: s, options: [.anchored], range: NSRange(location: 0, length: ns.length)),
              m.range.length > 0
        else { return nil }
        var nameRange = m.range
        if m.numberOfRanges > 1, m.range(at: 1).location != NSNotFound { nameRange = m.range(at: 1) }
        let speaker = ns.substring(with: nameRange).trimmingCharacters(in: .whitespaces)
        guard !speaker.isEmpty else { return nil }
        let endUTF8 = ns.substring(to: m.range.location + m.range.length).utf8.count
        var content = ByteText.skipBlanks(b, line.lowerBound + endUTF8, line.upperBound)
        var time: Double? = nil
        if content < line.upperBound, let ts = Timestamp.parse(b, content, line.upperBound),
           ts.end == line.upperBound || ASCII.isBlank(b[ts.end])
        {
            time = ts.seconds
            content = ByteText.skipBlanks(b, ts.end, line.upperBound)
        }
        return LabelMatch(speaker: speaker, contentStart: content, time: time, isKnown: true)
    }

    /// Whether some blank line has non-blank lines both before and after it.
    private func hasInnerBlankLine(_ kinds: [Kind]) -> Bool {
        var seenText = false
        var pendingBlank = false
        for k in kinds {
            if case .blank = k {
                if seenText { pendingBlank = true }
            } else {
                if pendingBlank { return true }
                seenText = true
            }
        }
        return false
    }

    /// Paragraph ranges (trimmed) with the index of each one's first line.
    private func paragraphs(_ b: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ kinds: [Kind], perLine: Bool)
        -> [(Range<Int>, Int)]
    {
        var out: [(Range<Int>, Int)] = []
        var start = -1
        var end = 0
        var firstLine = 0
        func flush() {
            if start >= 0 {
                let r = ByteText.trim(b, start..<end)
                if !r.isEmpty { out.append((r, firstLine)) }
            }
            start = -1
        }
        for (i, line) in lines.enumerated() {
            switch kinds[i] {
            case .blank:
                flush()
            case .heading:
                flush()
                start = line.lowerBound; end = line.upperBound; firstLine = i
                flush()
            case .label, .content:
                let breaks: Bool
                if case .label = kinds[i] { breaks = true } else { breaks = perLine }
                if breaks { flush() }
                if start < 0 { start = line.lowerBound; firstLine = i }
                end = line.upperBound
            }
        }
        flush()
        return out
    }

    /// Builds turns and sentences when labels were found.
    private func walkTurns(
        _ b: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ kinds: [Kind], perLine: Bool,
        into s: inout ByteStructure
    ) {
        var turn: (speaker: String, time: Double?, start: Int, end: Int)? = nil
        var segStart = -1
        var segEnd = 0
        func flushSegment() {
            if segStart >= 0, segStart < segEnd { SentenceSplitter.split(b, segStart..<segEnd, into: &s.sentences) }
            segStart = -1
        }
        func closeTurn() {
            if let t = turn {
                let r = ByteText.trim(b, t.start..<Swift.max(t.start, t.end))
                if !r.isEmpty { s.turns.append(ByteTurn(speaker: t.speaker, range: r, time: t.time)) }
            }
            turn = nil
        }
        for (i, line) in lines.enumerated() {
            switch kinds[i] {
            case .label(let m):
                flushSegment()
                closeTurn()
                turn = (m.speaker, m.time, m.contentStart, line.upperBound)
                if m.contentStart < line.upperBound {
                    segStart = m.contentStart
                    segEnd = line.upperBound
                }
            case .heading:
                flushSegment()
                closeTurn()
                SentenceSplitter.split(b, line, into: &s.sentences)
            case .blank:
                flushSegment()
            case .content:
                if perLine { flushSegment() }
                if segStart < 0 { segStart = line.lowerBound }
                segEnd = line.upperBound
                if turn != nil { turn!.end = line.upperBound }
            }
        }
        flushSegment()
        closeTurn()
    }
}
