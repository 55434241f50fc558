import ArgumentParser
import QCodeKit

extension QCode.Stats {
    /// `qcode stats compare`
    struct StatsCompare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "For each code, a numeric outcome in cases with it against coded cases without it.",
            discussion: """
                The outcome is a numeric case attribute, or with --baseline its change \
                (outcome minus baseline). For each code: n, mean, SD (n - 1) and median of the \
                outcome in the cases with the code (+) and in the coded cases without it (-); \
                Welch's t (+ minus -), its df and two-sided p; the Mann-Whitney U of the + group \
                with its two-sided p from the normal approximation with tie and continuity \
                corrections (scipy's method="asymptotic"); and Hedges' g, Cohen's d with the \
                pooled SD times 1 - 3/(4(n+ + n-) - 9). A test a group is too small for is left \
                empty (null in json). An outcome value that is not a number is an error.
                The table rounds; csv, tsv and json give every figure in full.

                Examples:
                  qcode stats compare --coder alice --outcome gp_visits_after --level 1
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @Option(name: .long, help: ArgumentHelp("The numeric case attribute to compare.", valueName: "attribute"))
        var outcome: String
        @Option(name: .long, help: ArgumentHelp("Compare the change: outcome minus this attribute.", valueName: "attribute"))
        var baseline: String?
        @OptionGroup var options: StatsOptions

        func run() throws {
            try runReportingErrors {
                let comparison = try projectOptions.open().outcomeComparison(
                    coder: options.coder, outcome: outcome, baseline: baseline, level: options.level,
                    adjustment: options.adjust)
                try options.print({ comparison.tabular(exact: $0) }, json: comparison.codes,
                                  notes: comparison.notes, stderrNotes: Array(comparison.notes.dropFirst(2)))
            }
        }
    }
}
