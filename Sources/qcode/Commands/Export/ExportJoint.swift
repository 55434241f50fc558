import ArgumentParser
import Foundation
import QCodeKit

extension JointDisplayFormat: Choice {}

extension QCode.Export {
    /// `qcode export joint`
    struct ExportJoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "joint",
            abstract: "A joint display: codes by the values of a case attribute, with counts and quotes.",
            discussion: """
                One row per code (--level 1: per theme, rolling up its subtree), one column per \
                value of the --by attribute (numbers by size, other values alphabetically, \
                (missing) last). Each cell holds cases/coded_cases (percent) and up to --quotes \
                quotes. cases: the group's cases with a coding of the code or a descendant by the \
                coder. coded_cases: the group's cases the coder coded at all (a case the coder \
                never coded is missing, as in 'export matrix', and is not counted). percent: \
                cases / coded_cases x 100 (null when coded_cases is 0).
                Quotes are only the coder's own segments of the code in the group's cases: one per \
                participant (case) before a second from anyone, shortest first, ties in text order; \
                longer than 200 characters they are cut at a word, with an ellipsis. Each is attributed \
                to its case and, in a focus group (a document with more than two speakers), to the \
                speaker of the turn it starts in.
                JSON: [{"code", "value", "cases", "coded_cases", "percent", "quotes": [{"case", \
                "document", "speaker", "text"}]}], code by code, value by value. CSV: one row per \
                code with four columns per value (cases, coded cases, percent, quotes). md and \
                html are documents for people. --stats adds a last column with the code's figures \
                from 'qcode stats presence' (exploratory, not corrected for multiple comparisons); in \
                JSON each cell then has "stats": {"chi2", "df", "p", "cramers_v", "fisher_p"}. Without --format the format follows the --out \
                extension (.md, .html, .csv, .json), else md.

                Examples:
                  qcode export joint --coder alice --by group --level 1 --quotes 1
                  qcode export joint --coder alice --by group --level 1 --stats --format csv
                """)

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .long, help: ArgumentHelp("Count and quote this coder's codings (needed when several coders coded).", valueName: "name"))
        var coder: String?
        @Option(name: .long, help: ArgumentHelp("The case attribute whose values make the columns.", valueName: "attr"))
        var by: String
        @Option(name: .long, help: ArgumentHelp("Quotes per cell at most.", valueName: "n")) var quotes: Int = 2
        @Option(name: .long, help: "Roll codes up to this depth (1: themes).") var level: Int?
        @Option(name: .long, help: "The format (default: from the --out extension, else md).") var format: JointDisplayFormat?
        @Option(name: .long, help: ArgumentHelp("Write to this file ('-' or none: standard output).", valueName: "file"))
        var out: String?
        @Flag(name: .long, help: "Add each code's 'stats presence' figures: chi-square, df, p, Cramér's V, Fisher's p.")
        var stats = false

        func validate() throws {
            if let level, level < 1 { throw ValidationError("--level must be 1 or more") }
            if quotes < 0 { throw ValidationError("--quotes must not be negative") }
        }

        func run() throws {
            try runReportingErrors {
                let chosen = format ?? out.flatMap { JointDisplayFormat(fileName: $0) } ?? .md
                let project = try projectOptions.open()
                let display = try project.jointDisplay(JointDisplayOptions(attribute: by, coder: coder, level: level, quotes: quotes, statistics: stats))
                let title = "Codes by \(by)" + (display.coder.map { " (coder \($0))" } ?? "")
                let file = out == "-" ? nil : out
                try ExportDestination.write(try display.rendered(chosen, title: title), to: file)
                if let file { Console.message("wrote \(display.codes.count) code(s) x \(display.values.count) value(s) to \(file)") }
            }
        }
    }
}
