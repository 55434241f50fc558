import Foundation
import Testing

@testable import QCodeKit

/// The joint display's counting and quote choice from plain values, without a project.
@Suite struct JointDisplayBuilderTests {
    /// Rows: theme `t` and its child `t/c`. Cases: P1, P2 (group 10), P3 (group 9), P4 (no
    /// value), P5 (group 10, never coded by the coder: every cell missing).
    private func builder(quotes: Int = 2, length: Int = 200) -> JointDisplayBuilder {
        var builder = JointDisplayBuilder(codes: [.init(path: "t", label: "Theme"), .init(path: "t/c", label: nil)],
                                          quotes: quotes, quoteLength: length)
        builder.addCase("P1", value: "10", presence: [1, 1])
        builder.addCase("P2", value: "10", presence: [1, 0])
        builder.addCase("P3", value: "9", presence: [0, 0])
        builder.addCase("P4", value: nil, presence: [1, nil])
        builder.addCase("P5", value: "10", presence: [nil, nil])
        return builder
    }

    @Test func countsCasesWithTheCodeAmongCodedCasesOnly() throws {
        let display = builder().display()
        #expect(display.values == ["9", "10", "(missing)"])
        #expect(display.codes.map(\.path) == ["t", "t/c"])
        let counts = display.cells.map { [$0.code, $0.value, "\($0.cases)", "\($0.codedCases)", $0.percent.map { "\($0)" } ?? "null"] }
        #expect(counts == [
            ["t", "9", "0", "1", "0.0"], ["t", "10", "2", "2", "100.0"], ["t", "(missing)", "1", "1", "100.0"],
            ["t/c", "9", "0", "1", "0.0"], ["t/c", "10", "1", "2", "50.0"], ["t/c", "(missing)", "0", "0", "null"],
        ])
        #expect(display.cell(1, 1).summary == "1/2 (50%)")
        #expect(display.cell(1, 2).summary == "0/0")
    }

    @Test func quotesGoToTheirCodeAndAncestorsInTheirCasesGroup() throws {
        var builder = builder()
        builder.addQuote(case: "P1", document: "P1_int", speaker: nil, code: "t/c", text: "child quote")
        builder.addQuote(case: "P4", document: "P4_int", speaker: nil, code: "t", text: "theme quote")
        builder.addQuote(case: "P9", document: "P9_int", speaker: nil, code: "t", text: "unknown case")
        builder.addQuote(case: nil, document: "loose", speaker: nil, code: "t", text: "no case")
        builder.addQuote(case: "P1", document: "P1_int", speaker: nil, code: "other", text: "other code")
        let display = builder.display()
        #expect(display.cell(0, 1).quotes.map(\.text) == ["child quote"])
        #expect(display.cell(1, 1).quotes.map(\.text) == ["child quote"])
        #expect(display.cell(0, 2).quotes.map(\.text) == ["theme quote"])
        #expect(display.cell(1, 2).quotes.isEmpty)
        #expect(display.cells.flatMap(\.quotes).count == 3)
    }

    @Test func picksOneQuotePerParticipantFirstShortestFirst() throws {
        var builder = builder(quotes: 3)
        builder.addQuote(case: "P1", document: "P1_int", speaker: nil, code: "t", text: "a bit longer one")
        builder.addQuote(case: "P1", document: "P1_int", speaker: nil, code: "t", text: "short")
        builder.addQuote(case: "P1", document: "P1_int", speaker: nil, code: "t", text: "tiny")
        builder.addQuote(case: "P2", document: "P2_int", speaker: nil, code: "t", text: "the longest quote of all")
        builder.addQuote(case: "P2", document: "P2_int", speaker: nil, code: "t", text: "same!")
        let quotes = builder.display().cell(0, 1).quotes
        // P1's "tiny" and P2's "same!" (5, ties "short" but P2 is new) first, then the shortest left.
        #expect(quotes.map(\.text) == ["tiny", "same!", "short"])
        #expect(quotes.map(\.case) == ["P1", "P2", "P1"])
    }

    @Test func tiesKeepTextOrderAndNoQuotesWhenZero() throws {
        var builder = builder(quotes: 1)
        builder.addQuote(case: "P2", document: "P2_int", speaker: nil, code: "t", text: "first")
        builder.addQuote(case: "P1", document: "P1_int", speaker: nil, code: "t", text: "later")
        #expect(builder.display().cell(0, 1).quotes.map(\.case) == ["P2"])
        var none = self.builder(quotes: 0)
        none.addQuote(case: "P1", document: "P1_int", speaker: nil, code: "t", text: "x")
        #expect(none.display().cells.allSatisfy { $0.quotes.isEmpty })
    }

    @Test func longQuotesAreCutAtAWordWithAnEllipsis() {
        #expect(JointQuotePicker.shortened("one two  three\nfour", to: 100) == "one two three four")
        #expect(JointQuotePicker.shortened("alpha beta gamma delta epsilon", to: 20) == "alpha beta gamma…")
        #expect(JointQuotePicker.shortened("abcdefghijklmnopqrstuvwxyz", to: 10) == "abcdefghi…")
        #expect(JointQuotePicker.shortened("alpha beta gamma delta epsilon", to: 20).count <= 20)
    }

    @Test func attributionNamesTheSpeakerInAFocusGroup() throws {
        #expect(JointQuote(case: "FG01", document: "FG01_fg", speaker: "LW02", text: "").attribution == "FG01, speaker LW02")
        #expect(JointQuote(case: nil, document: "loose", speaker: nil, text: "").attribution == "loose")
    }

    @Test func jsonHasExactlyTheDocumentedKeys() throws {
        var builder = builder(quotes: 1)
        builder.addQuote(case: "P4", document: "P4_int", speaker: "Ann", code: "t", text: "hi")
        let json = try builder.display().json()
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.count == 6)
        #expect(rows.allSatisfy { Set($0.keys) == ["code", "value", "cases", "coded_cases", "percent", "quotes"] })
        #expect(rows[5]["percent"] is NSNull)
        let quote = try #require((rows[2]["quotes"] as? [[String: Any]])?.first)
        #expect(Set(quote.keys) == ["case", "document", "speaker", "text"])
        #expect(quote["speaker"] as? String == "Ann")
        let noSpeaker = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(
            JointQuote(case: "P1", document: "d", speaker: nil, text: "x"))) as? [String: Any])
        #expect(noSpeaker["speaker"] is NSNull)
    }

    @Test func renderingsEscapeProjectText() throws {
        var builder = JointDisplayBuilder(codes: [.init(path: "a|b", label: "<b>bold</b>")], quotes: 1)
        builder.addCase("P&1", value: "<script>", presence: [1])
        builder.addQuote(case: "P&1", document: "d", speaker: nil, code: "a|b", text: "x < y | \"z\"")
        let display = builder.display()
        let html = display.htmlPage(title: "T <i>")
        #expect(!html.contains("<script>") && !html.contains("<b>bold") && !html.contains("<i>"))
        #expect(html.contains("&lt;script&gt;") && html.contains("“x &lt; y | &quot;z&quot;”") && html.contains("— P&amp;1"))
        let markdown = display.markdown(title: "T")
        #expect(markdown.contains("| \\<b\\>bold\\</b\\> (a\\|b) | **1/1 (100%)**<br>“x \\< y \\| \"z\"” — P&1 |"))
        let csv = try display.rendered(.csv, title: "T")
        #expect(csv.hasPrefix("code,label,<script>: cases,<script>: coded cases,<script>: percent,<script>: quotes\r\n"))
        #expect(csv.contains("a|b,<b>bold</b>,1,1,100,"))
    }
}
