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
                code, one per value, (missing) for coded cases without a value, and total.

                """ + QCode.Export.csvSafety)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var output: TableOutputOptions

        @Option(name: .long, help: ArgumentHelp("The case attribute whose values make the columns.", valueName: "name"))
        var attribute: String
        @Option(name: .long, help: "What to count: cases or segments.") var count: CrosstabCount = .cases
        @Option(name: .long, help: "Roll codes up to this depth (1: themes).") var level: Int?
        @Option(name: .long, help: "Only this coder's codings (repeatable; default: every coder).") var coder: [String] = []

        func run() throws {
            try runReportingErrors {
                let table = try projectOptions.open().crosstab(
                    CrosstabOptions(attribute: attribute, count: count, level: level, coders: coder))
                try output.write(table)
            }
        }
    }
}
