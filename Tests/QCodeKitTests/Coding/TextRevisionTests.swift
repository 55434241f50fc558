import Foundation
import Testing
@testable import QCodeKit

/// Moving spans (codings) from a text onto its corrected version. Spans are written as marks:
/// `expectMove("I ⟦never felt safe⟧", "We ⟦never felt safe⟧")` relocates each span of the first
/// text and expects exactly the spans marked in the second, in the same order; `lost` lists the
/// old text of the spans expected to be lost.
@Suite struct TextRevisionTests {
    private func expectMove(_ old: String, _ new: String, lost: [String] = [],
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let before = MarkedText(old), after = MarkedText(new)
        let revision = TextRevision(old: before.text, new: after.text)
        let moved = revision.relocate(before.spans) { $0 }
        #expect(moved.kept.map(\.new) == after.spans,
                "kept \(moved.kept.map { $0.new.slice(of: after.text) }), expected \(after.spanTexts)",
                sourceLocation: sourceLocation)
        #expect(moved.lost.map { $0.old.slice(of: before.text) } == lost, sourceLocation: sourceLocation)
        #expect(applying(revision.diff, old: Array(before.text.unicodeScalars), new: Array(after.text.unicodeScalars))
                == Array(after.text.unicodeScalars), "the diff does not rebuild the new text", sourceLocation: sourceLocation)
    }

    // MARK: - Typos

    @Test func theIssueExample() {
        expectMove("⟦the advise centre sorted my gas bil⟧", "⟦the advice centre sorted my gas bill⟧")
        expectMove("I went to ⟦the advise centre⟧ and they ⟦sorted my gas bil⟧.",
                   "I went to ⟦the advice centre⟧ and they ⟦sorted my gas bill⟧.")
        let revision = TextRevision(old: "the advise centre sorted my gas bil", new: "the advice centre sorted my gas bill")
        #expect(revision.diff.changes == [TextDiff.Change(old: 8..<9, new: 8..<9), TextDiff.Change(old: 35..<35, new: 35..<36)])
        #expect(revision.relocate(TextSpan(start: 4, end: 35)) == TextSpan(start: 4, end: 36))
    }

    @Test func typoFixedInsideASpan() {
        expectMove("I ⟦never recieved the leter⟧ at all", "I ⟦never received the letter⟧ at all")
        expectMove("⟦teh choir was grate⟧", "⟦the choir was great⟧")
    }

    @Test func wordChangedAtAnEdgeStaysInTheSpan() {
        expectMove("my gas ⟦bil⟧.", "my gas ⟦bill⟧.")
        expectMove("my gas ⟦bil⟧", "my gas ⟦bill⟧")
        expectMove("⟦teh cat⟧ sat", "⟦the cat⟧ sat")
        expectMove("the ⟦ill⟧ man", "the ⟦bill⟧ man")
        expectMove("⟦bil⟧ paid", "⟦Bill⟧ paid")
        expectMove("I ⟦recieve⟧ mail", "I ⟦receive⟧ mail")
        expectMove("he ⟦don⟧ go", "he ⟦don't⟧ go")
        expectMove("my ⟦gas bil⟧ was high", "my ⟦gas account⟧ was high")
        expectMove("⟦that.⟧ Then", "⟦that?⟧ Then")
    }

    @Test func aSpanDrawnInsideAWordIsNotWidened() {
        expectMove("the ⟦advi⟧se centre", "the ⟦advi⟧ce centre")
        expectMove("the ad⟦vise⟧ centre", "the ad⟦vice⟧ centre")
    }

    // MARK: - Insertions at and inside spans

    @Test func sentenceInsertedBeforeAfterAndInside() {
        expectMove("I was fine. ⟦I never felt safe there.⟧ Then I left.",
                   "I was fine. It was late. ⟦I never felt safe there.⟧ Then I left.")
        expectMove("I was fine. ⟦I never felt safe there.⟧ Then I left.",
                   "I was fine. ⟦I never felt safe there.⟧ It was dark. Then I left.")
        expectMove("I was fine. ⟦I never felt safe there. Then I left.⟧",
                   "I was fine. ⟦I never felt safe there. It was dark and cold. Then I left.⟧")
        expectMove("⟦Hello there.⟧", "A new start. ⟦Hello there.⟧ A new end.")
    }

    @Test func textInsertedAtAnEdgeStaysOutsideUnlessItContinuesTheWord() {
        expectMove("⟦safe⟧ there", "⟦safe⟧, really, there")
        expectMove("he said ⟦yes⟧", "he said, ⟦yes⟧")
        expectMove("I felt ⟦safe⟧", "I felt ⟦safest⟧ of all")
        expectMove("⟦I felt safe⟧ there", "⟦I felt safe⟧ and sound there")
        expectMove("I ⟦felt safe⟧", "I really ⟦felt safe⟧")
    }

    @Test func aReplacedEdgeTakesOnlyItsReplacement() {
        // "Coded" → "Loaded" next to an inserted sentence: the sentence stays outside.
        expectMove("X. ⟦Coded text⟧ here.", "X. Something quite new. ⟦Loaded text⟧ here.")
        expectMove("⟦Interviewer⟧: Hi", "⟦INT⟧: Hi")
    }

    // MARK: - Deletions

    @Test func sentenceDeletedLosesTheCodingInsideAndShrinksTheOneAcross() {
        expectMove("I came in. ⟦It was cold⟧ and wet. We ⟦sat down. They left⟧ early.",
                   "I came in. We ⟦sat down. They left⟧ early.", lost: ["It was cold"])
        expectMove("⟦I came in. It was⟧ cold. We sat.", "⟦I came in.⟧ We sat.")
        expectMove("We sat. It ⟦was cold. We left⟧ early.", "We sat. ⟦We left⟧ early.")
    }

    @Test func aWordDeletedAtAnEdgeLeavesNoSpaceBehind() {
        expectMove("I ⟦never felt safe⟧", "I ⟦felt safe⟧")
        expectMove("I ⟦felt safe today⟧ there", "I ⟦felt safe⟧ there")
    }

    @Test func aSpanWhoseTextIsGoneIsLost() {
        expectMove("a ⟦b⟧ c", "a c", lost: ["b"])
        expectMove("keep ⟦this⟧ and ⟦that⟧", "keep ⟦this⟧", lost: ["that"])
        // Only a space of it is left: lost, not an empty or blank span.
        expectMove("one ⟦two three⟧ four", "one four", lost: ["two three"])
        // Wholly replaced (no character kept) is lost too.
        expectMove("⟦I⟧ went", "We went", lost: ["I"])
        expectMove("The ⟦GP⟧ said so.", "The doctor said so.", lost: ["GP"])
        // A sentence rewritten around its full stop: its words are gone.
        expectMove("Yes. ⟦I was really scared then.⟧ No.", "Yes. Honestly it terrified me. No.",
                   lost: ["I was really scared then."])
        // Rewritten in part: it follows what is left, with the words that replaced its own.
        expectMove("Yes. ⟦I was really scared then.⟧ No.", "Yes. ⟦I was terrified then.⟧ No.")
        expectMove("Yes. I was ⟦really scared⟧ then. No.", "Yes. I was ⟦terrified⟧ then. No.")
        // A coding of punctuation alone needs only that kept.
        expectMove("Yes⟦!⟧ No.", "Yes⟦!⟧ Well no.")
    }

    @Test func repeatedWordsNearAnEditDoNotPullItIn() {
        expectMove("I was fine. ⟦I never felt safe there.⟧ Then I left.",
                   "I was fine. I never knew why. ⟦I never felt safe there.⟧ Then I left.")
        expectMove("I was fine. ⟦I never felt safe there.⟧ Then I left.",
                   "I was fine. ⟦I never felt safe there.⟧ I never felt safe anywhere. Then I left.")
        expectMove("It was ⟦the the⟧ best", "It was ⟦the⟧ best")
        expectMove("⟦um I I think⟧ yes", "⟦I think⟧ yes")
    }

    @Test func spellingAndPunctuationVariants() {
        expectMove("We went to the ⟦centre⟧ yesterday", "We went to the ⟦center⟧ yesterday")
        expectMove("⟦colour⟧ me", "⟦color⟧ me")
        expectMove("I ⟦can't⟧ go", "I ⟦cannot⟧ go")
        expectMove("He said ⟦\"no\"⟧.", "He said ⟦\u{201C}no\u{201D}⟧.")
        expectMove("it was ⟦good⟧", "it was ⟦good⟧.")
        expectMove("⟦I was fine. Then it went wrong.⟧", "⟦I was fine.\n\nThen it went wrong.⟧")
    }

    @Test func textWithoutSpacesIsDiffedByCharacter() {
        expectMove("我们⟦去了医院⟧。他说没有问题。", "我们昨天⟦去了医院⟧。医生说没有问题。")
        expectMove("我们去了医院。⟦他说没有问题⟧。", "我们去了医院。⟦医生说没有大问题⟧。")
    }

    // MARK: - Labels and white space

    @Test func speakerLabelsChange() {
        expectMove("Interviewer: ⟦How did you come?⟧\nP01: ⟦My GP sent me.⟧\nInterviewer: ⟦And then?⟧",
                   "INT: ⟦How did you come?⟧\nParticipant 1: ⟦My GP sent me.⟧\nINT: ⟦And then?⟧")
        expectMove("⟦Interviewer: How did you come?⟧\nP01: Yes.",
                   "⟦INT: How did you come?⟧\nP01: Yes.")
    }

    @Test func whitespaceOnlyChanges() {
        expectMove("I  ⟦never  felt⟧  safe", "I ⟦never felt⟧ safe")
        expectMove("⟦one\ntwo⟧ three", "⟦one two⟧ three")
        expectMove("⟦one two⟧\n\nthree", "⟦one two⟧\nthree")
        // A span that began with a space keeps the one that is left.
        expectMove("a⟦  b⟧", "a⟦ b⟧")
    }

    // MARK: - Unicode

    @Test func emojiAndOtherNonBMPCharactersCountAsOneScalar() {
        expectMove("😀 ⟦x y⟧ 👍", "😀😀 ⟦x y⟧ 👍")
        expectMove("⟦Zoë 👨‍👩‍👧 came⟧ home", "Yesterday ⟦Zoë 👨‍👩‍👧 came⟧ home")
        expectMove("𝒜 ⟦grand⟧ 𝒜", "𝒜𝒜 ⟦grand⟧ 𝒜𝒜")
    }

    @Test func anAddedModifierOrMarkJoinsTheSpansCharacter() {
        // A skin-tone modifier added after a span's last emoji: the span takes it.
        expectMove("⟦ok 👍⟧ fine", "⟦ok 👍🏽⟧ fine")
        // A combining mark added after a span's last letter.
        expectMove("the ⟦q⟧ sign", "the ⟦q\u{0303}⟧ sign")
        // NFC letters replaced by their accented forms.
        expectMove("⟦cafe⟧ au lait", "⟦café⟧ au lait")
        expectMove("⟦Zoe⟧ came", "⟦Zoë⟧ came")
        // Combining marks in the text before shift the span by scalars.
        expectMove("n\u{0303}\u{0301} ⟦x⟧", "n\u{0303}\u{0301}\u{0302} ⟦x⟧")
    }

    // MARK: - Edge cases

    @Test func identicalTextsMoveNothing() {
        let marked = MarkedText("⟦a⟧ ⟦b c⟧ d ⟦⟦e⟧ f⟧ 👍 ⟦g\nh⟧")
        let revision = TextRevision(old: marked.text, new: marked.text)
        #expect(revision.diff.isIdentity && revision.diff.changes.isEmpty && revision.diff.coarseRegions == 0)
        let moved = revision.relocate(marked.spans) { $0 }
        #expect(moved.lost.isEmpty)
        #expect(moved.kept.map(\.new) == marked.spans)
        #expect(moved.kept.map(\.old) == marked.spans)
        for offset in 0..<marked.text.unicodeScalars.count {
            #expect(revision.newOffset(ofOld: offset) == offset)
        }
    }

    @Test func emptyOldOrNewText() {
        let fromEmpty = TextRevision(old: "", new: "all new")
        #expect(fromEmpty.diff.changes == [TextDiff.Change(old: 0..<0, new: 0..<7)])
        #expect(fromEmpty.relocate(TextSpan(start: 0, end: 0)) == nil)
        let toEmpty = TextRevision(old: "all gone", new: "")
        #expect(toEmpty.diff.changes == [TextDiff.Change(old: 0..<8, new: 0..<0)])
        let moved = toEmpty.relocate([TextSpan(start: 0, end: 3), TextSpan(start: 4, end: 8)]) { $0 }
        #expect(moved.kept.isEmpty && moved.lost.count == 2)
        let bothEmpty = TextRevision(old: "", new: "")
        #expect(bothEmpty.diff.isIdentity)
    }

    @Test func emptyAndOutOfRangeSpansAreLost() {
        let revision = TextRevision(old: "one two", new: "one two three")
        #expect(revision.relocate(TextSpan(start: 2, end: 2)) == nil)
        #expect(revision.relocate(TextSpan(start: 5, end: 20)) == nil)
        #expect(revision.relocate(TextSpan(start: 0, end: 7)) == TextSpan(start: 0, end: 7))
    }

    @Test func newOffsetOfDeletedAndKeptCharacters() {
        let revision = TextRevision(old: "a bc d", new: "a d")
        #expect(revision.newOffset(ofOld: 0) == 0)
        #expect(revision.newOffset(ofOld: 2) == nil)
        #expect(revision.newOffset(ofOld: 5) == 2)
        #expect(revision.newOffset(ofOld: 6) == nil)
    }

    @Test func relocationKeepsItemsInOrder() {
        struct Coding: Equatable { var id: Int; var span: TextSpan }
        let marked = MarkedText("⟦one⟧ ⟦two⟧ ⟦three⟧ ⟦four⟧")
        let codings = marked.spans.enumerated().map { Coding(id: $0.offset, span: $0.element) }
        let moved = TextRevision(old: marked.text, new: "one three four five").relocate(codings) { $0.span }
        #expect(moved.kept.map(\.item.id) == [0, 2, 3])
        #expect(moved.lost.map(\.item.id) == [1])
        #expect(moved.lost[0].old == codings[1].span)
    }

    @Test func anUnchangedPhraseBetweenRewrittenSentencesKeepsItsCoding() {
        expectMove("Rewritten one here now. ⟦I was sad.⟧ Rewritten three here now.",
                   "Totally different words appear. ⟦I was sad.⟧ Completely other text follows.")
    }

    // MARK: - The diff itself

    @Test func diffChangesFallOnWordBoundariesWhereTheTextAllows() {
        let old = Array("the cat sat".unicodeScalars), new = Array("the cat cat sat".unicodeScalars)
        let diff = TextDiff(old: old, new: new)
        #expect(diff.changes.count == 1)
        let inserted = String(String.UnicodeScalarView(new[diff.changes[0].new]))
        #expect(diff.changes[0].old.isEmpty && (inserted == "cat " || inserted == " cat"))
        #expect(diff.editCount == 4)
    }

    @Test func aTinyCapStillGivesACorrectDiff() {
        let old = Array("I was fine. I never felt safe there. Then I left, and the choir helped.".unicodeScalars)
        let new = Array("We were fine. I never really felt safe here. Later I left; the choir sang.".unicodeScalars)
        for cap in [1, 2, 3, 8, 1024] {
            let diff = TextDiff(old: old, new: new, limits: TextDiff.Limits(maxEditsPerPass: cap))
            #expect(applying(diff, old: old, new: new) == new, "cap \(cap)")
            if cap <= 3 { #expect(diff.coarseRegions > 0, "cap \(cap)") }
            if cap == 1024 { #expect(diff.coarseRegions == 0) }
        }
    }

    // MARK: - Random edits (property test)

    /// Random transcripts with random codings, randomly edited (words inserted, deleted and
    /// replaced, typos, sentences added, line breaks, emoji): every kept span is inside the new
    /// text and not empty, the diff rebuilds the new text, and (unless a cap made the diff
    /// coarse, as the tiny cap of every fifth round does) a coding far from every edit still
    /// covers exactly the same text and is never lost.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomEditsKeepInvariants(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for round in 0..<25 {
            let old = RandomTranscript.make(words: 50 + Int(random.next(below: 400)), using: &random)
            let spans = RandomTranscript.spans(in: old, count: 30, using: &random)
            let (new, edits) = RandomTranscript.edit(old, count: 1 + Int(random.next(below: 12)), using: &random)
            let limits = round % 5 == 4 ? TextDiff.Limits(maxEditsPerPass: 4) : .standard
            let revision = TextRevision(old: old, new: new, limits: limits)
            #expect(applying(revision.diff, old: old, new: new) == new, "seed \(seed) round \(round)")
            let moved = revision.relocate(spans) { $0 }
            #expect(moved.kept.count + moved.lost.count == spans.count)
            for kept in moved.kept {
                #expect(kept.new.start >= 0 && kept.new.start < kept.new.end && kept.new.end <= new.count)
            }
            // With the tiny cap the diff is coarse by design (whole replacements): only the
            // invariants above hold there.
            guard revision.diff.coarseRegions == 0 else { continue }
            for kept in moved.kept where RandomTranscript.isUntouched(kept.old, by: edits, margin: 3)
                && RandomTranscript.isSubstantial(old[kept.old.start..<kept.old.end]) {
                #expect(String(String.UnicodeScalarView(new[kept.new.start..<kept.new.end]))
                        == String(String.UnicodeScalarView(old[kept.old.start..<kept.old.end])),
                        "seed \(seed) round \(round): \(kept.old) → \(kept.new)")
            }
            for lost in moved.lost where RandomTranscript.isUntouched(lost.old, by: edits, margin: 3) {
                #expect(!RandomTranscript.isSubstantial(old[lost.old.start..<lost.old.end]),
                        "seed \(seed) round \(round): untouched \(lost.old) lost")
            }
        }
    }

    // MARK: - Size

    /// A 200,000-character transcript with 50 edits (typos, words and sentences inserted and
    /// deleted): the diff is found by tokens without hitting the cap, and 10,000 codings move.
    /// (Timed separately in release; this checks the result, not the time.)
    @Test func largeTranscriptWithFewEdits() {
        var random = SplitMix64(seed: 42)
        var old = RandomTranscript.make(words: 40_000, using: &random)
        old = Array(old.prefix(200_000))
        let (new, edits) = RandomTranscript.edit(old, count: 50, using: &random)
        let spans = RandomTranscript.spans(in: old, count: 10_000, using: &random)
        let revision = TextRevision(old: old, new: new)
        #expect(applying(revision.diff, old: old, new: new) == new)
        let moved = revision.relocate(spans) { $0 }
        #expect(moved.kept.count + moved.lost.count == 10_000)
        var untouched = 0
        for kept in moved.kept where RandomTranscript.isUntouched(kept.old, by: edits, margin: 3) {
            untouched += 1
            #expect(new[kept.new.start..<kept.new.end] == old[kept.old.start..<kept.old.end])
        }
        #expect(untouched > 9_000)
    }

    /// A wholly rewritten text: the caps keep the work bounded and the diff still correct.
    @Test func heavilyRewrittenTextFallsBackGracefully() {
        var random = SplitMix64(seed: 7)
        let old = RandomTranscript.make(words: 6_000, using: &random)
        let new = RandomTranscript.make(words: 6_000, using: &random)
        let diff = TextDiff(old: old, new: new, limits: TextDiff.Limits(maxEditsPerPass: 256))
        #expect(diff.coarseRegions > 0)
        #expect(applying(diff, old: old, new: new) == new)
    }
}

/// Random transcript-like texts, codings and edits for the property tests.
enum RandomTranscript {
    static let words = ["I", "the", "a", "was", "never", "felt", "safe", "there", "and", "choir", "GP", "money",
                        "council", "tax", "helped", "lonely", "after", "my", "wife", "died", "we", "sang",
                        "every", "Tuesday", "it", "changed", "that", "advice", "centre", "bill", "gas", "don't",
                        "café", "Zoë", "naïve", "q\u{0303}", "👍", "👍🏽", "😀", "𝒜", "über", "straße", "東京", "you"]
    static let punctuation = [".", ",", "?", "!", ":"]

    static func make(words count: Int, using random: inout SplitMix64) -> [Unicode.Scalar] {
        var text: [Unicode.Scalar] = []
        for i in 0..<count {
            if i > 0 {
                let r = random.next(below: 40)
                if r == 0 { text += "\n".unicodeScalars } else if r == 1 { text += ". ".unicodeScalars }
                else if r == 2 { text += ", ".unicodeScalars } else if r == 3 { text += "\nP01: ".unicodeScalars }
                else { text.append(" ") }
            }
            text += words[Int(random.next(below: UInt64(words.count)))].unicodeScalars
        }
        return text
    }

    /// Random spans, mostly from a word start to a word end, some anywhere.
    static func spans(in text: [Unicode.Scalar], count: Int, using random: inout SplitMix64) -> [TextSpan] {
        let starts = text.indices.filter { $0 == 0 || text[$0 - 1] == " " }
        let ends = text.indices.filter { $0 + 1 == text.count || text[$0 + 1] == " " }.map { $0 + 1 }
        var spans: [TextSpan] = []
        while spans.count < count {
            let start: Int, end: Int
            if random.next(below: 5) == 0 {
                start = Int(random.next(below: UInt64(text.count - 1)))
                end = start + 1 + Int(random.next(below: UInt64(min(80, text.count - start))))
            } else {
                start = starts[Int(random.next(below: UInt64(starts.count)))]
                // The word ends within 120 scalars after start (ends is sorted).
                let first = firstIndex(in: ends) { $0 > start }
                let last = firstIndex(in: ends) { $0 > start + 120 }
                guard first < last else { continue }
                end = ends[first + Int(random.next(below: UInt64(last - first)))]
            }
            spans.append(TextSpan(start: start, end: min(end, text.count)))
        }
        return spans
    }

    /// The first index of a sorted array whose element satisfies `isAfter` (all later ones do too).
    private static func firstIndex(in sorted: [Int], where isAfter: (Int) -> Bool) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isAfter(sorted[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// One edit of the old text: `old` replaced by `text` (either may be empty).
    struct Edit {
        var old: Range<Int>
        var text: [Unicode.Scalar]
    }

    /// Applies `count` random non-overlapping edits; returns the new text and the edits.
    static func edit(_ text: [Unicode.Scalar], count: Int, using random: inout SplitMix64) -> ([Unicode.Scalar], [Edit]) {
        var edits: [Edit] = []
        var attempts = 0
        while edits.count < count && attempts < count * 20 {
            attempts += 1
            let at = Int(random.next(below: UInt64(text.count)))
            let edit: Edit
            switch random.next(below: 6) {
            case 0:  // typo: one letter replaced, inserted or deleted
                let length = random.next(below: 2) == 0 ? 1 : 0
                let letter = Unicode.Scalar(UInt8(97 + random.next(below: 26)))
                edit = Edit(old: at..<min(text.count, at + length), text: random.next(below: 3) == 0 ? [] : [letter])
            case 1:  // a sentence inserted
                edit = Edit(old: at..<at, text: Array((make(words: 3 + Int(random.next(below: 10)), using: &random) + ". ".unicodeScalars)))
            case 2:  // a stretch deleted
                edit = Edit(old: at..<min(text.count, at + 1 + Int(random.next(below: 60))), text: [])
            case 3:  // a stretch rewritten
                edit = Edit(old: at..<min(text.count, at + 1 + Int(random.next(below: 40))),
                            text: make(words: 1 + Int(random.next(below: 6)), using: &random))
            case 4:  // a line break made a space or the reverse
                edit = Edit(old: at..<at + 1, text: text[at] == "\n" ? [" "] : text[at] == " " ? ["\n"] : [text[at]])
            default:  // an emoji or a word inserted
                edit = Edit(old: at..<at, text: Array((random.next(below: 2) == 0 ? "😀 " : " extra").unicodeScalars))
            }
            // Keep edits apart, so each stays a separate change in the new text.
            if edits.contains(where: { $0.old.lowerBound <= edit.old.upperBound + 2 && edit.old.lowerBound <= $0.old.upperBound + 2 }) { continue }
            edits.append(edit)
        }
        edits.sort { $0.old.lowerBound < $1.old.lowerBound }
        var result: [Unicode.Scalar] = []
        var position = 0
        for edit in edits {
            result += text[position..<edit.old.lowerBound]
            result += edit.text
            position = edit.old.upperBound
        }
        result += text[position...]
        return (result, edits)
    }

    /// Whether no edit comes within `margin` scalars of the span.
    static func isUntouched(_ span: TextSpan, by edits: [Edit], margin: Int) -> Bool {
        !edits.contains { $0.old.lowerBound <= span.end + margin && span.start - margin <= $0.old.upperBound }
    }

    /// Whether a stretch holds two words, or a word of four letters or more (text that the
    /// diff's cleanup never folds into the changes around it).
    static func isSubstantial(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        var words = 0, longest = 0, run = 0
        for scalar in scalars {
            if TextClass.isWord(scalar) {
                if run == 0 { words += 1 }
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        return words >= 2 || longest >= 4
    }
}
