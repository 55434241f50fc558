import Foundation
import Testing
@testable import QCodeKit

/// `qcode status`: per document and coder, codings, turns coded and done marks; per coder,
/// totals and last activity.
@Suite struct ProjectStatusTests {
    @Test func countsCodingsTurnsOverlappedAndMarksFromPlainValues() {
        // Document 1 has turns [0,10) [10,20) [20,30); document 2 has one turn [0,5).
        let status = ProjectStatus(
            documents: [(1, "one"), (2, "two")],
            turns: [(1, 10, 20), (1, 0, 10), (1, 20, 30), (2, 0, 5)],
            codings: [("ann", 1, 5, 15),   // turns 1 and 2
                      ("ann", 1, 12, 13),  // turn 2 again
                      ("ann", 1, 20, 21),  // turn 3
                      ("bob", 1, 9, 10),   // ends where turn 2 starts: turn 1 only
                      ("bob", 2, 0, 5)],
            marks: [(2, "bob"), (1, "carol")],
            lastActivity: ["ann": "2026-01-02T00:00:00.000Z", "carol": "2026-01-01T00:00:00.000Z"])
        #expect(status.coders.map(\.coder) == ["ann", "bob", "carol"])
        #expect(status.documents.map(\.turns) == [3, 1])
        let one = status.documents[0].coders
        #expect(one["ann"] == .init(codings: 3, turnsCoded: 3, done: false))
        #expect(one["bob"] == .init(codings: 1, turnsCoded: 1, done: false))
        #expect(one["carol"] == .init(codings: 0, turnsCoded: 0, done: true))
        #expect(status.documents[1].coders["bob"] == .init(codings: 1, turnsCoded: 1, done: true))
        #expect(status.coders[0] == .init(coder: "ann", codings: 3, documentsCoded: 1, documentsDone: 0, turnsCoded: 3,
                                          lastActivity: "2026-01-02T00:00:00.000Z"))
        #expect(status.coders[1] == .init(coder: "bob", codings: 2, documentsCoded: 2, documentsDone: 1, turnsCoded: 2,
                                          lastActivity: nil))
        #expect(status.coders[2].documentsDone == 1 && status.coders[2].codings == 0)
    }

    @Test func aProjectWithoutCodingsHasDocumentsAndNoCoders() {
        let status = ProjectStatus(documents: [(1, "one")], turns: [(1, 0, 4)], codings: [], marks: [], lastActivity: [:])
        #expect(status.coders.isEmpty)
        #expect(status.documents == [.init(id: 1, document: "one", turns: 1, coders: [:])])
    }

    @Test func theProjectsStatusAgreesWithItsSegments() throws {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
        try project.code(document: "interview", code: "alpha", coder: "ann", selection: Selection(.turns(2...3)))
        try project.code(document: "interview", code: "beta", coder: "ann", selection: Selection(.turns(4...4)))
        try project.code(document: "interview", code: "gamma", coder: "bob", selection: Selection(.turns(1...1)))
        try project.markDocumentsDone(["interview"], coder: "bob")
        let status = try project.projectStatus()
        let segments = try project.segments()
        for coder in status.coders {
            #expect(coder.codings == segments.filter { $0.coder == coder.coder }.count)
        }
        #expect(status.documents[0].turns == 4)
        let annCodings = segments.filter { $0.coder == "ann" }.count
        #expect(annCodings >= 2)
        #expect(status.documents[0].coders["ann"] == .init(codings: annCodings, turnsCoded: 3, done: false))
        #expect(status.documents[0].coders["bob"] == .init(codings: 1, turnsCoded: 1, done: true))
        #expect(status.coders.allSatisfy { $0.lastActivity != nil })
    }
}
