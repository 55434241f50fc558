/// A stretch of a transcript the workspace shows as one block: a turn (or, in a document
/// without speaker turns, a paragraph).
public struct WorkspaceUnit: Sendable, Equatable {
    /// 1-based number as `qcode show` prints it.
    public var number: Int
    public var speaker: String?
    public var time: Double?
    public var span: TextSpan
}

/// What is selected: a range of turns (from `anchor` to `cursor`), or a part of the
/// cursor's turn (a sentence, some words, or a search match).
public struct WorkspaceSelection: Equatable, Sendable {
    /// How a part of a turn was chosen.
    public enum Part: Equatable, Sendable {
        /// The sentence with this index among the turn's sentences.
        case sentence(Int)
        /// Words `first...last` among the turn's words.
        case words(first: Int, last: Int)
        /// A search match.
        case match
    }

    /// The turn the cursor is on (an index into the units).
    public var cursor = 0
    /// The other end of a range of turns (equal to `cursor` for one turn).
    public var anchor = 0
    /// The selected part of the cursor's turn, if any, and how it was chosen.
    public var part: TextSpan?
    public var partKind: Part?

    public init(cursor: Int = 0) {
        self.cursor = cursor
        anchor = cursor
    }

    /// The selected turns, first to last.
    public var turns: ClosedRange<Int> { min(cursor, anchor)...max(cursor, anchor) }

    /// The selected text spans, in document order: the part, or one span per turn.
    public func spans(in units: [WorkspaceUnit]) -> [TextSpan] {
        if let part { return [part] }
        return turns.filter { units.indices.contains($0) }.map { units[$0].span }
    }

    /// Moves to one turn, dropping any range or part.
    public mutating func move(to index: Int, count: Int) {
        cursor = min(max(0, index), max(0, count - 1))
        anchor = cursor
        clearPart()
    }

    /// Moves the cursor, keeping the anchor, so the range grows or shrinks.
    public mutating func extend(by delta: Int, count: Int) {
        cursor = min(max(0, cursor + delta), max(0, count - 1))
        clearPart()
    }

    public mutating func clearPart() {
        part = nil
        partKind = nil
    }

    /// Selects the next (or previous) sentence of the cursor's turn, wrapping around.
    public mutating func cycleSentence(_ sentences: [TextSpan], forward: Bool = true) {
        guard !sentences.isEmpty else { return }
        anchor = cursor
        var index: Int
        if case .sentence(let current) = partKind {
            index = (current + (forward ? 1 : -1) + sentences.count) % sentences.count
        } else {
            index = forward ? 0 : sentences.count - 1
        }
        index = min(max(0, index), sentences.count - 1)
        part = sentences[index]
        partKind = .sentence(index)
    }

    /// Word selection: `move` shifts a selection of words (entering word mode on the
    /// first or last word), `grow` moves its last word.
    public mutating func words(_ words: [TextSpan], move: Int = 0, grow: Int = 0) {
        guard !words.isEmpty else { return }
        anchor = cursor
        var first: Int
        var last: Int
        if case .words(let f, let l) = partKind {
            first = f
            last = l
            if move != 0 {
                let length = last - first
                first = min(max(0, first + move), words.count - 1 - length)
                last = first + length
            }
            last = min(max(first, last + grow), words.count - 1)
        } else {
            first = move < 0 ? words.count - 1 : 0
            last = first
        }
        part = TextSpan(start: words[first].start, end: words[last].end)
        partKind = .words(first: first, last: last)
    }

    /// Selects a match inside the cursor's turn.
    public mutating func select(match: TextSpan, in turn: Int) {
        cursor = turn
        anchor = turn
        part = match
        partKind = .match
    }
}

extension WorkspaceUnit {
    /// The words of this unit: runs of non-space characters, as scalar spans.
    public func words(in scalars: [Unicode.Scalar]) -> [TextSpan] {
        var result: [TextSpan] = []
        var start: Int?
        for offset in span.start..<min(span.end, scalars.count) {
            let isSpace = scalars[offset].properties.isWhitespace
            if isSpace, let begun = start {
                result.append(TextSpan(start: begun, end: offset))
                start = nil
            } else if !isSpace && start == nil {
                start = offset
            }
        }
        if let start { result.append(TextSpan(start: start, end: min(span.end, scalars.count))) }
        return result
    }

    /// The document's sentences that overlap this unit, clipped to it.
    public func sentences(from all: [TextSpan]) -> [TextSpan] {
        var result: [TextSpan] = []
        var low = 0
        var high = all.count
        while low < high {  // first sentence ending after the unit starts
            let mid = (low + high) / 2
            if all[mid].end <= span.start { low = mid + 1 } else { high = mid }
        }
        var index = low
        while index < all.count, all[index].start < span.end {
            let clipped = TextSpan(start: max(span.start, all[index].start), end: min(span.end, all[index].end))
            if clipped.start < clipped.end { result.append(clipped) }
            index += 1
        }
        return result.isEmpty ? [span] : result
    }
}
