import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode tui DOC --coder NAME`
    struct TUI: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tui",
            abstract: "Code a document in a full-screen terminal workspace.",
            discussion: """
                Shows the transcript turn by turn with your codes in a margin; other coders' \
                codings stay hidden (blind coding) unless you give --show-all or press a. \
                Every change is saved at once; u and Ctrl-R undo and redo the changes made in \
                this workspace ('qcode undo' undoes any). Codings made by other coders' \
                processes appear as they are saved. Press ? in the workspace for the keys. \
                Needs a terminal; NO_COLOR turns colour off.
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var coderOptions: CoderOptions

        @Argument(help: "The document: id, name, or unique name prefix.", completion: ProjectCompletion.documents)
        var document: String

        @Flag(name: .long, help: "Show every coder's codings (default: only yours).")
        var showAll = false

        @Flag(name: .long, help: "Let u and Ctrl-R undo and redo your changes from any session, as 'qcode undo --coder' does (default: only this workspace's).")
        var undoAnySession = false

        func run() throws {
            try runReportingErrors {
                try Self.open(projectOptions: projectOptions, coder: try coderOptions.name(), document: document, showAll: showAll,
                              undoScope: undoAnySession ? .coder : .session)
            }
        }

        /// Opens the workspace (also used by `qcode code DOC` with no code and no range).
        static func open(projectOptions: ProjectOptions, coder: String, document: String, showAll: Bool,
                         undoScope: Workspace.UndoScope = .session) throws {
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw RawTerminal.NotATerminal() }
            let project = try projectOptions.open()
            let colour = ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
            let size = RawTerminal.size()
            let workspace = try Workspace(project: project, document: document, coder: coder, showAll: showAll,
                                          undoScope: undoScope, width: size.width, height: size.height,
                                          palette: colour ? .colour : .monochrome)
            var session = WorkspaceSession(workspace: workspace)
            if let live = try TeamSession.live() {
                (session.afterKeys, session.whenIdle) = (live.afterKeys, live.whenIdle)
            }
            try session.run()
        }
    }
}
