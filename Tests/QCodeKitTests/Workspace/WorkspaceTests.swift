import Testing
@testable import QCodeKit

/// The workspace state machine fed key sequences against a temporary project.
@Suite struct WorkspaceTests {
    private func workspace(coder: String = "alice") throws -> Workspace {
        let project = try TestProject.withCodebook(try TestProject.withTranscript(sampleInterview))
        return try Workspace(project: project, document: "interview", coder: coder, width: 80, height: 24)
    }

    private func keys(_ text: String) -> [Key] { text.map { Key.character($0) } }

    private func ownSegments(_ workspace: Workspace) throws -> [String] {
        try workspace.project.segments().map { "\($0.turn ?? 0):\($0.code):\($0.coder):\($0.text)" }
    }

    @Test func opensWithTheFirstTurnAndDrawsTheScreen() throws {
        let workspace = try workspace()
        let frame = workspace.frame()
        #expect(frame.count == 24)
        #expect(frame.allSatisfy { CellWidth.of($0) == 80 })
        #expect(frame[0].contains("interview · alice · 0/4 turns coded · blind"))
        #expect(frame[1].hasPrefix("▶ 1  Interviewer"))
        #expect(frame.contains { $0.contains("My GP sent me.") })
        #expect(frame[22].contains("turn 1 · no codes"))
    }

    @Test func codesTwoTurnsUndoesOneAndRedoesIt() throws {
        let workspace = try workspace()
        workspace.handle([.character("j")] + keys("calpha") + [.enter])
        #expect(workspace.message?.text == "coded turn 2 as theme/alpha")
        workspace.handle([.down, .down] + keys("cgam") + [.enter])
        #expect(try ownSegments(workspace).count == 2)
        #expect(workspace.frame()[0].contains("2/4 turns coded"))
        #expect(workspace.frame().contains { $0.contains("│ ▍theme/alpha") })
        workspace.handle(.character("u"))
        #expect(workspace.message?.text == "undid: alice coded 1 segment(s) of interview as other/gamma")
        #expect(try ownSegments(workspace) == ["2:theme/alpha:alice:My GP sent me. I was lonely after my wife died. The choir changed that."])
        workspace.handle(.control("r"))
        #expect(try ownSegments(workspace).count == 2)
        // The log is shared: the command-line undo sees the workspace's changes.
        #expect(try workspace.project.undo(coder: "alice")?.summary == "alice coded 1 segment(s) of interview as other/gamma")
    }

    @Test func codesARangeOfTurnsASentenceAndWords() throws {
        let workspace = try workspace()
        workspace.handle([.character(" ")] + keys("cbeta") + [.enter])
        #expect(try ownSegments(workspace).map { $0.prefix(13) } == ["1:theme/beta:", "2:theme/beta:"])
        workspace.handle(keys("ss") + keys("calpha") + [.enter])  // space left the cursor on turn 2
        #expect(try ownSegments(workspace).contains("2:theme/alpha:alice:I was lonely after my wife died."))
        workspace.handle(keys("jwlL") + keys("cgamma") + [.enter])
        #expect(try ownSegments(workspace).contains("3:other/gamma:alice:about money?"))
    }

    @Test func searchSelectsTheMatch() throws {
        let workspace = try workspace()
        workspace.handle([.character("/")] + keys("COUNCIL") + [.enter])
        #expect(workspace.selection.cursor == 3)
        #expect(workspace.selection.partKind == .match)
        workspace.handle(keys("calpha") + [.enter])
        #expect(try ownSegments(workspace) == ["4:theme/alpha:alice:council"])
        workspace.handle([.character("/")] + keys("nowhere") + [.enter])
        #expect(workspace.message?.isError == true)
    }

    @Test func createsACodeFromThePickerWhenNothingMatches() throws {
        let workspace = try workspace()
        workspace.handle(keys("ctheme/money worries") + [.enter])
        #expect(workspace.message?.text == "created and coded turn 1 as theme/money worries")
        #expect(try workspace.project.resolveCode("money worries").path == "theme/money worries")
        workspace.handle(keys("cno-parent/child") + [.enter])
        #expect(workspace.message?.isError == true)
        if case .picker = workspace.mode {} else { Issue.record("picker should stay open after an error") }
        workspace.handle(.escape)
        #expect(workspace.mode == .browse)
    }

    @Test func removesACodingAndWritesAMemoBothUndoable() throws {
        let workspace = try workspace()
        workspace.handle(keys("calpha") + [.enter] + keys("cbeta") + [.enter])
        workspace.handle(.character("x"))
        guard case .choose(.remove, let items, _) = workspace.mode else { Issue.record("expected the chooser"); return }
        #expect(items.count == 2)
        workspace.handle([.down, .enter])
        #expect(try ownSegments(workspace).count == 1)
        workspace.handle(keys("m") + keys("key quote") + [.enter])
        #expect(try workspace.project.segments().first?.memo == "key quote")
        workspace.handle(.character("u"))
        #expect(try workspace.project.segments().first?.memo == nil)
        workspace.handle(.character("u"))
        #expect(try ownSegments(workspace).count == 2)
        workspace.handle(.control("r"))
        #expect(try ownSegments(workspace).count == 1)
    }

    @Test func blindByDefaultAndNextUncodedSkipsOwnCodedTurns() throws {
        let workspace = try workspace()
        _ = try workspace.project.code(documentID: workspace.document.id, codeID: "g", coder: "bob",
                                       spans: [workspace.units[0].span])
        try workspace.reload()
        #expect(!workspace.frame().contains { $0.contains("other/gamma") })
        workspace.handle(.character("a"))
        #expect(workspace.frame().contains { $0.contains("other/gamma [bob]") })
        workspace.handle(.character("a"))
        workspace.handle(keys("calpha") + [.enter] + keys("n"))
        #expect(workspace.selection.cursor == 1)
        workspace.handle(keys("calpha") + [.enter] + keys("n"))
        #expect(workspace.selection.cursor == 2)
        #expect(workspace.handle(.character("q")) == false)
    }

    @Test func movesByScreenAndResizes() throws {
        let workspace = try workspace()
        workspace.handle(.pageDown)
        #expect(workspace.selection.cursor > 0)
        workspace.handle(.character("G"))
        #expect(workspace.selection.cursor == 3)
        workspace.resize(width: 40, height: 10)
        let frame = workspace.frame()
        #expect(frame.count == 10 && frame.allSatisfy { CellWidth.of($0) == 40 })
        #expect(frame.contains { $0.contains("4  P01") })
        workspace.handle(.character("?"))
        #expect(workspace.frame()[1].contains("keys"))
        workspace.handle(.character("z"))
        #expect(workspace.mode == .browse)
    }
}
