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

    @Test func linesAndParagraphs() throws {
        let (_, doc) = try document()
        #expect(try texts(doc, Selection(.lines(3...3))) == ["Interviewer: What about money?"])
    }
}
