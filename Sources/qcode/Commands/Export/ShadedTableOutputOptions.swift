import ArgumentParser
import Foundation
import QCodeKit

/// The formats of `export matrix` and `export cooccurrence`: a file format, or `table`, an
/// aligned text table for people.
enum TableExportFormat: Choice {
    case table
    case file(TableFileFormat)

    static var allCases: [TableExportFormat] { TableFileFormat.allCases.map { .file($0) } + [.table] }

    init?(rawValue: String) {
        if rawValue == "table" { self = .table; return }
        guard let format = TableFileFormat(rawValue: rawValue) else { return nil }
        self = .file(format)
    }

    var rawValue: String {
        switch self {
        case .table: "table"
        case .file(let format): format.rawValue
        }
    }

    var defaultValueDescription: String { rawValue }
}

/// `--out FILE`, `--format csv|tsv|json|jsonl|sav|dta|table` and `--raw` for the count tables
/// (matrix, co-occurrence). `table` on a terminal shades the counts (off with NO_COLOR, or
/// when the output is a file or a pipe).
struct ShadedTableOutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Write to this file ('-' or none: standard output).", valueName: "file"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp(
        "The format: csv, tsv, json, jsonl, sav (SPSS), dta (Stata), or table (aligned text, shaded by count on a terminal, not with NO_COLOR) (default: from the --out extension, else csv).",
        valueName: "format"))
    var format: TableExportFormat?

    @Flag(name: .long, help: "CSV and TSV: write cells exactly as they are (no apostrophe before a formula-like cell).")
    var raw = false

    /// The output file, or nil for standard output.
    var file: String? { out == "-" ? nil : out }

    /// Writes a whole table; with `table`, numbers in `shading` columns are shaded when
    /// standard output is a colour terminal; SPSS and Stata files use `statistics` when given.
    func write(_ table: ExportTable, shading: Set<Int>, statistics: @autoclosure () -> StatisticsTable? = nil) throws {
        if case .table? = format {
            let text = ShadedTable.render(table, shading: shading, colour: file == nil && Console.useColour)
            try ExportDestination.write(text, to: file)
            if let file { Console.message("wrote \(table.rows.count) row(s) to \(file)") }
            return
        }
        var chosen: TableFileFormat?
        if case .file(let format)? = format { chosen = format }
        try TableFileOutput(out: out, format: chosen, raw: raw).write(table, statistics: statistics())
    }
}
