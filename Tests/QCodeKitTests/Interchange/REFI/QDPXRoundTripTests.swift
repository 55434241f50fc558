import Foundation
import GRDB
import Testing
@testable import QCodeKit

@Suite("REFI-QDA round trip")
struct QDPXRoundTripTests {
    private func roundTrip(_ project: Project) throws -> Project {
        let url = TemporaryDirectory.make().appendingPathComponent("out.qdpx")
        try project.exportQDPX(to: url)
        let fresh = try TestProject.make()
        let report = try fresh.importQDPX(url: url)
        #expect(report.positionUnit == .codePoints)
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        return fresh
    }

    @Test func theDemoProjectComesBackTheSame() throws {
        let project = try REFITest.demoProject()
        try project.setDocumentMemo("LW01_link-worker", memo: "First link-worker interview.")
        try project.database.write { db in
            try db.execute(sql: "UPDATE cases SET memo = 'Retired teacher' WHERE name = 'SU07'")
            try db.execute(sql: "UPDATE codings SET memo = 'key quote' WHERE id = (SELECT min(id) FROM codings)")
        }
        let fresh = try roundTrip(project)
        let before = try REFITest.Snapshot(project), after = try REFITest.Snapshot(fresh)
        #expect(before.documents == after.documents)
        #expect(before.turns == after.turns)
        #expect(before.documentCases == after.documentCases)
        #expect(before.documentMemos == after.documentMemos)
        #expect(before.codebook == after.codebook)
        #expect(before.attributes == after.attributes)
        #expect(before.cases == after.cases)
        #expect(before.codings == after.codings)
        #expect(after.codings.count == 98)
        // Code ids survive too (they are not GUIDs, so they travel in the description).
        #expect(try project.codes().map(\.id) == fresh.codes().map(\.id))
        #expect(try fresh.caseRecord("SU07").name == "SU07")
    }

    @Test func emojiCombiningMarksAndMemosComeBackTheSame() throws {
        let project = try TestProject.make()
        let directory = TemporaryDirectory.make()
        let marked = CorpusTest.Marked("I: Did it ⟦help 😀⟧?\nR: ⟦Oui, c\u{0065}\u{0301}tait bien⟧ 👍🏽 and ⟦more⟧.\n")
        try Data(marked.text.utf8).write(to: directory.appendingPathComponent("p1.txt"))
        _ = try project.importFiles([directory.appendingPathComponent("p1.txt")], cases: .fixed("P1"))
        let codebook = Codebook(codes: [
            CodeDefinition(id: Codebook.makeID(), name: "feelings", colour: "#1B9E77", description: "How it felt",
                           children: [CodeDefinition(id: "pos", name: "positive", label: "Positive", keywords: ["good"])]),
        ])
        _ = try project.importCodebook(codebook, source: "t")
        let stored = try project.document("p1")
        let spans = CorpusTest.Marked(stored.text.replacingOccurrences(of: "help 😀", with: "⟦help 😀⟧")).spans
        #expect(spans.count == 1)
        let id = try project.documentID("p1")
        let text = ScalarText(stored.text)
        var codings: [NewCoding] = []
        for needle in ["help 😀", "Oui, c\u{00E9}tait bien", "more"] {
            let range = try #require(stored.text.range(of: needle))
            let start = stored.text.unicodeScalars.distance(from: stored.text.unicodeScalars.startIndex, to: range.lowerBound)
            let end = start + needle.unicodeScalars.count
            #expect(text.slice(start, end) == needle)
            codings.append(NewCoding(documentID: id, codeID: "pos", coder: "Zoë, Smith".replacingOccurrences(of: ",", with: ""),
                                     start: start, end: end, memo: needle == "more" ? "a <memo> & more" : nil))
        }
        try project.addCodings(codings)
        let fresh = try roundTrip(project)
        #expect(try REFITest.Snapshot(project) == REFITest.Snapshot(fresh))
    }

    @Test func importingTheSameFileTwiceAddsNothing() throws {
        let project = try REFITest.demoProject()
        let url = TemporaryDirectory.make().appendingPathComponent("demo.qdpx")
        try project.exportQDPX(to: url)
        let fresh = try TestProject.make()
        _ = try fresh.importQDPX(url: url)
        let again = try fresh.importQDPX(url: url)
        #expect(again.documents.isEmpty && again.existingDocuments.count == 9)
        #expect(again.codings == 0 && again.duplicateCodings == 98)
        #expect(again.codes.added == 0)
        #expect(try fresh.segments().count == 98)
    }
}
