import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode export KIND`
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export tables and documents for analysis beside survey data.",
            discussion: Export.csvSafety,
            subcommands: tableExports + refiExports)

        /// The table and document exports.
        static let tableExports: [ParsableCommand.Type] = [
            ExportSegments.self, ExportMatrix.self, ExportCooccurrence.self, ExportCrosstab.self,
            ExportJoint.self, ExportQuotes.self, ExportCodebook.self,
        ]

        /// What every table export's help says about its files.
        static let csvSafety = """
            CSV is RFC 4180 UTF-8 with CRLF line ends. To be safe to open in a spreadsheet, a cell \
            that starts with =, +, -, @, a tab or a carriage return (and is not a plain number such \
            as -3) gets a leading apostrophe, so it is never run as a formula (--raw, where offered, \
            writes cells exactly as they are, for analysis pipelines). TSV does the same and \
            turns tabs and line breaks inside cells into spaces. JSON is an array of objects with the \
            columns as keys, in column order, and never alters a value; jsonl writes one object per \
            line. Without --format the format follows the --out extension (.csv, .tsv, .json, \
            .jsonl), else CSV. Without --out (or with --out -) the export goes to standard output. \
            Dates are ISO 8601 (yyyy-mm-dd).
            """

        /// What the exports that write SPSS and Stata files say about them.
        static let statisticsFiles = """
            --format sav (SPSS) or dta (Stata 14+, format 118), or --out FILE.sav / FILE.dta, writes \
            a statistics file (it needs --out): variable names safe for both (at most 32 characters), \
            variable labels (a code's label and path, an attribute's or column's name), numbers as \
            numbers, dates as dates, text as strings (SPSS pads strings, so trailing spaces are \
            dropped), booleans as 0/1 labelled false/true, and empty cells as system-missing. \
            Values are never altered.
            """
    }
}

/// The formats of table exports: the text formats, and SPSS and Stata files.
enum TableFileFormat: String, Choice {
    case csv, tsv, json, jsonl, sav, dta
}

/// `--out FILE`, `--format csv|tsv|json|jsonl|sav|dta` and `--raw` for table exports.
struct TableOutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Write to this file ('-' or none: standard output).", valueName: "file"))
    var out: String?

    @Option(name: .long, help: "The format: csv, tsv, json, jsonl, sav (SPSS) or dta (Stata) (default: from the --out extension, else csv).")
    var format: TableFileFormat?

    @Flag(name: .long, help: "CSV and TSV: write cells exactly as they are (no apostrophe before a formula-like cell).")
    var raw = false

    /// Writes a whole table: as text, or (with `statistics` when given, else the table with
    /// its columns typed by their cells) as an SPSS or Stata file.
    func write(_ table: ExportTable, statistics: @autoclosure () -> StatisticsTable? = nil) throws {
        try resolved.write(table, statistics: statistics())
    }

    /// The chosen output as plain values.
    var resolved: TableFileOutput { TableFileOutput(out: out, format: format, raw: raw) }
    var resolvedFormat: ExportFormat { resolved.resolvedFormat }
    var statisticsFormat: StatisticsFormat? { resolved.statisticsFormat }
    var file: String? { resolved.file }
    func statisticsFile() throws -> String { try resolved.statisticsFile() }
}

/// Where and how a table export is written: the values of `--out`, `--format` and `--raw`.
struct TableFileOutput {
    var out: String?
    var format: TableFileFormat?
    var raw: Bool

    /// The text format to write (when ``statisticsFormat`` is nil).
    var resolvedFormat: ExportFormat {
        if let format { return ExportFormat(rawValue: format.rawValue) ?? .csv }
        return out.flatMap { ExportFormat(fileName: $0) } ?? .csv
    }

    /// SPSS or Stata, when chosen by --format or the --out extension.
    var statisticsFormat: StatisticsFormat? {
        if let format { return StatisticsFormat(rawValue: format.rawValue) }
        return out.flatMap { StatisticsFormat(fileName: $0) }
    }

    /// The output file, or nil for standard output.
    var file: String? { out == "-" ? nil : out }

    /// The file a statistics format is written to.
    /// - Throws: when there is none (statistics files are binary: they need --out).
    func statisticsFile() throws -> String {
        guard let file else { throw OutputOptionError(message: "--format \(statisticsFormat?.rawValue ?? "sav") writes a file: give --out FILE") }
        return file
    }

    /// Writes a whole table: as text, or (with `statistics` when given, else the table with
    /// its columns typed by their cells) as an SPSS or Stata file.
    func write(_ table: ExportTable, statistics: @autoclosure () -> StatisticsTable? = nil) throws {
        if let native = statisticsFormat {
            let file = try statisticsFile()
            let typed = statistics() ?? StatisticsTable(table)
            try ExportDestination.write(to: file) { try StatisticsFileWriter.write(typed, format: native, to: $0) }
        } else {
            try ExportDestination.write(to: file) { try table.write(resolvedFormat, to: $0, guardFormulas: !raw) }
        }
        if let file { Console.message("wrote \(table.rows.count) row(s) to \(file)") }
    }
}

/// A combination of output options that cannot be written.
struct OutputOptionError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Where an export goes: a file (written beside it, then renamed over it, so a failed
/// export never leaves half a file) or standard output.
enum ExportDestination {
    static func write(to file: String?, _ body: (ByteSink) throws -> Void) throws {
        guard let file else {
            let sink = ByteSink(handle: .standardOutput)
            try body(sink)
            try sink.flush()
            return
        }
        let url = URL(fileURLWithPath: file)
        // Never rename over something that is not a plain file (a folder, /dev/null, a pipe).
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
           isDirectory.boolValue || (try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) != .typeRegular {
            throw ExportFileError(path: file, reason: "not a regular file (leave out --out to write to standard output)")
        }
        let partial = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: partial.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: partial.path) else {
            throw ExportFileError(path: file)
        }
        let registrations = TemporaryFiles.register(partial)  // removed on SIGINT/SIGTERM/SIGHUP too
        defer { TemporaryFiles.unregister(registrations) }
        do {
            let sink = ByteSink(handle: handle)
            try body(sink)
            try sink.flush()
            try handle.close()
            guard rename(partial.path, url.path) == 0 else { throw ExportFileError(path: file) }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: partial)
            if let cocoa = error as? CocoaError, cocoa.code == .fileWriteOutOfSpace {
                throw ExportFileError(path: file, reason: "the disk is full; nothing was written")
            }
            if let posix = error as? POSIXError, posix.code == .ENOSPC {
                throw ExportFileError(path: file, reason: "the disk is full; nothing was written")
            }
            throw error
        }
    }

    /// Writes text to a file or standard output.
    static func write(_ text: String, to file: String?) throws {
        try write(to: file) { try $0.write(text) }
    }
}

/// A file that cannot be written.
struct ExportFileError: Error, CustomStringConvertible {
    var path: String
    var reason = "cannot write there"
    var description: String { "\(path): \(reason)" }
}
