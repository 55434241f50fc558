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
                that coder's with --coder) and records the undo there. Every change can be undone: \
                codings, memos, imports, codebook, case, coder and document edits, done marks, \
                merges. Undo refuses, changing nothing, when a later change touched the same rows.
                """)

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .long, help: ArgumentHelp("Only this coder's changes.", valueName: "name"))
        var coder: String?

        func run() throws {
            try runReportingErrors {
                if let entry = try projectOptions.open().undo(coder: coder) {
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
                if let entry = try projectOptions.open().redo(coder: coder) {
                    Console.output("redid: \(entry.summary)")
                } else {
                    Console.message("nothing to redo")
                }
            }
        }
    }
}
