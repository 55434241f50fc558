/// An old text, its revision, and the diff between them: moves spans of the old text (codings)
/// onto the new text, so that each follows its words.
///
///     let revision = TextRevision(old: "the advise centre sorted my gas bil",
///                                 new: "the advice centre sorted my gas bill")
///     revision.relocate(TextSpan(start: 4, end: 35))  // TextSpan(start: 4, end: 36):
///                                                    // "advice centre sorted my gas bill"
///
/// ## Where a span goes
/// A span `[start, end)` of the old text keeps the characters of it that the diff kept
/// (equal in both texts):
/// - **Lost.** A span none of whose characters were kept (all deleted or replaced) is lost:
///   its text is gone, so the coding can't follow it ("The ⟦GP⟧ said" → "The doctor said").
///   So is a span that had letters or digits and kept none of them (a sentence rewritten
///   around its full stop: "⟦I was really scared then.⟧" → "Honestly it terrified me."), and
///   one left with only white space where it began and ended with something else. An empty
///   span is lost too.
/// - **Start and end.** The start goes to the new offset of the first kept character at or
///   after `start`; the end to just after the new offset of the last kept character before
///   `end`. Everything between them in the new text is in the span: words replaced and text
///   inserted *inside* the span stay inside it (a typo fixed mid-span, a sentence added to the
///   middle of a coded passage).
/// - **Text inserted exactly at an edge** stays outside the span, unless it continues a word
///   that the span covers at that edge: where the span begins at the start of a word (or ends
///   at the end of one) and the inserted text touching that edge is letters, digits or marks,
///   those join the span ("gas ⟦bil⟧." → "gas ⟦bill⟧.", "the ⟦ill⟧" → "the ⟦bill⟧"). A span
///   that starts or ends inside a word was drawn there on purpose and is not widened. An
///   apostrophe between letters counts as part of a word ("⟦don⟧" → "⟦don't⟧").
/// - **A replaced edge.** Where the span's own first (or last) characters were replaced (the
///   deleted text of one change begins exactly at `start`, or ends exactly at `end`), the
///   replacing text joins the span as far as it stands in for them: as many space-separated
///   chunks as the replaced text had (in Chinese or Japanese, a chunk ends at a full stop
///   too), not crossing a line break ("⟦gas bil⟧" → "⟦gas
///   account⟧", "⟦Interviewer⟧:" → "⟦INT⟧:", "⟦that.⟧" → "⟦that?⟧"). A sentence inserted
///   next to a replaced word so stays outside. Where a change straddles the edge (it deletes
///   text on both sides of it), its replacement stays outside the span.
/// - **White space.** A span that did not begin (end) with white space does not begin (end)
///   with it after the move, so a deleted word beside a space does not leave the span hanging
///   on the space; whitespace-only changes inside a span (a double space made single, a line
///   break made a space) change its length but not its words.
/// - **Characters.** An edge that was on a grapheme-cluster boundary (a user-perceived
///   character) in the old text is widened, if needed, to one in the new text, so a span never
///   splits an emoji from its skin-tone modifier or a letter from its combining mark that the
///   revision added.
///
/// A kept span is never empty and lies within the new text.
public struct TextRevision: Sendable {
    /// The diff of the old text into the new.
    public let diff: TextDiff
    private let old: [Unicode.Scalar]
    private let new: [Unicode.Scalar]
    private let oldBoundaries: GraphemeBoundaries
    private let newBoundaries: GraphemeBoundaries

    /// Diffs `old` into `new` (both NFC, as stored).
    public init(old: String, new: String, limits: TextDiff.Limits = .standard) {
        self.init(old: Array(old.unicodeScalars), new: Array(new.unicodeScalars), limits: limits)
    }

    /// Diffs `old` into `new`, given as their scalars.
    public init(old: [Unicode.Scalar], new: [Unicode.Scalar], limits: TextDiff.Limits = .standard) {
        self.init(old: old, new: new, diff: TextDiff(old: old, new: new, limits: limits))
    }

    /// Uses a diff computed already (which must be the diff of `old` into `new`).
    public init(old: [Unicode.Scalar], new: [Unicode.Scalar], diff: TextDiff) {
        precondition(diff.oldCount == old.count && diff.newCount == new.count, "the diff is not of these texts")
        self.diff = diff
        self.old = old
        self.new = new
        oldBoundaries = GraphemeBoundaries(old)
        newBoundaries = GraphemeBoundaries(new)
    }

    /// The new offset of the old text's scalar at `offset`, or nil when the revision deleted
    /// or replaced it (or `offset` is outside the old text).
    public func newOffset(ofOld offset: Int) -> Int? {
        guard offset >= 0 && offset < old.count, changeDeleting(offset) == nil else { return nil }
        return keptNewOffset(offset)
    }

    /// Where the old text's span lands in the new text, or nil when it is lost (see the type's
    /// documentation). A span outside the old text, or empty, is lost.
    public func relocate(_ span: TextSpan) -> TextSpan? {
        let (s, e) = (span.start, span.end)
        guard s >= 0 && s < e && e <= old.count else { return nil }
        let changes = diff.changes

        // The first and last characters of the span that the diff kept.
        let startDeletion = changeDeleting(s)
        let first = startDeletion.map { changes[$0].old.upperBound } ?? s
        let endDeletion = changeDeleting(e - 1)
        let last = endDeletion.map { changes[$0].old.lowerBound - 1 } ?? (e - 1)
        guard first <= last else { return nil }
        // Its words must not all be gone (a full stop or a space left of them is not enough).
        if (s..<e).contains(where: { TextClass.isWord(old[$0]) }) && !keepsWord(first, last) { return nil }
        var start = keptNewOffset(first)
        var end = keptNewOffset(last) + 1

        // Start edge: the change just before the first kept character, if it touches it.
        if let index = changeEnding(at: first) {
            let change = changes[index]
            if first == s {
                if startsWord(s) { start -= trailingWordLength(change.new) }
            } else if change.old.lowerBound == s {
                start -= trailingChunksLength(change.new, chunks: chunkCount(old, s..<first))
            }
        }
        // End edge: the change just after the last kept character, if it touches it.
        if let index = changeStarting(at: last + 1) {
            let change = changes[index]
            if last == e - 1 {
                if endsWord(e) { end += leadingWordLength(change.new) }
            } else if change.old.upperBound == e {
                end += leadingChunksLength(change.new, chunks: chunkCount(old, (last + 1)..<e))
            }
        }

        // No white space at an edge that had none.
        if !TextClass.isSpace(old[s]) {
            while start < end && TextClass.isSpace(new[start]) { start += 1 }
        }
        if !TextClass.isSpace(old[e - 1]) {
            while end > start && TextClass.isSpace(new[end - 1]) { end -= 1 }
        }
        guard start < end else { return nil }

        // Whole user-perceived characters at edges that were on their boundaries.
        if oldBoundaries.contains(s) && !newBoundaries.contains(start) { start = newBoundaries.previous(start) }
        if oldBoundaries.contains(e) && !newBoundaries.contains(end) { end = newBoundaries.next(end) }
        return TextSpan(start: start, end: end)
    }

    /// Moves every item's span: kept items with their old and new spans, and lost ones, each
    /// list in the items' order.
    ///
    ///     let moved = revision.relocate(codings) { TextSpan(start: $0.start, end: $0.end) }
    public func relocate<Item>(_ items: some Sequence<Item>, span: (Item) throws -> TextSpan) rethrows -> SpanRelocation<Item> {
        var result = SpanRelocation<Item>()
        for item in items {
            let oldSpan = try span(item)
            if let newSpan = relocate(oldSpan) {
                result.kept.append(.init(item: item, old: oldSpan, new: newSpan))
            } else {
                result.lost.append(.init(item: item, old: oldSpan))
            }
        }
        return result
    }

    // MARK: - Lookups (binary searches over the changes)

    /// The index of the change whose deleted text holds old offset `offset`.
    private func changeDeleting(_ offset: Int) -> Int? {
        // The last change starting at or before offset.
        let changes = diff.changes
        var lo = 0, hi = changes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if changes[mid].old.lowerBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0, changes[lo - 1].old.contains(offset) else { return nil }
        return lo - 1
    }

    /// The index of the last change whose old range ends at or before `offset`.
    private func lastChange(endingBy offset: Int) -> Int? {
        let changes = diff.changes
        var lo = 0, hi = changes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if changes[mid].old.upperBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? lo - 1 : nil
    }

    /// The change whose old range ends exactly at `offset`.
    private func changeEnding(at offset: Int) -> Int? {
        guard let index = lastChange(endingBy: offset), diff.changes[index].old.upperBound == offset else { return nil }
        return index
    }

    /// The change whose old range begins exactly at `offset`.
    private func changeStarting(at offset: Int) -> Int? {
        let index = changeStarting(atOrAfter: offset)
        return index < diff.changes.count && diff.changes[index].old.lowerBound == offset ? index : nil
    }

    /// Whether a letter, digit or mark between the kept old offsets `first` and `last`
    /// (inclusive) was kept. Reads from `first` to the first such kept character.
    private func keepsWord(_ first: Int, _ last: Int) -> Bool {
        let changes = diff.changes
        var next = changeStarting(atOrAfter: first)
        var i = first
        while i <= last {
            if next < changes.count && changes[next].old.lowerBound == i {
                i = changes[next].old.upperBound
                next += 1
                continue
            }
            if TextClass.isWord(old[i]) { return true }
            i += 1
        }
        return false
    }

    /// The index of the first change whose old range begins at or after `offset`.
    private func changeStarting(atOrAfter offset: Int) -> Int {
        let changes = diff.changes
        var lo = 0, hi = changes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if changes[mid].old.lowerBound < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The new offset of a kept old offset.
    private func keptNewOffset(_ offset: Int) -> Int {
        guard let index = lastChange(endingBy: offset) else { return offset }
        let change = diff.changes[index]
        return offset + change.new.upperBound - change.old.upperBound
    }

    // MARK: - Words and chunks

    /// Whether old offset `s` is the first character of a word.
    private func startsWord(_ s: Int) -> Bool {
        TextClass.isWord(old[s]) && (s == 0 || !TextClass.isWord(old[s - 1]))
    }

    /// Whether old offset `e` is just after the last character of a word.
    private func endsWord(_ e: Int) -> Bool {
        TextClass.isWord(old[e - 1]) && (e == old.count || !TextClass.isWord(old[e]))
    }

    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool { scalar == "'" || scalar == "\u{2019}" }

    /// The length of the run of word characters at the start of `range` of the new text.
    private func leadingWordLength(_ range: Range<Int>) -> Int {
        var i = range.lowerBound
        while i < range.upperBound {
            if TextClass.isWord(new[i]) || (Self.isApostrophe(new[i]) && i + 1 < range.upperBound && TextClass.isWord(new[i + 1])) {
                i += 1
            } else {
                break
            }
        }
        return i - range.lowerBound
    }

    /// The length of the run of word characters at the end of `range` of the new text.
    private func trailingWordLength(_ range: Range<Int>) -> Int {
        var i = range.upperBound
        while i > range.lowerBound {
            if TextClass.isWord(new[i - 1]) || (Self.isApostrophe(new[i - 1]) && i - 1 > range.lowerBound && TextClass.isWord(new[i - 2])) {
                i -= 1
            } else {
                break
            }
        }
        return range.upperBound - i
    }

    // A chunk is a run of characters other than white space, ended also by a full stop of a
    // script written without spaces ("。", "！", "？"), so that in Chinese or Japanese a chunk
    // is at most a sentence rather than a whole paragraph.

    private static func endsChunk(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF61: return true
        default: return false
        }
    }

    /// The number of chunks in `range` of `text`.
    private func chunkCount(_ text: [Unicode.Scalar], _ range: Range<Int>) -> Int {
        var count = 0
        var inChunk = false
        for i in range {
            if TextClass.isSpace(text[i]) {
                inChunk = false
            } else {
                if !inChunk { count += 1 }
                inChunk = !Self.endsChunk(text[i])
            }
        }
        return count
    }

    /// The length of the start of `range` of the new text up to the end of its `chunks`-th
    /// chunk, stopping at a line break.
    private func leadingChunksLength(_ range: Range<Int>, chunks: Int) -> Int {
        var i = range.lowerBound
        var seen = 0
        while i < range.upperBound && seen < chunks {
            let kind = TextClass.of(new[i])
            if kind == .newline { break }
            if kind == .space {
                i += 1
                continue
            }
            while i < range.upperBound && !TextClass.isSpace(new[i]) {
                i += 1
                if Self.endsChunk(new[i - 1]) { break }
            }
            seen += 1
        }
        return i - range.lowerBound
    }

    /// The length of the end of `range` of the new text back to the start of its `chunks`-th
    /// last chunk, stopping at a line break.
    private func trailingChunksLength(_ range: Range<Int>, chunks: Int) -> Int {
        var i = range.upperBound
        var seen = 0
        while i > range.lowerBound && seen < chunks {
            let kind = TextClass.of(new[i - 1])
            if kind == .newline { break }
            if kind == .space {
                i -= 1
                continue
            }
            // A chunk may end with a full stop; it starts after the one before it.
            i -= 1
            while i > range.lowerBound && !TextClass.isSpace(new[i - 1]) && !Self.endsChunk(new[i - 1]) { i -= 1 }
            seen += 1
        }
        return range.upperBound - i
    }
}

/// Where each of a set of items' spans went in a revised text (``TextRevision/relocate(_:span:)``).
public struct SpanRelocation<Item> {
    /// An item whose span followed its text.
    public struct Kept {
        public var item: Item
        /// The span in the old text.
        public var old: TextSpan
        /// The span in the new text.
        public var new: TextSpan
    }

    /// An item whose text was deleted.
    public struct Lost {
        public var item: Item
        /// The span in the old text.
        public var old: TextSpan
    }

    /// The items whose spans were moved, in the order given.
    public var kept: [Kept] = []
    /// The items whose text was deleted, in the order given.
    public var lost: [Lost] = []

    public init(kept: [Kept] = [], lost: [Lost] = []) {
        self.kept = kept
        self.lost = lost
    }
}

extension SpanRelocation: Sendable where Item: Sendable {}
extension SpanRelocation.Kept: Sendable where Item: Sendable {}
extension SpanRelocation.Lost: Sendable where Item: Sendable {}
extension SpanRelocation: Equatable where Item: Equatable {}
extension SpanRelocation.Kept: Equatable where Item: Equatable {}
extension SpanRelocation.Lost: Equatable where Item: Equatable {}

/// The offsets of a text that are grapheme-cluster boundaries.
///
/// Text with no scalar at or above U+0300 and no carriage return breaks between every two
/// scalars (no marks, joiners, emoji modifiers, Hangul or regional indicators), so no table is
/// kept for it; otherwise one bit per offset, from Swift's `Character` segmentation.
struct GraphemeBoundaries: Sendable {
    private let count: Int
    private let bits: [UInt64]?

    init(_ scalars: [Unicode.Scalar]) {
        count = scalars.count
        guard scalars.contains(where: { $0.value >= 0x300 || $0 == "\r" }) else {
            bits = nil
            return
        }
        var bits = [UInt64](repeating: 0, count: scalars.count / 64 + 1)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        var offset = 0
        bits[0] |= 1
        for character in String(view) {
            offset += character.unicodeScalars.count
            bits[offset >> 6] |= 1 << UInt64(offset & 63)
        }
        self.bits = bits
    }

    func contains(_ offset: Int) -> Bool {
        guard let bits else { return true }
        return bits[offset >> 6] & (1 << UInt64(offset & 63)) != 0
    }

    /// The nearest boundary at or before `offset`.
    func previous(_ offset: Int) -> Int {
        var i = offset
        while i > 0 && !contains(i) { i -= 1 }
        return i
    }

    /// The nearest boundary at or after `offset`.
    func next(_ offset: Int) -> Int {
        var i = offset
        while i < count && !contains(i) { i += 1 }
        return i
    }
}
