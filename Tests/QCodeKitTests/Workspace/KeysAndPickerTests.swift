import Testing
@testable import QCodeKit

@Suite struct KeysAndPickerTests {
    @Test func decodesKeysArrivingTogether() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(Array("j\u{1B}[Bq".utf8)) == [.character("j"), .down, .character("q")])
        #expect(decoder.feed([0x12, 0x0D, 0x7F, 0x1B]) == [.control("r"), .enter, .backspace, .escape])
        #expect(decoder.feed(Array("\u{1B}[5~\u{1B}[6~\u{1B}[1;2B\u{1B}OA".utf8)) == [.pageUp, .pageDown, .shiftDown, .up])
    }

    @Test func keepsAUTF8CharacterSplitAcrossReads() {
        var decoder = KeyDecoder()
        let bytes = Array("日".utf8)
        #expect(decoder.feed(Array(bytes.prefix(2))).isEmpty)
        #expect(decoder.feed(Array(bytes.suffix(1)) + [UInt8(ascii: "x")]) == [.character("日"), .character("x")])
    }

    private let codes = [
        FlatCode(id: "sc", name: "social-cure", path: "social-cure", label: "Social cure processes"),
        FlatCode(id: "li", parentID: "sc", name: "loneliness-isolation", path: "social-cure/loneliness-isolation",
                 depth: 1, label: "Loneliness and isolation", keywords: ["alone", "isolated"]),
        FlatCode(id: "gm", parentID: "sc", name: "group-membership", path: "social-cure/group-membership", depth: 1),
        FlatCode(id: "lw", name: "link-worker", path: "link-worker", label: "The link worker relationship"),
    ]

    @Test func filtersByPathNameLabelAndKeywordsRankingNameMatchesFirst() {
        #expect(CodeFilter.rank(codes, query: "").map(\.id) == ["sc", "li", "gm", "lw"])
        #expect(CodeFilter.rank(codes, query: "lonel").map(\.id) == ["li"])
        #expect(CodeFilter.rank(codes, query: "alone").map(\.id) == ["li"])  // keyword
        #expect(CodeFilter.rank(codes, query: "relationship").map(\.id) == ["lw"])  // label
        #expect(CodeFilter.rank(codes, query: "social").first?.id == "sc")  // name before paths under it
        #expect(CodeFilter.rank(codes, query: "social group").map(\.id) == ["gm"])  // every word must match
        #expect(CodeFilter.rank(codes, query: "group_membership").map(\.id) == ["gm"])
        #expect(CodeFilter.rank(codes, query: "zzz").isEmpty)
    }

    @Test func pickerOffersToCreateACodeWhenTheQueryIsNew() {
        var picker = CodePicker(codes: codes)
        for character in "lonel" { picker.type(character) }
        #expect(picker.current == .code(codes[1]))
        #expect(picker.choices.last == .create("lonel"))
        picker.move(by: 5)
        #expect(picker.current == .create("lonel"))
        for _ in 0..<5 { picker.deleteBackward() }
        for character in "link-worker" { picker.type(character) }
        #expect(picker.choices == [.code(codes[3])])  // exact path: no create row
    }

    @Test func selectionRangesSentencesAndWords() {
        let text = "One two. Three four five."
        let scalars = Array(text.unicodeScalars)
        let unit = WorkspaceUnit(number: 1, span: TextSpan(start: 0, end: scalars.count))
        let units = [unit, WorkspaceUnit(number: 2, span: TextSpan(start: 0, end: 3)),
                     WorkspaceUnit(number: 3, span: TextSpan(start: 4, end: 7))]
        var selection = WorkspaceSelection()
        selection.extend(by: 1, count: 3)
        selection.extend(by: 1, count: 3)
        #expect(selection.turns == 0...2)
        #expect(selection.spans(in: units).count == 3)
        selection.extend(by: 5, count: 3)
        #expect(selection.cursor == 2)
        selection.move(to: 0, count: 3)
        let sentences = unit.sentences(from: [TextSpan(start: 0, end: 8), TextSpan(start: 9, end: 25)])
        selection.cycleSentence(sentences)
        #expect(selection.part == TextSpan(start: 0, end: 8))
        selection.cycleSentence(sentences)
        #expect(selection.part == TextSpan(start: 9, end: 25))
        selection.cycleSentence(sentences)
        #expect(selection.part == TextSpan(start: 0, end: 8))
        let words = unit.words(in: scalars)
        #expect(words.count == 5)
        selection.words(words, move: 1)
        #expect(selection.part == TextSpan(start: 0, end: 3))
        selection.words(words, move: 1)
        selection.words(words, grow: 1)
        #expect(selection.partKind == .words(first: 1, last: 2))
        #expect(selection.part.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) } == "two. Three")
        selection.words(words, grow: -5)
        #expect(selection.partKind == .words(first: 1, last: 1))
        #expect(selection.spans(in: units) == [TextSpan(start: 4, end: 8)])
    }
}
