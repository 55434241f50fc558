import Foundation
import Testing
@testable import QCodeKit

/// The workspace beside other processes: another `Project` on the same file plays the
/// other terminal (its own SQLite connection, as another process has).
@Suite struct WorkspaceConcurrencyTests {
    /// alice's workspace on "interview"; the project also holds a second document, "second".
    private func setUp(undoScope: Workspace.UndoScope = .session) throws -> (Workspace, Project) {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
        let file = project.url.deletingLastPathComponent().appendingPathComponent("second.txt")
        try Data("Interviewer: Anything else?\nP02: No, that is all.\n".utf8).write(to: file)
        _ = try project.importFiles([file])
        let workspace = try Workspace(project: project, document: "interview", coder: "alice",
                                      undoScope: undoScope, width: 80, height: 24)
        return (workspace, try Project.open(at: project.url))
    }

    private func keys(_ text: String) -> [Key] { text.map { Key.character($0) } }

    private func rows(_ project: Project) throws -> [String] {
        try project.segments().map { "\($0.document):\($0.turn ?? 0):\($0.code):\($0.coder):\($0.memo ?? "-")" }
    }

    /// The other terminal undoes alice's newest coding, then ben codes the second document.
    /// Format 2 gave ben's coding the id alice's had; format 3 never reuses a coding id
    /// (AUTOINCREMENT), and the workspace names its targets by what it showed anyway, so
    /// both defences are checked.
    private func undoAliceAndLetBenReuseTheID(_ other: Project, removedID: Int64, memo: String? = nil) throws {
        #expect(try other.undo(coder: "alice") != nil)
        _ = try other.code(document: "second", code: "gamma", coder: "ben", selection: Selection(.turns(1...1)), memo: memo)
        let ben = try #require(try other.segments().first { $0.coder == "ben" })
        #expect(ben.id > removedID, "coding ids are never reused")
    }

    @Test func removingAfterTheCodingWasUndoneElsewhereNeverTouchesTheReusedID() throws {
        let (workspace, other) = try setUp()
        workspace.handle(keys("calpha") + [.enter] + keys("cbeta") + [.enter])
        workspace.handle(.character("x"))
        guard case .choose(.remove, let items, _) = workspace.mode else { Issue.record("expected the chooser"); return }
        #expect(items.map(\.codeID) == ["a", "b"])
        try undoAliceAndLetBenReuseTheID(other, removedID: items[1].id)
        // alice still sees the chooser as it was; she picks the coding that has gone.
        workspace.handle([.down, .enter])
        #expect(workspace.message?.isError == true)
        #expect(workspace.message?.text.contains("no longer there") == true)
        #expect(try rows(other) == ["interview:1:theme/alpha:alice:-", "second:1:other/gamma:ben:-"])
        #expect(try other.auditEntries(limit: 1).first?.actor == "ben")
    }

    @Test func removingWithTheKeyAfterAnOutsideUndoFindsNothingToRemove() throws {
        let (workspace, other) = try setUp()
        workspace.handle(keys("calpha") + [.enter])
        let id = try #require(workspace.codings.first?.id)
        try undoAliceAndLetBenReuseTheID(other, removedID: id)
        workspace.handle(.character("x"))
        #expect(workspace.message?.text == "none of your codings in turn 1")
        #expect(try rows(other) == ["second:1:other/gamma:ben:-"])
    }

    @Test func aMemoOnACodingThatWentElsewhereIsRefusedAndBensMemoKept() throws {
        let (workspace, other) = try setUp()
        workspace.handle(keys("calpha") + [.enter])
        workspace.handle(.character("m"))
        guard case .memo(let coding, _) = workspace.mode else { Issue.record("expected the memo prompt"); return }
        try undoAliceAndLetBenReuseTheID(other, removedID: coding.id, memo: "ben's memo")
        workspace.handle(keys("mine") + [.enter])
        #expect(workspace.message?.isError == true)
        #expect(try rows(other) == ["second:1:other/gamma:ben:ben's memo"])
    }

    @Test func aMemoChangedElsewhereWhileEditingIsNotOverwritten() throws {
        let (workspace, other) = try setUp()
        workspace.handle(keys("calpha") + [.enter] + keys("m"))
        let id = try #require(try other.segments().first?.id)
        try other.setCodingMemo(id: id, memo: "from the other terminal", coder: "alice")
        workspace.handle(keys("mine") + [.enter])
        #expect(workspace.message?.text.contains("changed in another session") == true)
        #expect(try rows(other) == ["interview:1:theme/alpha:alice:from the other terminal"])
    }

    @Test func theLibraryRefusesAGoneTargetByWhatWasSeen() throws {
        let (workspace, other) = try setUp()
        workspace.handle(keys("calpha") + [.enter])
        let seen = try #require(workspace.codings.first)
        try undoAliceAndLetBenReuseTheID(other, removedID: seen.id)
        #expect(throws: WorkspaceChangeError.codingGone(coder: "alice", code: "theme/alpha", start: seen.start, end: seen.end)) {
            try workspace.project.removeCoding(seen.target, coder: "alice")
        }
        #expect(throws: WorkspaceChangeError.self) {
            try workspace.project.setCodingMemo(seen.target, memo: "x", coder: "alice")
        }
        #expect(try rows(other) == ["second:1:other/gamma:ben:-"])
    }

    @Test func aCodeRemovedElsewhereIsNotReplacedByOneWhosePathMatchesItsID() throws {
        let (workspace, _) = try setUp()
        #expect(throws: WorkspaceChangeError.codeGone("alpha")) {
            try workspace.project.workspaceCode(documentID: workspace.document.id, codeID: "alpha", coder: "alice",
                                                spans: [workspace.units[0].span])
        }
    }

    @Test func noticesCodingsMadeByAnotherProcess() throws {
        let (workspace, other) = try setUp()
        #expect(workspace.refreshIfChanged() == false)
        _ = try other.code(document: "interview", code: "gamma", coder: "alice", selection: Selection(.turns(2...2)))
        #expect(workspace.refreshIfChanged() == true)
        #expect(workspace.codings.map(\.codeID) == ["g"])
        #expect(workspace.frame().contains { $0.contains("other/gamma") })
        #expect(workspace.frame()[0].contains("1/4 turns coded"))
        #expect(workspace.refreshIfChanged() == false)
        // A key press notices too (here one that changes nothing else).
        _ = try other.code(document: "interview", code: "beta", coder: "alice", selection: Selection(.turns(3...3)))
        workspace.handle(.character("k"))
        #expect(workspace.codings.map(\.codeID) == ["g", "b"])
    }

    @Test func undoAndRedoActOnlyOnThisWorkspacesChanges() throws {
        let (workspace, other) = try setUp()
        workspace.handle(keys("calpha") + [.enter])
        _ = try other.code(document: "interview", code: "gamma", coder: "alice", selection: Selection(.turns(2...2)))
        workspace.handle(.character("u"))
        #expect(workspace.message?.text == "undid: alice coded 1 segment(s) of interview as theme/alpha")
        #expect(try rows(other) == ["interview:2:other/gamma:alice:-"])
        workspace.handle(.character("u"))
        #expect(workspace.message?.text.hasPrefix("nothing to undo in this workspace") == true)
        #expect(try rows(other) == ["interview:2:other/gamma:alice:-"])
        workspace.handle(.control("r"))
        #expect(workspace.message?.text == "redid: alice coded 1 segment(s) of interview as theme/alpha")
        #expect(try rows(other) == ["interview:1:theme/alpha:alice:-", "interview:2:other/gamma:alice:-"])
        workspace.handle(.control("r"))
        #expect(workspace.message?.text == "nothing to redo in this workspace")
        // The command-line undo still takes the coder's newest change from any session.
        #expect(try other.undo(coder: "alice")?.summary == "alice coded 1 segment(s) of interview as other/gamma")
    }

    @Test func aChangeUndoneElsewhereIsNotUndoneTwiceNorIsAnOlderOneReachedFor() throws {
        let (workspace, other) = try setUp()
        _ = try other.code(document: "interview", code: "gamma", coder: "alice", selection: Selection(.turns(2...2)))
        workspace.handle(keys("calpha") + [.enter])
        #expect(try other.undo(coder: "alice")?.summary.contains("theme/alpha") == true)
        workspace.handle(.character("u"))
        #expect(workspace.message?.text.contains("already undone in another session") == true)
        #expect(try rows(other) == ["interview:2:other/gamma:alice:-"])
        #expect(try other.auditEntries(limit: 1).first?.action == "undo")
        #expect(try other.auditEntries(limit: 2).map(\.action) == ["undo", "code"])
    }

    @Test func undoScopeCoderUndoesChangesFromAnySession() throws {
        let (workspace, other) = try setUp(undoScope: .coder)
        workspace.handle(keys("calpha") + [.enter])
        _ = try other.code(document: "interview", code: "gamma", coder: "alice", selection: Selection(.turns(2...2)))
        workspace.handle(.character("u"))
        #expect(workspace.message?.text == "undid: alice coded 1 segment(s) of interview as other/gamma")
        #expect(try rows(other) == ["interview:1:theme/alpha:alice:-"])
    }

    @Test func drawsHostileNamesMemosAndTextAsVisibleEscapes() throws {
        let (workspace, _) = try setUp()
        let code = try workspace.project.addCode(
            path: "theme/evil\u{1B}]52;c;ZXZpbA==\u{07}", definition: CodeDefinition(id: "evil", name: "evil\u{1B}]52;c;ZXZpbA==\u{07}"))
        _ = try workspace.project.code(documentID: workspace.document.id, codeID: code.id, coder: "alice",
                                       spans: [workspace.units[0].span])
        try workspace.reload()
        try workspace.project.setCodingMemo(workspace.codings[0].target, memo: "\u{9B}31mred", coder: "alice")
        try workspace.reload()
        for width in [120, 80, 40] {
            workspace.resize(width: width, height: 24)
            let frame = workspace.frame()
            #expect(frame.allSatisfy { CellWidth.of($0) == width && !TerminalSafeTests.hasRawControl($0) })
            #expect(frame.contains { $0.contains("\\e]52;c;") })
        }
        workspace.handle(.character("x"))  // one coding: removed at once, its name in the message
        #expect(workspace.frame().allSatisfy { !TerminalSafeTests.hasRawControl($0) })
        workspace.handle(.character("u"))
        workspace.handle(keys("cevil"))
        #expect(workspace.frame().allSatisfy { CellWidth.of($0) == 40 && !TerminalSafeTests.hasRawControl($0) })
    }
}
