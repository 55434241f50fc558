import ArgumentParser
import QCodeKit

extension QCode.Export {
    /// `qcode export cooccurrence`
    struct ExportCooccurrence: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cooccurrence",
            abstract: "Code by code: how many units are coded with both codes.",
            discussion: """
                The unit is a speaker turn (default), a segment (two overlapping codings) or a \
                document. A code counts its descendants' codings too; the diagonal is the number of \
                units coded with the code (for segments, its codings). --level N keeps codes down to \
                depth N (1: themes). The first column holds the code path; the other columns are \
                named by code path.

                """ + QCode.Export.csvSafety)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var output: ShadedTableOutputOptions

        @Option(name: .long, help: "turn, segment or document.") var unit: CooccurrenceUnit = .turn
        @Option(name: .long, help: "Roll codes up to this depth (1: themes).") var level: Int?
        @Option(name: .long, help: "Only this coder's codings (repeatable; default: every coder).") var coder: [String] = []

        func run() throws {
            try runReportingErrors {
                let table = try projectOptions.open().cooccurrence(CooccurrenceOptions(unit: unit, level: level, coders: coder))
                try output.write(table, shading: Set(1..<table.columns.count))
            }
        }
    }
}
