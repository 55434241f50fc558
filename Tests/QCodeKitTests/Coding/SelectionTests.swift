import Foundation
import Testing
@testable import QCodeKit

@Suite struct SelectionTests {
    private func document() throws -> (Project, StoredDocument) {
        let project = try TestProject.withTranscript(sampleInterview)
        return (project, try project.document("interview"))
    }

    private func texts(_ document: StoredDocument, _ selection: Selection) throws -> [String] {
        let text = document.scalars
        return try document.spans(for: selection).map { text.slice($0.start, $0.end) }
    }

    @Test func turnsAreTheUtterancesWithoutLabels() throws {
        let (_, doc) = try document()
        #expect(try texts(doc, Selection(.turns(2...2))) == ["My GP sent me. I was lonely after my wife died. The choir changed that."])
        #expect(try texts(doc, Selection(.turns(3...4))).count == 2)
    }

    @Test func speakerAloneSelectsAllTheirTurns() throws {
        let (_, doc) = try document()
        #expect(try texts(doc, Selection(.allTurns, speaker: "p01")) == [
            "My GP sent me. I was lonely after my wife died. The choir changed that.",
            "Money is tight. The link worker helped with the council tax.",
        ])
    }

    @Test func matchWidensToSentenceOrTurn() throws {
        let (_, doc) = try document()
        #expect(try texts(doc, Selection(.match(pattern: "lonel\\w*", ignoreCase: false, scope: .match))) == ["lonely"])
        #expect(try texts(doc, Selection(.match(pattern: "LONELY", ignoreCase: true, scope: .sentence))) == ["I was lonely after my wife died."])
        #expect(try texts(doc, Selection(.match(pattern: "money", ignoreCase: true, scope: .turn))) == [
            "What about money?", "Money is tight. The link worker helped with the council tax.",
        ])
        #expect(try texts(doc, Selection(.match(pattern: "money", ignoreCase: true, scope: .turn), speaker: "P01")) == [
            "Money is tight. The link worker helped with the council tax.",
        ])
    }

    @Test func quoteMustBeUnique() throws {
        let (_, doc) = try document()
        #expect(try texts(doc, Selection(.quote("The choir changed that."))) == ["The choir changed that."])
        #expect(throws: SelectionError.quoteNotUnique("The", count: 2, document: "interview")) {
            try doc.spans(for: Selection(.quote("The")))
        }
        #expect(throws: SelectionError.quoteNotFound("banana", document: "interview")) {
            try doc.spans(for: Selection(.quote("banana")))
        }
    }

    @Test func outOfRangeAndBadRangesAreErrors() throws {
        let (_, doc) = try document()
        #expect(throws: SelectionError.outOfRange(kind: "turn", requested: 4...9, available: 4, document: "interview")) {
            try doc.spans(for: Selection(.turns(4...9)))
        }
        #expect(throws: SelectionError.self) { try doc.spans(for: Selection(.characters(start: 5, end: 5))) }
        #expect(throws: SelectionError.badPattern("(")) {
            try doc.spans(for: Selection(.match(pattern: "(", ignoreCase: false, scope: .match)))
        }
        #expect(throws: SelectionError.self) { try doc.spans(for: Selection(.allTurns, speaker: "nobody")) }
    }

    @Test func regexOffsetsAreScalarOffsetsEvenAfterAstralCharacters() throws {
        let project = try TestProject.withTranscript("Interviewer: 🙂 café?\nP01: Yes 🙂 café is nice.\nInterviewer: ok\nP01: ok\n", name: "emoji.txt")
        let doc = try project.document("emoji")
        let spans = try doc.spans(for: Selection(.match(pattern: "café", ignoreCase: false, scope: .match)))
        let scalars = Array(doc.text.unicodeScalars)
        #expect(spans.count == 2)
        for span in spans {
            #expect(String(String.UnicodeScalarView(scalars[span.start..<span.end])) == "café")
        }
        #expect(spans[0].start == 15)  // "Interviewer: " is 13, then 🙂 (one scalar) and a space
    }

    @Test func linesAndParagraphsStopAtTurnBoundaries() throws {
        let (_, doc) = try document()
        // The label is not part of anyone's words.
        #expect(try texts(doc, Selection(.lines(3...3))) == ["What about money?"])
        #expect(try texts(doc, Selection(.lines(3...4))) == [
            "What about money?", "Money is tight. The link worker helped with the council tax.",
        ])
    }

    /// A paragraph that runs across a speaker label (issue 14) is split per turn, so every
    /// coding belongs to one speaker, and the label is left out.
    @Test func aParagraphAcrossALabelIsSplitPerTurn() throws {
        let text = """
            Notes taken on the day.

            Tom: I will start.
            The walking group helped.
            Jean: Can I just say, the choir did too.
            Facilitator:
            Thanks.
            Tom: One more thing.
            Jean: Yes.
            Facilitator: Good.
            """
        let project = try TestProject.withTranscript(text, name: "fg.txt")
        let doc = try project.document("fg")
        let paragraphs = try doc.spans(for: Selection(.paragraphs(1...doc.paragraphs.count)))
        for span in paragraphs where span.start > 0 {
            #expect(doc.turns.contains { $0.span.start <= span.start && span.end <= $0.span.end },
                    "\(doc.scalars.slice(span.start, span.end))")
        }
        #expect(try texts(doc, Selection(.paragraphs(1...1))) == ["Notes taken on the day."])
        // The label alone on its line is no one's words: lines 6-7 give only "Thanks.".
        #expect(try texts(doc, Selection(.lines(6...7))) == ["Thanks."])
        #expect(try texts(doc, Selection(.lines(4...5), speaker: "Jean")) == ["Can I just say, the choir did too."])
        #expect(try texts(doc, Selection(.match(pattern: "walking", ignoreCase: false, scope: .paragraph)))
                == ["I will start.\nThe walking group helped."])
        #expect(try doc.spans(for: Selection(.lines(6...6))).isEmpty)
    }

    @Test func splitAtTurnsIsPure() {
        let turns = [TextSpan(start: 5, end: 10), TextSpan(start: 15, end: 20), TextSpan(start: 25, end: 30)]
        #expect(StoredDocument.split([TextSpan(start: 0, end: 30)], atTurns: turns) == turns)
        #expect(StoredDocument.split([TextSpan(start: 0, end: 3)], atTurns: turns) == [TextSpan(start: 0, end: 3)])
        #expect(StoredDocument.split([TextSpan(start: 11, end: 14)], atTurns: turns).isEmpty)
        #expect(StoredDocument.split([TextSpan(start: 31, end: 33)], atTurns: turns) == [TextSpan(start: 31, end: 33)])
        #expect(StoredDocument.split([TextSpan(start: 8, end: 17)], atTurns: turns)
                == [TextSpan(start: 8, end: 10), TextSpan(start: 15, end: 17)])
        #expect(StoredDocument.split([TextSpan(start: 0, end: 4)], atTurns: []) == [TextSpan(start: 0, end: 4)])
    }
}
