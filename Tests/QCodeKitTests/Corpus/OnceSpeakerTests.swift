import Foundation
import Testing
@testable import QCodeKit

/// Speaker detection looks at the whole file: in a file whose paragraphs start with labels,
/// a `Name:` label that starts a paragraph is a speaker even if it occurs only once.
@Suite struct OnceSpeakerTests {
    static let focusGroup = """
        Facilitator: Welcome, everyone. Who wants to start?

        Tom: I will. The walking group got me out of the house.

        Facilitator: Thank you, Tom. Anyone else?

        Tom: And the tea afterwards, that matters too.

        Jean: Can I just say, the choir did the same for me.

        Facilitator: Thank you, Jean.
        """

    @Test func aMemberWhoSpeaksOnceIsASpeaker() throws {
        let doc = try CorpusTest.parse(Self.focusGroup)
        #expect(doc.turns.map { $0.speaker ?? "-" } == ["Facilitator", "Tom", "Facilitator", "Tom", "Jean", "Facilitator"])
        let jean = try #require(doc.turns.first { $0.speaker == "Jean" })
        #expect(ScalarText(doc.text).slice(jean.span.start, jean.span.end).hasPrefix("Can I just say"))
    }

    @Test func aColonInsideProseIsNotASpeakerWhereLabelsAreNotTheForm() throws {
        let prose = """
            We met at the centre. Note: the room was cold.

            Afterwards we talked about money.

            Reason: the bus was late.
            """
        let doc = try CorpusTest.parse(prose)
        #expect(doc.turns.allSatisfy { $0.speaker == nil })
    }

    @Test func perLineFilesToo() throws {
        let text = "Interviewer: How are you?\nP01: Fine.\nInterviewer: And the group?\nMaria: Sorry, can I come in here?\nP01: Yes, go on.\n"
        let doc = try CorpusTest.parse(text)
        #expect(doc.turns.map { $0.speaker ?? "-" } == ["Interviewer", "P01", "Interviewer", "Maria", "P01"])
    }
}
