import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode undo [--coder NAME]`
    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Undo the latest coding change (code, uncode, memo), from any session.",
            discussion: """
                Reads the audit log: undoes the newest change not yet undone (only yours with \
                --coder) and records the undo there. Imports and codebook edits cannot be undone.
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
