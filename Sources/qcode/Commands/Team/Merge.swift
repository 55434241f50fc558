import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode merge OTHER.qcode [--dry-run]`
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring another project's codings, memos, codes, documents and cases into this one.",
            discussion: """
                Nothing here is removed or overwritten. Documents match by text, codes by id \
                then path, coders by name (ignoring case); a coding is added unless the same \
                one is here. Where the two differ (a code renamed, a memo or case value changed \
                on both sides) ours is kept and the difference is listed. The project is first \
                copied to NAME.premerge-YYYYMMDD-HHMMSS.qcode-backup (kept if anything came in); the merge is one \
                transaction, and running it again adds nothing.
                """)

        @OptionGroup var projectOptions: ProjectOptions

        @Argument(help: "The other project file (for example a coder's copy).")
        var other: String

        @Flag(name: .customLong("dry-run"), help: "Show what would come in; change nothing.")
        var dryRun = false

        func run() throws {
            try runReportingErrors {
                let report = try projectOptions.open().merge(from: URL(fileURLWithPath: other), dryRun: dryRun)
                Console.output((dryRun ? "dry run: nothing written" : "merged \(other)") + "\n"
                    + report.lines.joined(separator: "\n"))
                if let backup = report.backup {
                    Console.message("backup at \(backup)")
                }
            }
        }
    }
}
