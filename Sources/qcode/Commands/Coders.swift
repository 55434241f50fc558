import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode coders ...`
    struct Coders: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List coders with their codings per document; rename or merge coders.",
            discussion: "Coder names compare ignoring case.",
            subcommands: [List.self, Rename.self, Merge.self],
            defaultSubcommand: List.self)
    }
}

extension QCode.Coders {
    /// `qcode coders list`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each coder's codings per document, with totals.",
            discussion: """
                One row per document and a column per coder, then totals. JSON gives one \\
                object per coder with its codings per document and its total.

                Examples:
                  qcode coders
                  qcode coders --format json
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions

        func run() throws {
            try runReportingErrors {
                let overview = try projectOptions.open().coderOverview()
                if overview.coders.isEmpty {
                    Console.message("no coders yet: codings made with 'qcode code --coder NAME' add them")
                }
                try formatOptions.print(overview.tabular, json: overview.coders)
            }
        }
    }

    /// `qcode coders rename OLD NEW`
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a coder; their codings and memos follow.",
            discussion: "The new name may differ from the old only in case (alice to Alice).")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The coder.", completion: ProjectCompletion.coders) var coder: String
        @Argument(help: "The new name.") var name: String

        func run() throws {
            try runReportingErrors {
                let (old, new) = try projectOptions.open().renameCoder(coder, to: name)
                Console.message(old == new ? "coder \(old) already has that name" : "renamed coder \(old) to \(new)")
            }
        }
    }

    /// `qcode coders merge A B`
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge coder A into coder B: A's codings become B's, then A is removed.",
            discussion: """
                A coding of A's that B has too (same document, code and range) is dropped and \\
                counted. Memos A wrote become B's.
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The coder to merge away.", completion: ProjectCompletion.coders) var source: String
        @Argument(help: "The coder who receives the codings.", completion: ProjectCompletion.coders) var target: String

        func run() throws {
            try runReportingErrors {
                let merge = try projectOptions.open().mergeCoder(source, into: target)
                Console.message("merged coder \(merge.from) into \(merge.into): \(merge.moved) coding(s) moved, \(merge.duplicates) duplicate(s) dropped")
            }
        }
    }
}
