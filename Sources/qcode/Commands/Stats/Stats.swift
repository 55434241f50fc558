import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode stats KIND`
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Codes against case attributes: presence by group, outcomes by code.",
            discussion: """
                Exploratory statistics for putting themes beside survey data. Each case counts \
                once per code: it has the code if the coder coded it (or a descendant) in any \
                of its documents. A case the coder never coded is left out of that code, and a \
                case with no value of the attribute is left out; the output says how many. Every \
                figure matches scipy's. One test per code means many tests: p-values are not \
                corrected for multiple comparisons unless --adjust is given.
                """,
            subcommands: [StatsPresence.self, StatsCompare.self])
    }
}

/// The options both `stats` commands share.
struct StatsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Count this coder's codings, e.g. a consensus coder (needed when several coders coded).", valueName: "name"))
    var coder: String?
    @Option(name: .long, help: "Roll codes up to this depth (1: themes).") var level: Int?
    @Option(name: .long, help: "Output format.") var format: OutputFormat = .table
    @Option(name: .long, help: ArgumentHelp("Adjust p-values across codes: holm (family-wise) or bh (Benjamini-Hochberg false discovery rate).", valueName: "method"))
    var adjust: PValueAdjustment?

    func validate() throws {
        if let level, level < 1 { throw ValidationError("--level must be 1 or more") }
    }

    /// Prints the statistics: a rounded table with its notes under it, or exact CSV/TSV/JSON
    /// with the notes on standard error.
    func print<Rows: Encodable>(_ tabular: (Bool) -> Tabular, json: Rows, notes: [String], stderrNotes: [String]) throws {
        switch format {
        case .table:
            // Rows whose last cells are empty (a code's second group) end without padding.
            let lines = tabular(false).table().split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.replacingOccurrences(of: " +$", with: "", options: .regularExpression) }
            Console.output(lines.joined(separator: "\n") + notes.joined(separator: "\n"))
        case .csv:
            Console.writeOut(Data(tabular(true).csv().utf8))
        case .tsv:
            Console.writeOut(Data(tabular(true).tsv().utf8))
        case .json:
            try Console.printJSON(json)
        }
        if format != .table {
            for note in stderrNotes { Console.message("note: \(note)") }
        }
    }
}

extension PValueAdjustment: Choice {}
