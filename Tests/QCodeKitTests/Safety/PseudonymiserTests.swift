import Foundation
import Testing
@testable import QCodeKit

@Suite("Pseudonymiser")
struct PseudonymiserTests {
    @Test func wordBoundariesAndLongestFirst() throws {
        let p = try Pseudonymiser([("Anna", "P2"), ("Anna Berg", "Participant 1")])
        let r = p.apply(to: "Anna Berg met Annabel, Anna and JoAnna.")
        #expect(r.text == "Participant 1 met Annabel, P2 and JoAnna.")
        #expect(r.matches.map(\.span) == [TextSpan(start: 0, end: 9), TextSpan(start: 23, end: 27)])
    }

    @Test func caseSensitiveUnlessAsked() throws {
        #expect(try Pseudonymiser([("Sam", "Kim")]).apply(to: "Sam and sam").text == "Kim and sam")
        #expect(try Pseudonymiser([("Sam", "Kim")], ignoreCase: true).apply(to: "Sam and SAM").text == "Kim and Kim")
    }

    @Test func accentedNamesAndNonLatinNeighbours() throws {
        let p = try Pseudonymiser([("Zoë", "Ada")])
        #expect(p.apply(to: "Zoë, Zoëy and «Zoë»").text == "Ada, Zoëy and «Ada»")
    }

    @Test func offsetMap() throws {
        let p = try Pseudonymiser([("Anna Berg", "Participant 1"), ("Anna", "P2")])
        let r = p.apply(to: "Anna Berg met Annabel and Anna.")
        #expect(r.map.start(14) == 18)  // "Annabel" moved right by 4
        #expect(r.map.start(0) == 0 && r.map.end(9) == 13)
        #expect(r.map.start(2) == 0 && r.map.end(2) == 13)  // inside a name: grows to the pseudonym
        #expect(r.map.start(26) == 30 && r.map.end(30) == 32)
        #expect(r.map.end(31) == 33)
    }

    @Test func refusesBadMaps() {
        #expect(throws: PseudonymiseError.emptyPseudonym("Anna")) { try Pseudonymiser([("Anna", " ")]) }
        #expect(throws: PseudonymiseError.conflicting("Anna", "A", "B")) { try Pseudonymiser([("Anna", "A"), ("Anna", "B")]) }
        #expect(throws: PseudonymiseError.emptyName) { try Pseudonymiser([("", "A")]) }
    }

    @Test func readsNameMaps() throws {
        let withHeader = try Project.readNameMap(csv: "name,pseudonym\n\"Berg, Anna\",P1\nSam,P2\n", file: "m.csv")
        #expect(withHeader.map(\.name) == ["Berg, Anna", "Sam"])
        let bare = try Project.readNameMap(csv: "Anna,P1\nSam,P2\n", file: "m.csv")
        #expect(bare.map(\.pseudonym) == ["P1", "P2"])
        #expect(throws: PseudonymiseError.self) { try Project.readNameMap(csv: "name,pseudonym\nAnna\n", file: "m.csv") }
    }

    @Test func speakerPseudonymsSkipRoles() {
        let result = Project.speakerPseudonyms(["Interviewer", "Maureen", "P01", "I", "Speaker 6", "Sam Okafor", "Facilitator"])
        #expect(result.pairs.map(\.name) == ["Maureen", "Sam Okafor"])
        #expect(result.pairs.map(\.pseudonym) == ["Participant 1", "Participant 2"])
        #expect(result.skipped == ["Interviewer", "P01", "I", "Speaker 6", "Facilitator"])
    }
}

@Suite("Project.pseudonymise")
struct ProjectPseudonymiseTests {
    static let text = """
        Interviewer: Tell me about Anna Berg and the choir.
        Maureen: Anna Berg ran it. Anna was kind; Annabel was not. Maureen's friend Sam came too.
        Interviewer: And Sam?
        Maureen: Sam, yes. Zoë and Maureen went every week.
        """

    @Test func everyCodingCoversTheSameWords() throws {
        let project = try TestProject.withCodebook(TestProject.withTranscript(Self.text))
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(1...4)))
        _ = try project.code(document: "interview", code: "beta", coder: "ben", selection: Selection(.turns(2...2)))
        _ = try project.code(document: "interview", code: "gamma", coder: "ben", selection: Selection(.quote("Sam came too")))
        _ = try project.code(document: "interview", code: "gamma", coder: "alice", selection: Selection(.quote("Anna was kind; Annabel")))
        try project.setDocumentMemo("interview", memo: "Anna Berg asked for a copy")
        let pseudonymiser = try Pseudonymiser([("Anna Berg", "Participant 1"), ("Anna", "P2"), ("Maureen", "Participant 3"), ("Sam", "Participant 4"), ("Zoë", "Q")])
        let out = project.url.deletingLastPathComponent().appendingPathComponent("anon.qcode")
        let report = try project.pseudonymise(with: pseudonymiser, to: out)

        let copy = try Project.open(at: out)
        #expect(try copy.check().isEmpty)
        let old = try project.segments()
        let new = try copy.segments()
        #expect(old.count == new.count)
        for (before, after) in zip(old, new) {
            #expect(after.text == pseudonymiser.apply(to: before.text).text)
        }
        let document = try copy.document("interview")
        #expect(document.text == pseudonymiser.apply(to: Self.text).text)
        #expect(document.turns.map(\.speaker) == ["Interviewer", "Participant 3", "Interviewer", "Participant 3"])
        #expect(document.memo == "Participant 1 asked for a copy")
        let scalars = document.scalars
        for sentence in document.sentences { #expect(!scalars.slice(sentence.start, sentence.end).isEmpty) }
        #expect(report.counts.first { $0.name == "Maureen" }?.count == 4)
        #expect(report.counts.first { $0.name == "Anna" }?.count == 1)
        #expect(report.documentsChanged == 1)
        // The original is untouched.
        #expect(try project.document("interview").text == Self.text)
        #expect(try copy.auditEntries().map(\.action) == ["pseudonymise"])
    }

    @Test func refusesExistingOutputAndItself() throws {
        let project = try TestProject.withTranscript(Self.text)
        let p = try Pseudonymiser([("Sam", "X")])
        #expect(throws: PseudonymiseError.self) { try project.pseudonymise(with: p, to: project.url) }
    }

    @Test func codingInsideANameGrowsToThePseudonym() throws {
        let project = try TestProject.withCodebook(TestProject.withTranscript(Self.text))
        // "Ber" inside "Anna Berg" (turn 1): characters 32-35.
        let start = 32
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.characters(start: start, end: start + 3)))
        let out = project.url.deletingLastPathComponent().appendingPathComponent("anon.qcode")
        _ = try project.pseudonymise(with: try Pseudonymiser([("Anna Berg", "Participant 1")]), to: out)
        #expect(try Project.open(at: out).segments().map(\.text) == ["Participant 1"])
    }
}
