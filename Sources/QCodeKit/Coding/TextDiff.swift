/// The differences between two texts, at Unicode scalar granularity.
///
/// Offsets are Unicode scalar offsets (what Python's `str` indexes count), as everywhere in
/// qcode; both texts are expected to be stored text (NFC, LF line ends), though any scalars work.
///
///     let diff = TextDiff(old: "the advise centre sorted my gas bil",
///                         new: "the advice centre sorted my gas bill")
///     // diff.changes == [Change(old: 8..<9, new: 8..<9), Change(old: 35..<35, new: 35..<36)]
///
/// The result is a list of ``Change``s in text order: `old` in the old text was replaced by
/// `new` in the new text (either may be empty: a pure insertion or deletion). Between two
/// changes, and before the first and after the last, the texts are equal; two changes are
/// never adjacent (at least one equal scalar separates them).
///
/// ## How it is computed
/// 1. The common prefix and suffix are trimmed (backed off to a word boundary), so a
///    transcript with a few edits costs little more than one comparison of its scalars.
/// 2. The rest is split into tokens (a word, or one other scalar such as punctuation or an
///    emoji, each with the spaces after it; a line break), and the token sequences are
///    diffed with Myers'
///    O(ND) algorithm (Myers 1986, "An O(ND) difference algorithm and its variations",
///    Algorithmica 1). Tokens make the diff follow words: a rewritten phrase is one change,
///    not a scatter of letters that happen to agree.
/// 3. Chaff between larger changes (a space, a comma or one short word such as "the" or "I"
///    shared by two rewritten sentences) is folded into the changes around it, by the rule of
///    Fraser's diff-match-patch `diff_cleanupSemantic`: an equality no longer than the edits
///    on either side of it is dissolved. Only chaff is: an equal stretch with two words, or
///    one word of four letters or more, is always kept, so an unchanged phrase between two
///    rewritten sentences keeps its place (and the codings on it).
/// 4. Each replaced run of tokens is diffed again by scalar (Myers again), and cleaned the
///    same way, so that a typo fix ("advise" → "advice", "bil" → "bill") changes only the
///    letters that changed.
/// 5. What the token alignment left for scalars to fix is removed: a change loses the
///    scalars its two sides begin or end with alike, and a few neighbouring changes are
///    joined into one when that trims at least as much as the equal text between them (a
///    repeated word aligned with the wrong copy splits one edit into several; an edit that
///    glued two words together).
/// 6. Each pure insertion or deletion is slid, where the text allows (it is bordered by
///    copies of its own ends), to the position whose edges fall best on line, sentence and
///    word boundaries (diff-match-patch's `diff_cleanupSemanticLossless` scoring).
///
/// ## Bounds
/// Myers' algorithm here keeps one row of furthest-reaching points per edit step, so a run
/// needing D edits costs O((N + M) · D) time and O(D²) memory. Each run is capped at
/// ``Limits/maxEditsPerPass`` edits (1,024 by default: at most about 4 MB). When a token run
/// needs more (a heavily rewritten text), it is split at tokens that occur exactly once in
/// each side, in the same order (the longest increasing chain of them, as in Bram Cohen's
/// patience diff), and the pieces between them are diffed the same way; a piece with no such
/// token is taken as one whole replacement. When a scalar refinement needs more, the token
/// run stays one whole replacement. Either way the result is still a correct diff (applying
/// it turns the old text into the new), only coarser than a minimal one, and
/// ``coarseRegions`` counts the places where that happened.
public struct TextDiff: Sendable, Hashable {
    /// One replacement: the scalars `old` of the old text became the scalars `new` of the
    /// new text. An empty `old` is an insertion, an empty `new` a deletion.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        public var old: Range<Int>
        public var new: Range<Int>

        public init(old: Range<Int>, new: Range<Int>) {
            self.old = old
            self.new = new
        }

        public var description: String { "\(old.lowerBound)..<\(old.upperBound) → \(new.lowerBound)..<\(new.upperBound)" }
    }

    /// Bounds on the work done for one text.
    public struct Limits: Sendable, Hashable {
        /// The most insertions plus deletions one Myers run may need before the run is split
        /// at unique tokens (token level) or kept whole (scalar level). Memory for one run is
        /// about 4 × (this + 1)² bytes.
        public var maxEditsPerPass: Int

        public init(maxEditsPerPass: Int = 1024) {
            self.maxEditsPerPass = max(1, maxEditsPerPass)
        }

        public static let standard = Limits()
    }

    /// The number of scalars in the old text.
    public let oldCount: Int
    /// The number of scalars in the new text.
    public let newCount: Int
    /// The changes, in text order; never adjacent, never both sides empty.
    public let changes: [Change]
    /// How many regions hit ``Limits/maxEditsPerPass`` and were diffed more coarsely (split
    /// at unique tokens, or kept as one replacement). Zero for ordinary corrections.
    public let coarseRegions: Int

    /// Diffs two texts (compared scalar by scalar; pass NFC text, as stored).
    public init(old: String, new: String, limits: Limits = .standard) {
        self.init(old: Array(old.unicodeScalars), new: Array(new.unicodeScalars), limits: limits)
    }

    /// Diffs two texts given as their scalars.
    public init(old: [Unicode.Scalar], new: [Unicode.Scalar], limits: Limits = .standard) {
        var builder = TextDiffBuilder(old: old, new: new, limits: limits)
        changes = builder.run()
        coarseRegions = builder.coarseRegions
        oldCount = old.count
        newCount = new.count
    }

    /// Whether the texts are equal.
    public var isIdentity: Bool { changes.isEmpty }

    /// The number of scalars deleted plus the number inserted.
    public var editCount: Int { changes.reduce(0) { $0 + $1.old.count + $1.new.count } }
}
