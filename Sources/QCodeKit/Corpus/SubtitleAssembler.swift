/// Turns subtitle cues into a document: speakers, merged turns, one line per turn.
///
/// - A cue's speaker is its voice span, else a `Name:` label at the start of its text. Such
///   a label is accepted when known, or when it reads like a name and either labels two or
///   more cues or at least half the cues carry a label.
/// - YouTube-style rolling captions: a cue line equal to the previous cue's last line is dropped.
/// - Consecutive cues of one speaker merge into one turn (time = first start, endTime = last
///   end); where the file has speakers, a cue without one continues the previous turn; where
///   no cue has a speaker, each cue is its own turn.
/// - Text: one line per turn, `Speaker: text` or just `text`; the turn span covers `text`.
enum SubtitleAssembler {
    static func document(cues: [SubtitleCue], name: String, format: SourceFormat, encoding: TextEncoding)
        -> ParsedDocument
    {
        // Drop rolling duplicates and join lines.
        var items: [(start: Double, end: Double, text: String, voice: String?)] = []
        var previousLast: String? = nil
        for cue in cues {
            let kept = cue.lines.filter { $0 != previousLast }
            if let last = cue.lines.last { previousLast = last }
            let text = kept.joined(separator: " ")
            if !text.isEmpty { items.append((cue.start, cue.end, text, cue.voice)) }
        }
        // Colon labels.
        var labels: [(speaker: String, rest: String, known: Bool)?] = []
        var counts: [String: Int] = [:]
        for item in items {
            var label: (String, String, Bool)? = nil
            if item.voice == nil {
                var bytes = Array(item.text.utf8)
                bytes.append(0)  // keeps the buffer non-empty
                label = bytes.withUnsafeBufferPointer { b -> (String, String, Bool)? in
                    let end = b.count - 1
                    guard end > 0, ASCII.isLetter(b[0]) || b[0] >= 0xC0,
                          let m = SpeakerLabel.colonLabel(b, 0, end, time: nil, emphasis: nil),
                          m.contentStart < end
                    else { return nil }
                    return (m.speaker, ByteText.string(b, m.contentStart..<end), m.isKnown)
                }
            }
            if let l = label { counts[l.0, default: 0] += 1 }
            labels.append(label.map { (speaker: $0.0, rest: $0.1, known: $0.2) })
        }
        let labelled = labels.count { $0 != nil }
        let acceptAll = labelled * 2 >= items.count
        var hasSpeakers = false
        var resolved: [(start: Double, end: Double, text: String, speaker: String?)] = []
        for (item, label) in zip(items, labels) {
            if let v = item.voice {
                hasSpeakers = true
                resolved.append((item.start, item.end, item.text, v))
            } else if let l = label, l.known || ((acceptAll || counts[l.speaker, default: 0] >= 2) && KnownSpeakers.looksLikeName(l.speaker)) {
                hasSpeakers = true
                resolved.append((item.start, item.end, l.rest, l.speaker))
            } else {
                resolved.append((item.start, item.end, item.text, nil))
            }
        }
        // Merge into turns.
        var turns: [(speaker: String?, text: String, start: Double, end: Double)] = []
        for r in resolved {
            if hasSpeakers, var last = turns.last, r.speaker == nil || r.speaker == last.speaker,
               !(last.speaker == nil && r.speaker != nil)
            {
                last.text += " " + r.text
                last.end = Swift.max(last.end, r.end)
                turns[turns.count - 1] = last
            } else {
                turns.append((r.speaker, r.text, r.start, r.end))
            }
        }
        // Lay out the text.
        var bytes: [UInt8] = []
        var structure = ByteStructure()
        for (k, t) in turns.enumerated() {
            if k > 0 { bytes.append(ASCII.lf) }
            let lineStart = bytes.count
            if let s = t.speaker { bytes += TextNormalizer.normalize(s).utf8; bytes += ": ".utf8 }
            let start = bytes.count
            bytes += TextNormalizer.normalize(t.text).utf8
            structure.turns.append(ByteTurn(speaker: t.speaker, range: start..<bytes.count, time: t.start, endTime: t.end))
            structure.paragraphs.append(lineStart..<bytes.count)
        }
        bytes.withUnsafeBufferPointer { b in
            for t in structure.turns { SentenceSplitter.split(b, t.range, into: &structure.sentences) }
        }
        var warnings: [String] = []
        if turns.isEmpty { warnings.append("no cues with text found") }
        return ParsedDocument(
            name: name, text: String(decoding: bytes, as: UTF8.self), bytes: bytes, format: format,
            encoding: encoding, structure: structure, warnings: warnings)
    }
}
