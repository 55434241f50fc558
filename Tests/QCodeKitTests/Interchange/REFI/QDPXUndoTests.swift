import Foundation
import Testing
@testable import QCodeKit

/// Undoing a REFI-QDA import removes what it added (documents included); redo brings it back.
@Suite("REFI-QDA import undo")
struct QDPXUndoTests {
    private func exported(_ project: Project) throws -> URL {
        let url = TemporaryDirectory.make().appendingPathComponent("out.qdpx")
        try project.exportQDPX(to: url)
        return url
    }

    @Test func undoRemovesTheImportAndRedoBringsItBack() throws {
        let source = try REFITest.demoProject()
        try source.setDocumentMemo("LW01_link-worker", memo: "First link-worker interview.")
        let url = try exported(source)

        let project = try TestProject.make()
        try TeamFixture.importText("I: Already here.\nR: Yes.\n", into: project, name: "earlier.txt")
        let before = try REFITest.Snapshot(project)
        let report = try project.importQDPX(url: url)
        #expect(try report.documents.count == source.documents().count)
        let imported = try REFITest.Snapshot(project)
        #expect(imported.codings.count == 98)
        #expect(imported.documents.count == before.documents.count + report.documents.count)

        let entry = try project.auditEntries(limit: 1)[0]
        guard case .importDocuments(let payload) = entry.auditAction else {
            Issue.record("expected an import entry, got \(entry.action)")
            return
        }
        #expect(entry.action == "refi.import")
        #expect(payload.ids.count == report.documents.count)
        #expect(payload.names.sorted() == report.documents.sorted())

        #expect(try project.undo()?.action == "refi.import")
        #expect(try REFITest.Snapshot(project) == before)
        #expect(try project.count("SELECT count(*) FROM turns") == project.document("earlier").turns.count)

        #expect(try project.redo()?.action == "refi.import")
        #expect(try REFITest.Snapshot(project) == imported)
    }

    @Test func undoOfAnImportIntoAProjectWithTheSameTextsKeepsThem() throws {
        let project = try TestProject.make()
        _ = try project.importQDPX(url: REFITest.nvivoSample)
        let before = try REFITest.Snapshot(project)
        // The same file again adds no document: its codings are duplicates of the first.
        let again = try project.importQDPX(url: REFITest.nvivoSample)
        #expect(again.documents.isEmpty && again.existingDocuments == ["videos_selection"])
        #expect(try project.undo()?.action == "refi.import")
        #expect(try REFITest.Snapshot(project) == before)
        #expect(try project.undo()?.action == "refi.import")
        #expect(try project.documents().isEmpty)
        #expect(try project.codes().isEmpty)
        #expect(try project.redo()?.action == "refi.import")
        #expect(try REFITest.Snapshot(project) == before)
    }
}
