import ArgumentParser
import QCodeKit

extension QCode.Stats {
    /// `qcode stats presence`
    struct StatsPresence: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "presence",
            abstract: "For each code, the cases with it in each group of an attribute, with tests.",
            discussion: """
                For each code: per value of --by, the cases and how many have the code (and the \
                percent), the adjusted standardised residual of "present" (beyond about ±2: more \
                or fewer cases with the code than independence predicts); Pearson's chi-square \
                without continuity correction, its df and p, Cramér's V; and Fisher's exact \
                two-sided p when two groups have cases. A chi-square table with an expected count \
                below 5 is marked * (its p may be inaccurate). A code no case has, or every case \
                has, gets no test.
                The table rounds; csv, tsv and json give every figure in full (json: one object \
                per code with its groups; figures that are undefined are null).

                Examples:
                  qcode stats presence --coder alice --by group --level 1
                  qcode stats presence --coder ben --by sex --adjust holm --format csv
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @Option(name: .long, help: ArgumentHelp("The case attribute whose values make the groups.", valueName: "attribute"))
        var by: String
        @OptionGroup var options: StatsOptions

        func run() throws {
            try runReportingErrors {
                let stats = try projectOptions.open().presenceStatistics(
                    coder: options.coder, by: by, level: options.level, adjustment: options.adjust)
                var stderrNotes = stats.leftOutNotes
                let small = stats.codes.filter(\.hasSmallExpected).count
                if small > 0 {
                    stderrNotes.insert("an expected count is below 5 for \(small) of \(stats.codes.count) code(s) "
                                       + "(min_expected): their chi-square p may be inaccurate", at: 0)
                }
                try options.print({ stats.tabular(exact: $0) }, json: stats.codes, notes: stats.notes, stderrNotes: stderrNotes)
            }
        }
    }
}
