import Foundation
import Testing
@testable import QCodeKit

/// `qcode docs done`: a coder's "fully coded" mark, undone exactly, carried by coder merges,
/// per-coder copies and merges of copies.
@Suite struct DocumentMarksTests {
    private func project() throws -> Project {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
        let second = project.url.deletingLastPathComponent().appendingPathComponent("second.txt")
        try Data("Interviewer: Hello?\nP02: Hello.\n".utf8).write(to: second)
        _ = try project.importFiles([second])
        return project
    }

    private func marks(_ project: Project) throws -> [String] {
        try project.projectStatus().documents.flatMap { row in
            row.coders.filter(\.value.done).map { "\(row.document):\($0.key)" }
        }.sorted()
    }

    @Test func marksAndUnmarksInOneUndoableStep() throws {
        let project = try project()
        // Naming a coder creates them, unrecorded (see Store.coderID(named:)); unmarking
        // nothing does only that.
        #expect(try project.markDocumentsDone(["second"], coder: "ann", done: false).changed.isEmpty)
        let before = try TableDump.of(project)
        let marking = try project.markDocumentsDone(["interview", "second", "interview"], coder: "ann")
        #expect(marking.changed == ["interview", "second"] && marking.unchanged.isEmpty && marking.coder == "ann")
        #expect(try marks(project) == ["interview:ann", "second:ann"])
        let entry = try #require(try project.auditEntries(limit: 1).first)
        #expect(entry.auditAction == .document(DocumentEdit(operation: .done, document: "interview, second", detail: "ann")))
        #expect(entry.action == "document.done")

        let again = try project.markDocumentsDone(["INTERVIEW"], coder: "ANN")
        #expect(again.changed.isEmpty && again.unchanged == ["interview"])
        let off = try project.markDocumentsDone(["second"], coder: "ann", done: false)
        #expect(off.changed == ["second"])
        #expect(try marks(project) == ["interview:ann"])
        try project.undo()
        #expect(try marks(project) == ["interview:ann", "second:ann"])
        try project.undo()
        #expect(try TableDump.of(project) == before)
    }

    @Test func anUnknownDocumentChangesNothing() throws {
        let project = try project()
        #expect(throws: (any Error).self) { try project.markDocumentsDone(["interview", "nosuch"], coder: "ann") }
        #expect(try marks(project).isEmpty)
    }

    @Test func mergingCodersKeepsOneMarkPerDocument() throws {
        let project = try project()
        try project.code(document: "interview", code: "alpha", coder: "ann", selection: Selection(.turns(2...2)))
        try project.code(document: "interview", code: "alpha", coder: "ANNA", selection: Selection(.turns(3...3)))
        try project.markDocumentsDone(["interview", "second"], coder: "ANNA")
        try project.markDocumentsDone(["interview"], coder: "ann")
        try project.mergeCoder("ANNA", into: "ann")
        #expect(try marks(project) == ["interview:ann", "second:ann"])
    }

    @Test func aCopyCarriesItsCodersMarksAndMergeBringsNewOnesBack() throws {
        let project = try project()
        try project.markDocumentsDone(["interview"], coder: "ann")
        try project.markDocumentsDone(["interview"], coder: "bob")
        let copyURL = project.url.deletingLastPathComponent().appendingPathComponent("ann.qcode")
        _ = try project.copy(to: copyURL, forCoder: "ann")
        let copy = try Project.open(at: copyURL)
        #expect(try marks(copy) == ["interview:ann"])
        try copy.markDocumentsDone(["second"], coder: "ann")
        let report = try project.merge(from: copyURL)
        #expect(report.marksAdded == 1)
        #expect(report.lines.contains("done marks: 1 added"))
        #expect(try marks(project) == ["interview:ann", "interview:bob", "second:ann"])
        #expect(try project.merge(from: copyURL).marksAdded == 0)
    }
}
