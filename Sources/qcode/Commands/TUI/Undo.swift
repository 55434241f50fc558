import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode undo [--coder NAME]`
    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Undo the project's latest change, from any session.",
            discussion: """
                Reads the audit log ('qcode log'): undoes the newest change not yet undone (only \
                that coder's with --coder; on a team server, your own) and records the undo there. Every change can be undone: \
                codings, memos, imports, codebook, case, coder and document edits, done marks, \
                merges. Undo refuses, changing nothing, when a later change touched the same rows.
                """)

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .long, help: ArgumentHelp("Only this coder's changes.", valueName: "name"))
        var coder: String?

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                // On a team server, your own changes only (your role).
                if let entry = try project.undo(coder: coder ?? TeamSession.role) {
                    Console.output("undid: \(entry.summary)")
                } else {
                    Console.message("nothing to undo")
                }
            }
        }
    }

    /// `qcode redo [--coder NAME]`
    struct Redo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Redo the change most recently undone, unless a new change came after it.")

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .long, help: ArgumentHelp("Only this coder's changes.", valueName: "name"))
        var coder: String?

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                // On a team server, your own changes only (your role).
                if let entry = try project.redo(coder: coder ?? TeamSession.role) {
                    Console.output("redid: \(entry.summary)")
                } else {
                    Console.message("nothing to redo")
                }
            }
        }
    }
}
