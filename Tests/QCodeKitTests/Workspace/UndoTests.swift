import Foundation
import Testing
@testable import QCodeKit

/// Undo and redo derived from the audit log.
@Suite struct UndoTests {
    private func project() throws -> Project {
        try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
    }

    private func codings(_ project: Project) throws -> [String] {
        try project.segments().map { "\($0.turn ?? 0):\($0.code):\($0.coder)" }
    }

    @Test func undoesAndRedoesCodeAndUncodeInOrder() throws {
        let project = try project()
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(2...3)))
        _ = try project.uncode(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(3...3)))
        #expect(try codings(project) == ["2:theme/alpha:alice"])
        #expect(try project.undo()?.action == "uncode")
        #expect(try codings(project) == ["2:theme/alpha:alice", "3:theme/alpha:alice"])
        #expect(try project.undo()?.action == "code")
        #expect(try codings(project).isEmpty)
        #expect(try project.redo()?.action == "code")
        #expect(try project.redo()?.action == "uncode")
        #expect(try project.redo() == nil)
        #expect(try codings(project) == ["2:theme/alpha:alice"])
        let log = try project.auditEntries(limit: 4).map(\.action)
        #expect(log == ["redo", "redo", "undo", "undo"])
        #expect(try project.auditEntries(limit: 1).first?.after?.contains("\"redid\"") == true)
    }

    @Test func undoesACodebookImportToo() throws {
        let project = try project()
        #expect(try project.undo()?.action == "codebook.import")
        #expect(try project.codes().isEmpty)
        #expect(try project.redo()?.action == "codebook.import")
        #expect(try project.codes().count == 5)
    }

    @Test func keepsEachCodersChangesApart() throws {
        let project = try project()
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(1...1)))
        _ = try project.code(document: "interview", code: "beta", coder: "bob", selection: Selection(.turns(2...2)))
        #expect(try project.undo(coder: "alice")?.summary.contains("theme/alpha") == true)
        #expect(try codings(project) == ["2:theme/beta:bob"])
        #expect(try project.undo(coder: "alice") == nil)
        #expect(try project.redo(coder: "bob") == nil)
        #expect(try project.redo(coder: "alice") != nil)
    }

    @Test func aNewChangeClearsRedo() throws {
        let project = try project()
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(1...1)))
        try project.undo()
        _ = try project.code(document: "interview", code: "beta", coder: "alice", selection: Selection(.turns(1...1)))
        #expect(try project.redo() == nil)
        #expect(try codings(project) == ["1:theme/beta:alice"])
    }

    @Test func undoesMemosOldAndNew() throws {
        let project = try project()
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(1...1)))
        let id = try #require(try project.segments().first?.id)
        try project.setCodingMemo(id: id, memo: "first")  // the older entry kind
        try project.setCodingMemo(id: id, memo: "second", coder: "alice")
        try project.undo()
        #expect(try project.segments().first?.memo == "first")
        try project.undo()
        #expect(try project.segments().first?.memo == nil)
        try project.redo()
        #expect(try project.segments().first?.memo == "first")
    }

    @Test func worksAcrossProcessesSinceItReadsTheLog() throws {
        let project = try project()
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(1...1)))
        let reopened = try Project.open(at: project.url)
        #expect(try reopened.undo(coder: "alice") != nil)
        #expect(try project.segments().isEmpty)
        #expect(try Project.open(at: project.url).redo(coder: "alice") != nil)
        #expect(try project.segments().count == 1)
    }

    @Test func reportsAConflictAndChangesNothing() throws {
        let project = try project()
        _ = try project.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(1...1)))
        try project.undo()
        _ = try project.addCodings([NewCoding(documentID: 1, codeID: "a", coder: "alice", start: project.document("interview").turns[0].span.start,
                                              end: project.document("interview").turns[0].span.end)])
        // The bulk add has no actor and cleared redo for everyone.
        #expect(try project.redo() == nil)
        #expect(try codings(project).count == 1)
    }
}
