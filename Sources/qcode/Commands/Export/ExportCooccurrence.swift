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
                named by code path. It counts one coder's codings: --coder is needed when several \
                coders have codings (for example a consensus coder), so one coder's code is never \
                counted against another coder's code in the same unit.
                --pairs writes one row per pair of codes instead: code_a, code_b, unit, n_a, n_b, \
                n_ab, c_coefficient (ATLAS.ti's, n_ab / (n_a + n_b - n_ab)) and jaccard (|A and B| / \
                |A or B| of the units coded with each), both computed on the --unit given. On turns \
                and documents the two are the same number; for segments n_ab counts overlapping \
                pairs of codings, so c can exceed 1, and jaccard is empty (segments are not shared \
                units).

                """ + QCode.Export.csvSafety)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var output: ShadedTableOutputOptions

        @Option(name: .long, help: "turn, segment or document.") var unit: CooccurrenceUnit = .turn
        @Option(name: .long, help: "Roll codes up to this depth (1: themes).") var level: Int?
        @Option(name: .long, help: ArgumentHelp("Count this coder's codings, e.g. a consensus coder (needed when several coders coded).", valueName: "name"))
        var coder: String?
        @Flag(name: .long, help: "One row per pair of codes with counts, c-coefficient and Jaccard.") var pairs = false

        func run() throws {
            try runReportingErrors {
                let options = CooccurrenceOptions(unit: unit, level: level, coders: coder.map { [$0] } ?? [])
                let project = try projectOptions.open()
                let table = try pairs ? project.cooccurrencePairs(options) : project.cooccurrence(options)
                try output.write(table, shading: pairs ? [] : Set(1..<table.columns.count))
            }
        }
    }
}
