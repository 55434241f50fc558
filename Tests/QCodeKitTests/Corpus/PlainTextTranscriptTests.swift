import Foundation
import Testing
@testable import QCodeKit

@Suite("Plain-text transcripts: speaker labels")
struct PlainTextTranscriptTests {
    @Test func interviewerAndParticipantWithContinuationAndPreamble() throws {
        let m = CorpusTest.Marked("""
            Interview with P07
            Date: 2024-03-01

            Interviewer: ⟦How did it start?⟧

            P07: ⟦It started at school.
            I never felt safe there.⟧
            Interviewer: ⟦Why?⟧
            """)
        let doc = try CorpusTest.parse(m.text)
        CorpusTest.expectTurns(doc, m, speakers: ["Interviewer", "P07", "Interviewer"])
        #expect(doc.warnings.isEmpty)
    }

    @Test func shortLabelsIAndR() throws {
        let m = CorpusTest.Marked("I: ⟦Hello.⟧\nR: ⟦Hi there.⟧\n")
        CorpusTest.expectTurns(try CorpusTest.parse(m.text), m, speakers: ["I", "R"])
    }

    @Test func paddedSpeakerNumbers() throws {
        let m = CorpusTest.Marked("Speaker 1:          ⟦Thank you.⟧ \n\nSpeaker 12:   ⟦Alright, good.⟧")
        CorpusTest.expectTurns(try CorpusTest.parse(m.text), m, speakers: ["Speaker 1", "Speaker 12"])
    }

    @Test func titlesAreKnownLabels() throws {
        let m = CorpusTest.Marked("Dr Smith: ⟦Welcome.⟧\nMr. Tyeri: ⟦Thanks.⟧\nMrs Obi: ⟦Hello.⟧")
        CorpusTest.expectTurns(try CorpusTest.parse(m.text), m, speakers: ["Dr Smith", "Mr. Tyeri", "Mrs Obi"])
    }

    @Test func recurringLabelsWithLeadingSpaceAndUnderscore() throws {
        let m = CorpusTest.Marked(" Patient: ⟦It hurts.⟧\nGuest_family: ⟦Since Monday.⟧\n Patient: ⟦Yes.⟧\nGuest_family: ⟦Right.⟧")
        CorpusTest.expectTurns(try CorpusTest.parse(m.text), m, speakers: ["Patient", "Guest_family", "Patient", "Guest_family"])
    }

    @Test func spaceBeforeColonAndLowerCaseRoles() throws {
        let m = CorpusTest.Marked("Interviewer1 : ⟦Ready?⟧\ninterviewee: ⟦Yes.⟧\nInterviewer 2: ⟦Go.⟧")
        CorpusTest.expectTurns(try CorpusTest.parse(m.text), m, speakers: ["Interviewer1", "interviewee", "Interviewer 2"])
    }

    @Test func bracketLabels() throws {
        let m = CorpusTest.Marked("[id1] ⟦hello, I like the course.⟧\n\n[id2] ⟦I am struggling.⟧\n\n[id1] ⟦Me too.⟧\n")
        CorpusTest.expectTurns(try CorpusTest.parse(m.text), m, speakers: ["id1", "id2", "id1"])
    }

    @Test func markdownBoldLabelsAndHeadings() throws {
        let m = CorpusTest.Marked("""
            # Interview 3

            **Interviewer:** ⟦How was it?⟧

            **P1**: ⟦Fine, *mostly*.⟧

            ## Part 2

            __Interviewer:__ ⟦Next question.⟧
            """)
        let doc = try CorpusTest.parse(m.text, name: "i3.md")
        #expect(doc.format == .markdown)
        CorpusTest.expectTurns(doc, m, speakers: ["Interviewer", "P1", "Interviewer"])
    }

    @Test func labelAloneOnItsLine() throws {
        let m = CorpusTest.Marked("Interviewer:\n⟦What happened?⟧\n\nP2:\n⟦Nothing much.\nReally.⟧\n")
        CorpusTest.expectTurns(try CorpusTest.parse(m.text), m, speakers: ["Interviewer", "P2"])
    }

    @Test func otterStyleNameAndTimeLines() throws {
        let m = CorpusTest.Marked("""
            Jordan Lee   0:01
            ⟦Thanks for joining.⟧

            Alex Morgan   0:06
            ⟦Sure. I coordinate sale
            s to define the roadmap.⟧

            Jordan Lee  1:02:03
            ⟦Bye.⟧
            """)
        let doc = try CorpusTest.parse(m.text)
        CorpusTest.expectTurns(doc, m, speakers: ["Jordan Lee", "Alex Morgan", "Jordan Lee"])
        #expect(doc.turns.map(\.time) == [1, 6, 3723])
    }

    @Test func timestampsBeforeAndAfterLabels() throws {
        let m = CorpusTest.Marked("""
            [00:01:23] Interviewer: ⟦Hi.⟧
            P1 (00:01:30): ⟦Hello.⟧
            Interviewer: 00:02:00 ⟦OK.⟧
            0:05 P1: ⟦Yes.⟧
            (01:10) Interviewer: ⟦Then?⟧
            P1: [00:03:00.5] ⟦Then nothing.⟧
            """)
        let doc = try CorpusTest.parse(m.text)
        CorpusTest.expectTurns(doc, m, speakers: ["Interviewer", "P1", "Interviewer", "P1", "Interviewer", "P1"])
        #expect(doc.turns.map(\.time) == [83, 90, 120, 5, 70, 180.5])
    }

    @Test func colonsThatAreNotLabels() throws {
        let m = CorpusTest.Marked("""
            The problem is: nothing works.
            See http://example.com for more.
            We met at 10:30 today.
            Interviewer: ⟦Go on.
            The problem is: it breaks.⟧
            """)
        let doc = try CorpusTest.parse(m.text)
        CorpusTest.expectTurns(doc, m, speakers: ["Interviewer"])
    }

    @Test func revNotesAndWrappedTimestampsAreText() throws {
        let m = CorpusTest.Marked("""
            Max Bigman:         ⟦I was [inaudible 00:00:52] there.
            [crosstalk 00:12:03] yes.⟧

            admin-1:     ⟦Sure.⟧

            Max Bigman:         ⟦OK.⟧

            admin-1:     ⟦I am at [Pallis
            00:00:52] Unified School District.⟧
            """)
        CorpusTest.expectTurns(try CorpusTest.parse(m.text), m, speakers: ["Max Bigman", "admin-1", "Max Bigman", "admin-1"])
    }

    @Test func noLabelsMakesEachParagraphATurn() throws {
        let m = CorpusTest.Marked("⟦First paragraph here.\nStill the first.⟧\n\n⟦Second one.⟧\n")
        let doc = try CorpusTest.parse(m.text)
        CorpusTest.expectTurns(doc, m, speakers: [nil, nil])
        #expect(doc.warnings == ["no speaker labels found; each paragraph is a turn"])
    }

    @Test func customSpeakerPattern() throws {
        var options = ImportOptions()
        options.speakerPattern = "([A-Z]+) >"
        let m = CorpusTest.Marked("JOHN > ⟦hello there⟧\nMARY > ⟦hi⟧\nJOHN > ⟦bye⟧")
        CorpusTest.expectTurns(try CorpusTest.parse(m.text, options: options), m, speakers: ["JOHN", "MARY", "JOHN"])
    }

    @Test func invalidCustomPatternIsAnImportError() {
        var options = ImportOptions()
        options.speakerPattern = "(["
        CorpusTest.expectImportError("invalid speaker pattern '(['") { _ = try CorpusTest.parse("a: b", options: options) }
    }

    @Test func offsetsCountScalarsOfNFCText() throws {
        // The input has "e" + combining acute; the stored text has "é" (one scalar).
        let m = CorpusTest.Marked("Interviewer: ⟦Café 😀 is nice.⟧\nP1: ⟦Yes.⟧")
        let decomposed = m.text.replacingOccurrences(of: "é", with: "e\u{301}")
        #expect(decomposed.unicodeScalars.count == m.text.unicodeScalars.count + 1)
        let doc = try #require(try DocumentReader.parse(data: Data(decomposed.utf8), fileName: "nfc.txt").first)
        #expect(doc.text.unicodeScalars.contains("\u{E9}"))
        CorpusTest.expectTurns(doc, m, speakers: ["Interviewer", "P1"])
    }
}
