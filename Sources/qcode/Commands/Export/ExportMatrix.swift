import ArgumentParser
import Foundation
import QCodeKit

extension QCode.Export {
    /// `qcode export matrix`
    struct ExportMatrix: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "matrix",
            abstract: "One row per case (or document), one column per code: presence, count or coverage.",
            discussion: """
                Rows are the cases linked to at least one document (--by document: every document). \
                The case ID and the case attributes come first, then any --join columns, then one \
                column per code, counting the code's codings and its descendants'. --level N keeps \
                only codes down to depth N (1: themes), each rolling up its subtree. coverage is the \
                union of the coded characters divided by all characters of the case's documents.
                Column names are safe for R, SPSS and Stata: lower-case letters, digits and \
                underscores, starting with a letter, at most 32 characters, unique (for example \
                sc_community_belonging). A data dictionary (column, kind, code path, label, \
                description, values) goes beside --out as NAME.dictionary.csv, or to --dictionary.
                A case the coder has no coding in (in none of its documents) is missing, not 0: an \
                empty cell in CSV, null in JSON, system-missing in SPSS and Stata, since "not coded" \
                is not "absent". If the coder has marked one of its documents done (qcode docs done), \
                its silence means absent (0). With --by document, the same holds per document. SPSS \
                and Stata files label each code column with the code's label and path and, for \
                presence, 0 = absent and 1 = present.

                """ + QCode.Export.csvSafety + "\n\n" + QCode.Export.statisticsFiles)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var output: ShadedTableOutputOptions

        @Option(name: .long, help: "Rows: case or document.") var by: MatrixUnit = .case
        @Option(name: .long, help: "Cells: presence (0/1), count, or coverage (0 to 1).") var value: MatrixValue = .presence
        @Option(name: .long, help: "Roll codes up to this depth (1: themes).") var level: Int?
        @Option(name: .long, help: ArgumentHelp("Count this coder's codings, e.g. a consensus coder (needed when several coders coded).", valueName: "name"))
        var coder: String?
        @Option(name: .long, help: ArgumentHelp("Merge a survey table (CSV) by case ID.", valueName: "file")) var join: String?
        @Option(name: .long, help: ArgumentHelp("The ID column of --join (default: participant_id, id, case, ...).", valueName: "column"))
        var on: String?
        @Option(name: .long, help: ArgumentHelp("Write the data dictionary here.", valueName: "file")) var dictionary: String?
        @Flag(name: .customLong("no-dictionary"), help: "Do not write a data dictionary.") var noDictionary = false

        func validate() throws {
            if on != nil, join == nil { throw ValidationError("--on needs --join FILE") }
            if let level, level < 1 { throw ValidationError("--level must be 1 or more") }
        }

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                var matrix = try project.codeMatrix(CodeMatrixOptions(unit: by, value: value, level: level, coder: coder))
                if let join {
                    let table = try CaseTable.read(contentsOf: URL(fileURLWithPath: join), idColumn: on)
                    let name = (join as NSString).lastPathComponent
                    let report = matrix.join(table, source: name)
                    if !report.skippedColumns.isEmpty {
                        Console.message("join: left out \(name) column(s) already present as attributes: \(report.skippedColumns.joined(separator: ", "))")
                    }
                    if !report.onlyInMatrix.isEmpty {
                        Console.message("join: \(report.onlyInMatrix.count) case(s) in the matrix but not in \(name): \(report.onlyInMatrix.joined(separator: ", "))")
                    }
                    if !report.onlyInTable.isEmpty {
                        Console.message("join: \(report.onlyInTable.count) ID(s) in \(name) but not in the matrix: \(report.onlyInTable.joined(separator: ", "))")
                    }
                }
                let codeColumns = matrix.columns.indices.filter { matrix.columns[$0].kind == .code }
                try output.write(matrix.table, shading: Set(codeColumns), statistics: matrix.statisticsTable)
                if let path = dictionaryPath {
                    let format = ExportFormat(fileName: path) ?? .csv
                    try ExportDestination.write(to: path) { try matrix.dictionary.write(format, to: $0) }
                    Console.message("wrote the data dictionary to \(path)")
                }
            }
        }

        /// --dictionary, else NAME.dictionary.csv beside --out (none for standard output).
        private var dictionaryPath: String? {
            if noDictionary { return nil }
            if let dictionary { return dictionary }
            guard let file = output.file else { return nil }
            return (file as NSString).deletingPathExtension + ".dictionary.csv"
        }
    }
}
