/// Disagreements on a continuum of text (units `character` and `continuum`): the maximal
/// stretches of a document over which two coders' sets of codes differ.
enum StretchDisagreements {
    /// Document `d`'s stretches where coder 0 and coder 1 applied different codes among those
    /// `counts(code)` admits, as `(start, end, onlyA, onlyB, agreed)` code indexes, in text order.
    /// Neighbouring stretches with the same three sets are one stretch.
    ///
    /// - Complexity: O(c log c + c · k) for c codings and at most k codes open at once.
    static func stretches(
        scope: AgreementScope, document d: Int, counts: (Int) -> Bool
    ) -> [(start: Int, end: Int, onlyA: [Int], onlyB: [Int], agreed: [Int])] {
        var events: [(offset: Int, coder: Int, code: Int, delta: Int)] = []
        for coding in scope.codings(ofDocument: d) where coding.end > coding.start && counts(Int(coding.code)) {
            events.append((coding.start, Int(coding.coder), Int(coding.code), 1))
            events.append((coding.end, Int(coding.coder), Int(coding.code), -1))
        }
        events.sort { ($0.offset, $0.delta) < ($1.offset, $1.delta) }
        var open = [[Int: Int]](repeating: [:], count: 2)  // code → number of the coder's codings open
        var result: [(start: Int, end: Int, onlyA: [Int], onlyB: [Int], agreed: [Int])] = []
        var cursor = 0
        var e = 0
        while e < events.count {
            let offset = events[e].offset
            if offset > cursor {
                let a = Set(open[0].keys), b = Set(open[1].keys)
                if a != b {
                    let entry = (start: cursor, end: offset, onlyA: a.subtracting(b).sorted(), onlyB: b.subtracting(a).sorted(),
                                 agreed: a.intersection(b).sorted())
                    if let last = result.last, last.end == cursor, last.onlyA == entry.onlyA, last.onlyB == entry.onlyB,
                       last.agreed == entry.agreed {
                        result[result.count - 1].end = offset
                    } else {
                        result.append(entry)
                    }
                }
            }
            cursor = offset
            while e < events.count && events[e].offset == offset {
                let event = events[e]
                let now = (open[event.coder][event.code] ?? 0) + event.delta
                open[event.coder][event.code] = now > 0 ? now : nil
                e += 1
            }
        }
        return result
    }

    /// The number (from 1) of the turn containing `offset`, or of the next turn when `offset`
    /// lies between turns (a speaker label, a blank line); 0 after the last turn.
    static func turnNumber(_ turns: UnitSpans, at offset: Int) -> Int {
        let index = turns.firstUnit(endingAfter: offset)
        return index < turns.count ? index + 1 : 0
    }
}
