/// Computes a ``TextDiff`` (see its documentation for the steps and bounds).
struct TextDiffBuilder {
    private let old: [Unicode.Scalar]
    private let new: [Unicode.Scalar]
    private let maxEdits: Int
    private(set) var coarseRegions = 0

    init(old: [Unicode.Scalar], new: [Unicode.Scalar], limits: TextDiff.Limits) {
        self.old = old
        self.new = new
        maxEdits = limits.maxEditsPerPass
    }

    mutating func run() -> [TextDiff.Change] {
        let (prefix, suffix) = commonEnds()
        let oldMiddle = prefix..<(old.count - suffix)
        let newMiddle = prefix..<(new.count - suffix)
        if oldMiddle.isEmpty && newMiddle.isEmpty { return [] }
        var changes: [TextDiff.Change]
        if oldMiddle.isEmpty || newMiddle.isEmpty {
            changes = [TextDiff.Change(old: oldMiddle, new: newMiddle)]
        } else {
            changes = []
            for tokenChange in tokenChanges(oldMiddle, newMiddle) {
                refine(tokenChange, into: &changes)
            }
        }
        changes = compacted(Self.merged(changes))
        slide(&changes)
        return Self.merged(changes)
    }

    // MARK: - Common prefix and suffix

    /// The lengths of the common prefix and suffix, each backed off so that it does not end
    /// inside a token of either text (a word or a run of spaces is diffed whole).
    private func commonEnds() -> (Int, Int) {
        let shorter = min(old.count, new.count)
        var prefix = 0
        while prefix < shorter && old[prefix] == new[prefix] { prefix += 1 }
        while prefix > 0 && (joins(old, prefix) || joins(new, prefix)) { prefix -= 1 }
        var suffix = 0
        while suffix < shorter - prefix && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        while suffix > 0 && (joins(old, old.count - suffix) || joins(new, new.count - suffix)) { suffix -= 1 }
        return (prefix, suffix)
    }

    /// Whether the scalars on both sides of offset `i` belong to one token: a word goes on, or
    /// spaces follow anything but a line break.
    private func joins(_ text: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i > 0 && i < text.count else { return false }
        let (before, after) = (TextClass.of(text[i - 1]), TextClass.of(text[i]))
        if after == .space { return before != .newline }
        return before == .word && after == .word && !TextClass.isUnspaced(text[i - 1]) && !TextClass.isUnspaced(text[i])
    }

    // MARK: - Tokens

    /// Token boundaries (absolute scalar offsets, first and last included) and token ids.
    ///
    /// A token is a word (letters, digits, marks) or one other scalar (punctuation, emoji,
    /// a Chinese or Japanese character or one of a script written without spaces, where a
    /// "word" would be a whole sentence), with the spaces after it; or a line break; or the
    /// spaces at the start of a line. Spaces
    /// ride with the token before them rather than being tokens of their own: as tokens they
    /// would match everywhere, and a passage would align word for word with any other
    /// passage of as many words, at less cost than deleting one and inserting the other.
    private struct Tokens {
        var bounds: [Int] = []
        var ids: [UInt32] = []
    }

    private func tokenize(_ text: [Unicode.Scalar], _ range: Range<Int>, _ table: inout [ArraySlice<Unicode.Scalar>: UInt32]) -> Tokens {
        var tokens = Tokens()
        var i = range.lowerBound
        tokens.bounds.append(i)
        while i < range.upperBound {
            let kind = TextClass.of(text[i])
            var j = i + 1
            if kind == .word && !TextClass.isUnspaced(text[i]) {
                while j < range.upperBound && TextClass.of(text[j]) == .word && !TextClass.isUnspaced(text[j]) { j += 1 }
            }
            if kind != .newline {
                while j < range.upperBound && TextClass.of(text[j]) == .space { j += 1 }
            }
            let key = text[i..<j]
            if let id = table[key] {
                tokens.ids.append(id)
            } else {
                let id = UInt32(table.count)
                table[key] = id
                tokens.ids.append(id)
            }
            tokens.bounds.append(j)
            i = j
        }
        return tokens
    }

    /// The diff of the two ranges by tokens, cleaned of small equalities, in absolute
    /// scalar offsets.
    private mutating func tokenChanges(_ oldRange: Range<Int>, _ newRange: Range<Int>) -> [TextDiff.Change] {
        var table: [ArraySlice<Unicode.Scalar>: UInt32] = [:]
        let a = tokenize(old, oldRange, &table)
        let b = tokenize(new, newRange, &table)
        var local: [TextDiff.Change] = []
        a.ids.withUnsafeBufferPointer { ta in
            b.ids.withUnsafeBufferPointer { tb in
                diffTokens(ta, 0..<ta.count, tb, 0..<tb.count, into: &local)
            }
        }
        local = Self.cleanedUp(local, oldCount: a.ids.count, newCount: b.ids.count, weight: { range, isOld in
            let bounds = isOld ? a.bounds : b.bounds
            return bounds[range.upperBound] - bounds[range.lowerBound]
        }, dissolvable: { range in
            // Only chaff: at most one word, of at most three letters ("the", "I", "and").
            var words = 0
            for token in range where TextClass.isWord(old[a.bounds[token]]) {
                words += 1
                if words > 1 || a.bounds[token + 1] - a.bounds[token] > 3 { return false }
            }
            return true
        })
        return local.map {
            TextDiff.Change(old: a.bounds[$0.old.lowerBound]..<a.bounds[$0.old.upperBound],
                            new: b.bounds[$0.new.lowerBound]..<b.bounds[$0.new.upperBound])
        }
    }

    /// Appends the changes turning `a[ar]` into `b[br]` (indexes into the whole token arrays):
    /// Myers within the edit cap, otherwise split at unique tokens and the pieces diffed the
    /// same way (a stack of pieces, not recursion, so no input can exhaust the call stack),
    /// otherwise one replacement.
    private mutating func diffTokens(_ a: UnsafeBufferPointer<UInt32>, _ ar: Range<Int>,
                                     _ b: UnsafeBufferPointer<UInt32>, _ br: Range<Int>,
                                     into changes: inout [TextDiff.Change]) {
        // Pieces still to diff, the next one last; each is finished or split before the one
        // under it is taken, so changes come out in text order.
        var pieces: [(Range<Int>, Range<Int>)] = [(ar, br)]
        while let (ar, br) = pieces.popLast() {
            var (aLo, aHi, bLo, bHi) = (ar.lowerBound, ar.upperBound, br.lowerBound, br.upperBound)
            while aLo < aHi && bLo < bHi && a[aLo] == b[bLo] { aLo += 1; bLo += 1 }
            while aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1] { aHi -= 1; bHi -= 1 }
            if aLo == aHi && bLo == bHi { continue }
            if aLo == aHi || bLo == bHi {
                changes.append(TextDiff.Change(old: aLo..<aHi, new: bLo..<bHi))
                continue
            }
            let subA = UnsafeBufferPointer(rebasing: a[aLo..<aHi])
            let subB = UnsafeBufferPointer(rebasing: b[bLo..<bHi])
            if let found = SequenceDiff.myers(subA, subB, maxEdits: maxEdits) {
                for change in found {
                    changes.append(TextDiff.Change(old: (change.old.lowerBound + aLo)..<(change.old.upperBound + aLo),
                                                   new: (change.new.lowerBound + bLo)..<(change.new.upperBound + bLo)))
                }
                continue
            }
            coarseRegions += 1
            let anchors = SequenceDiff.uniqueAnchors(subA, subB)
            if anchors.isEmpty {
                changes.append(TextDiff.Change(old: aLo..<aHi, new: bLo..<bHi))
                continue
            }
            // The gaps around the anchors, last first.
            var (i, j) = (aHi, bHi)
            for (ai, bj) in anchors.reversed() {
                pieces.append(((ai + aLo + 1)..<i, (bj + bLo + 1)..<j))
                i = ai + aLo
                j = bj + bLo
            }
            pieces.append((aLo..<i, bLo..<j))
        }
    }

    // MARK: - Refinement by scalar

    /// Appends `change` (a replacement of tokens), diffed again scalar by scalar when both
    /// sides are non-empty and the scalar diff stays within the edit cap.
    private mutating func refine(_ change: TextDiff.Change, into changes: inout [TextDiff.Change]) {
        guard !change.old.isEmpty && !change.new.isEmpty else {
            changes.append(change)
            return
        }
        let a = old[change.old].map(\.value)
        let b = new[change.new].map(\.value)
        let found = a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in SequenceDiff.myers(a, b, maxEdits: maxEdits) }
        }
        guard let found else {
            coarseRegions += 1
            changes.append(change)
            return
        }
        let cleaned = Self.cleanedUp(found, oldCount: a.count, newCount: b.count, weight: { range, _ in range.count }, dissolvable: { _ in true })
        for piece in cleaned {
            changes.append(TextDiff.Change(old: (piece.old.lowerBound + change.old.lowerBound)..<(piece.old.upperBound + change.old.lowerBound),
                                           new: (piece.new.lowerBound + change.new.lowerBound)..<(piece.new.upperBound + change.new.lowerBound)))
        }
    }

    // MARK: - Semantic cleanup

    /// Dissolves every equality that is no longer than the edits on each side of it into a
    /// replacement (diff-match-patch's `diff_cleanupSemantic` elimination, on ranges): an
    /// equality between two edits is weighed against the larger of the deleted and the
    /// inserted lengths on each side. Equalities at the ends are never dissolved, nor those
    /// `dissolvable` refuses (given the equality's old range). `weight` gives the length of a
    /// range of the old (`true`) or new text, in scalars.
    static func cleanedUp(_ changes: [TextDiff.Change], oldCount: Int, newCount: Int,
                          weight: (Range<Int>, Bool) -> Int,
                          dissolvable: (Range<Int>) -> Bool) -> [TextDiff.Change] {
        guard changes.count > 1 else { return changes }
        // Segments alternate: equal, change, equal, change, ..., equal (end ones maybe empty).
        struct Segment {
            var old: Range<Int>
            var new: Range<Int>
            var isEqual: Bool
            var dissolved = false
        }
        var segments: [Segment] = []
        var (ax, by) = (0, 0)
        for change in changes {
            segments.append(Segment(old: ax..<change.old.lowerBound, new: by..<change.new.lowerBound, isEqual: true))
            segments.append(Segment(old: change.old, new: change.new, isEqual: false))
            (ax, by) = (change.old.upperBound, change.new.upperBound)
        }
        segments.append(Segment(old: ax..<oldCount, new: by..<newCount, isEqual: true))

        var equalities: [Int] = []
        var lastEquality: Int?
        var (inserted1, deleted1, inserted2, deleted2) = (0, 0, 0, 0)
        var pointer = 0
        while pointer < segments.count {
            let segment = segments[pointer]
            if segment.isEqual && !segment.dissolved {
                equalities.append(pointer)
                (inserted1, deleted1) = (inserted2, deleted2)
                (inserted2, deleted2) = (0, 0)
                lastEquality = pointer
            } else {
                inserted2 += weight(segment.new, false)
                deleted2 += weight(segment.old, true)
                if let e = lastEquality, e > 0, e < segments.count - 1 {
                    let length = weight(segments[e].old, true)
                    if length <= max(inserted1, deleted1) && length <= max(inserted2, deleted2) && dissolvable(segments[e].old) {
                        segments[e].dissolved = true
                        equalities.removeLast()
                        if !equalities.isEmpty { equalities.removeLast() }
                        pointer = equalities.last ?? -1
                        (inserted1, deleted1, inserted2, deleted2) = (0, 0, 0, 0)
                        lastEquality = nil
                    }
                }
            }
            pointer += 1
        }

        var result: [TextDiff.Change] = []
        var open: TextDiff.Change?
        for segment in segments {
            if segment.isEqual && !segment.dissolved {
                if let change = open { result.append(change) }
                open = nil
            } else if let change = open {
                open = TextDiff.Change(old: change.old.lowerBound..<segment.old.upperBound,
                                       new: change.new.lowerBound..<segment.new.upperBound)
            } else {
                open = TextDiff.Change(old: segment.old, new: segment.new)
            }
        }
        if let change = open { result.append(change) }
        return result.filter { !$0.old.isEmpty || !$0.new.isEmpty }
    }

    /// Joins changes that touch (no equal scalar between them).
    static func merged(_ changes: [TextDiff.Change]) -> [TextDiff.Change] {
        var result: [TextDiff.Change] = []
        result.reserveCapacity(changes.count)
        for change in changes where !change.old.isEmpty || !change.new.isEmpty {
            if let last = result.last, last.old.upperBound == change.old.lowerBound, last.new.upperBound == change.new.lowerBound {
                result[result.count - 1] = TextDiff.Change(old: last.old.lowerBound..<change.old.upperBound,
                                                           new: last.new.lowerBound..<change.new.upperBound)
            } else {
                result.append(change)
            }
        }
        return result
    }

    // MARK: - Compaction

    /// How many changes before one are tried for a join with it.
    private static let joinWindow = 8
    /// Equal text longer than this (in all, between the changes tried) is never joined over.
    private static let joinSpan = 2_000

    /// Removes what the token alignment left for the scalars to fix: each change loses the
    /// scalars its two sides begin or end with alike, and a run of up to ``joinWindow``
    /// neighbouring changes is joined into one where the equal text between them is no longer
    /// than what the joined change's two sides begin and end with alike. That happens where
    /// the tokens were aligned with another copy of a repeated word: "c[afé → the … tax
    /// ]never [+ after … wife. afé never ]👍" is the one insertion "c[+ the … tax never after
    /// … wife. ]afé never 👍", and a deleted passage that shares words with the text after it
    /// is one deletion, not three around the shared words. A join never raises the number of
    /// scalars changed and always lowers the number of changes, so there are few; a failed try
    /// reads at most one scalar more than the equal text it would join over.
    private func compacted(_ changes: [TextDiff.Change]) -> [TextDiff.Change] {
        var result: [TextDiff.Change] = []
        result.reserveCapacity(changes.count)
        for change in changes {
            var current = trimmed(change.old, change.new)
            joining: while let change = current, !result.isEmpty {
                var gaps = 0
                for back in 1...min(Self.joinWindow, result.count) {
                    let first = result[result.count - back]
                    let next = back == 1 ? change : result[result.count - back + 1]
                    gaps += next.old.lowerBound - first.old.upperBound
                    if gaps > Self.joinSpan { break }
                    let old = first.old.lowerBound..<change.old.upperBound
                    let new = first.new.lowerBound..<change.new.upperBound
                    let prefix = commonPrefix(old, new, limit: gaps)
                    let suffix = commonSuffix(old, new, limit: gaps - prefix, notBefore: prefix)
                    if prefix + suffix >= gaps {
                        result.removeLast(back)
                        current = trimmed(old, new)  // nil: they undid each other
                        continue joining
                    }
                }
                break
            }
            if let current { result.append(current) }
        }
        return result
    }

    /// The change `old` → `new` without the scalars its two sides begin and end with alike;
    /// nil if nothing is left.
    private func trimmed(_ old: Range<Int>, _ new: Range<Int>) -> TextDiff.Change? {
        let prefix = commonPrefix(old, new, limit: .max)
        let suffix = commonSuffix(old, new, limit: .max, notBefore: prefix)
        let change = TextDiff.Change(old: (old.lowerBound + prefix)..<(old.upperBound - suffix),
                                     new: (new.lowerBound + prefix)..<(new.upperBound - suffix))
        return change.old.isEmpty && change.new.isEmpty ? nil : change
    }

    private func commonPrefix(_ a: Range<Int>, _ b: Range<Int>, limit: Int) -> Int {
        let most = min(a.count, b.count, limit)
        var n = 0
        while n < most && old[a.lowerBound + n] == new[b.lowerBound + n] { n += 1 }
        return n
    }

    /// The common suffix, not reaching into the first `notBefore` scalars of either side.
    private func commonSuffix(_ a: Range<Int>, _ b: Range<Int>, limit: Int, notBefore: Int) -> Int {
        let most = min(a.count - notBefore, b.count - notBefore, limit)
        var n = 0
        while n < most && old[a.upperBound - 1 - n] == new[b.upperBound - 1 - n] { n += 1 }
        return n
    }

    // MARK: - Sliding to boundaries

    /// Moves each pure insertion or deletion, within the equal text around it, to where its
    /// two edges score best as boundaries (keeping its place on a tie).
    private func slide(_ changes: inout [TextDiff.Change]) {
        for index in changes.indices {
            let change = changes[index]
            let isInsertion = change.old.isEmpty
            guard isInsertion || change.new.isEmpty else { continue }
            // Work in the text that holds the edited scalars; the equal text around is the same
            // in both, bounded by the neighbouring changes.
            let text = isInsertion ? new : old
            let window = isInsertion ? change.new : change.old
            let lowerLimit = index > 0 ? (isInsertion ? changes[index - 1].new.upperBound : changes[index - 1].old.upperBound) : 0
            let upperLimit = index + 1 < changes.count
                ? (isInsertion ? changes[index + 1].new.lowerBound : changes[index + 1].old.lowerBound)
                : text.count
            let length = window.count
            var left = window.lowerBound
            while left > lowerLimit && text[left - 1] == text[left - 1 + length] { left -= 1 }
            var right = window.lowerBound
            while right + length < upperLimit && text[right] == text[right + length] { right += 1 }
            guard left < right else { continue }
            var best = window.lowerBound
            var bestScore = Self.boundaryScore(text, best) + Self.boundaryScore(text, best + length)
            for position in left...right where position != window.lowerBound {
                let score = Self.boundaryScore(text, position) + Self.boundaryScore(text, position + length)
                if score > bestScore {
                    best = position
                    bestScore = score
                }
            }
            let shift = best - window.lowerBound
            if shift != 0 {
                changes[index] = TextDiff.Change(old: (change.old.lowerBound + shift)..<(change.old.upperBound + shift),
                                                 new: (change.new.lowerBound + shift)..<(change.new.upperBound + shift))
            }
        }
    }

    /// How good a place offset `i` of `text` is for an edit to begin or end (diff-match-patch's
    /// `diff_cleanupSemanticScore`): 6 at either end of the text, 5 at a blank line, 4 at a line
    /// break, 3 after a sentence's punctuation before a space, 2 beside a space, 1 beside other
    /// punctuation, 0 inside a word.
    static func boundaryScore(_ text: [Unicode.Scalar], _ i: Int) -> Int {
        guard i > 0 && i < text.count else { return 6 }
        let (x, y) = (TextClass.of(text[i - 1]), TextClass.of(text[i]))
        let blank = (x == .newline && i >= 2 && text[i - 2] == "\n")
            || (y == .newline && i + 1 < text.count && text[i + 1] == "\n")
        if blank { return 5 }
        if x == .newline || y == .newline { return 4 }
        if x == .other && y == .space { return 3 }
        if x == .space || y == .space { return 2 }
        if x == .other || y == .other { return 1 }
        return 0
    }
}

/// What a scalar is, for tokens and boundaries.
enum TextClass: UInt8 {
    /// Letters, digits, combining marks, and the joiners used inside words.
    case word
    /// Horizontal white space.
    case space
    /// A line break.
    case newline
    /// Punctuation, symbols, emoji and everything else.
    case other

    @inline(__always)
    static func of(_ scalar: Unicode.Scalar) -> TextClass {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
            case 0x0A, 0x0B, 0x0C, 0x0D: return .newline
            case 0x20, 0x09: return .space
            default: return .other
            }
        }
        if value == 0x2028 || value == 0x2029 || value == 0x85 { return .newline }
        if value == 0x200C || value == 0x200D { return .word }
        let properties = scalar.properties
        if properties.isWhitespace { return .space }
        if properties.isAlphabetic || properties.numericType != nil { return .word }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .word
        default: return .other
        }
    }

    /// Whether a scalar belongs to a script written without spaces between words (Han,
    /// kana, Thai, Lao, Myanmar, Khmer), whose letters are diffed one by one.
    static func isUnspaced(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x0E00: return false
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x3040...0x30FF, 0x31F0...0x31FF: return true
        default: return scalar.properties.isIdeographic
        }
    }

    /// Whether a scalar continues a word (letters, digits, marks, joiners).
    static func isWord(_ scalar: Unicode.Scalar) -> Bool { of(scalar) == .word }

    /// Whether a scalar is white space (spaces and line breaks).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let kind = of(scalar)
        return kind == .space || kind == .newline
    }
}
