import ArgumentParser
import Foundation
import QCodeKit

/// The formats of `export matrix` and `export cooccurrence`: a file format, or `table`, an
/// aligned text table for people.
enum TableExportFormat: Choice {
    case table
    case file(ExportFormat)

    static var allCases: [TableExportFormat] { ExportFormat.allCases.map { .file($0) } + [.table] }

    init?(rawValue: String) {
        if rawValue == "table" { self = .table; return }
        guard let format = ExportFormat(rawValue: rawValue) else { return nil }
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

/// `--out FILE` and `--format csv|tsv|json|jsonl|table` for the count tables (matrix,
/// co-occurrence). `table` on a terminal shades the counts (off with NO_COLOR, or when
/// the output is a file or a pipe).
struct ShadedTableOutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Write to this file ('-' or none: standard output).", valueName: "file"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp(
        "The format (default: from the --out extension, else csv). table: aligned text, shaded by count on a terminal (not with NO_COLOR).",
        valueName: "format"))
    var format: TableExportFormat?

    /// The output file, or nil for standard output.
    var file: String? { out == "-" ? nil : out }

    /// Writes a whole table; with `table`, numbers in `shading` columns are shaded when
    /// standard output is a colour terminal.
    func write(_ table: ExportTable, shading: Set<Int>) throws {
        let chosen = format ?? out.flatMap { ExportFormat(fileName: $0) }.map { TableExportFormat.file($0) } ?? .file(.csv)
        switch chosen {
        case .table:
            let text = ShadedTable.render(table, shading: shading, colour: file == nil && Console.useColour)
            try ExportDestination.write(text, to: file)
        case .file(let format):
            try ExportDestination.write(to: file) { try table.write(format, to: $0) }
        }
        if let file { Console.message("wrote \(table.rows.count) row(s) to \(file)") }
    }
}
