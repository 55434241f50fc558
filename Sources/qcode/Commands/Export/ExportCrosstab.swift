import ArgumentParser
import QCodeKit

extension QCode.Export {
    /// `qcode export crosstab`
    struct ExportCrosstab: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crosstab",
            abstract: "Codes by the values of a case attribute (a matrix coding query).",
            discussion: """
                Each cell is the number of cases with that attribute value that have a coding of \
                the code or a descendant (--count segments: the number of such codings). Columns: \
                code, one per value, (missing) for coded cases without a value, and total. It counts \
                one coder's codings: --coder is needed when several coders have codings (for example \
                a consensus coder), so one coder's codes are never pooled with another's.

                """ + QCode.Export.csvSafety + "\n\n" + QCode.Export.statisticsFiles)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var output: TableOutputOptions

        @Option(name: .long, help: ArgumentHelp("The case attribute whose values make the columns.", valueName: "name"))
        var attribute: String
        @Option(name: .long, help: "What to count: cases or segments.") var count: CrosstabCount = .cases
        @Option(name: .long, help: "Roll codes up to this depth (1: themes).") var level: Int?
        @Option(name: .long, help: ArgumentHelp("Count this coder's codings, e.g. a consensus coder (needed when several coders coded).", valueName: "name"))
        var coder: String?

        func run() throws {
            try runReportingErrors {
                let table = try projectOptions.open().crosstab(
                    CrosstabOptions(attribute: attribute, count: count, level: level, coders: coder.map { [$0] } ?? []))
                try output.write(table)
            }
        }
    }
}
