import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode disagreements`
    struct Disagreements: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the units where two coders applied different codes.",
            discussion: """
                Each code counts exactly (a child is not its parent). With --confusion, cross-tabulate \
                which child of --code each coder applied to each unit, with Cohen's kappa.
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions
        @OptionGroup var comparison: ComparisonOptions

        @Option(name: .long, help: ArgumentHelp("Only this code's subtree (with --confusion: the parent).", valueName: "path"))
        var code: String?

        @Flag(name: .long, help: "Print a confusion matrix of the children of --code instead.")
        var confusion = false

        func run() throws {
            try runReportingErrors {
                var request = DisagreementRequest(coders: try comparison.coderNames())
                request.unit = try comparison.agreementUnit()
                request.minOverlap = comparison.minOverlap
                request.code = code
                request.documents = comparison.documentNames()
                let project = try projectOptions.openToCompareCoders()
                if confusion {
                    guard code != nil else { throw ValidationError("--confusion needs --code PARENT") }
                    try printConfusion(try project.confusionMatrix(request))
                    return
                }
                let rows = try project.disagreements(request)
                let coders = request.coders
                let table = Tabular(
                    headers: ["document", "unit", "start", "end", "only \(coders[0])", "only \(coders[1])", "text"],
                    rows: rows.map { [$0.document, String($0.unit), String($0.start), String($0.end),
                                      $0.onlyA.joined(separator: "; "), $0.onlyB.joined(separator: "; "), $0.text] })
                try formatOptions.print(table, json: rows)
            }
        }

        private func printConfusion(_ matrix: ConfusionMatrix) throws {
            var table = Tabular(headers: ["\(matrix.coders[0]) \\ \(matrix.coders[1])"] + matrix.categories)
            for (index, row) in matrix.counts.enumerated() {
                table.rows.append([matrix.categories[index]] + row.map(String.init))
            }
            switch formatOptions.format {
            case .json:
                try Console.printJSON(matrix)
            case .csv, .tsv:
                try formatOptions.print(table, json: matrix)
            case .table:
                var text = "Confusion matrix for the children of \(matrix.code) over \(matrix.units) units "
                text += "(rows \(matrix.coders[0]), columns \(matrix.coders[1]))\n\n" + table.table()
                let percent = matrix.percentAgreement.map { String(format: "%.3f", $0) } ?? "—"
                let kappa = matrix.cohenKappa.map { String(format: "%.3f", $0) } ?? "—"
                text += "\nPercent agreement \(percent) · Cohen's kappa \(kappa)\n"
                Console.output(text)
            }
        }
    }
}
