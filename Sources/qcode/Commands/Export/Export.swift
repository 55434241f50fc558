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
            as -3) gets a leading apostrophe, so it is never run as a formula. TSV does the same and \
            turns tabs and line breaks inside cells into spaces. JSON is an array of objects with the \
            columns as keys, in column order; jsonl writes one object per line. Without --format the \
            format follows the --out extension (.csv, .tsv, .json, .jsonl), else CSV. Without --out \
            (or with --out -) the export goes to standard output.
            """
    }
}

/// `--out FILE` and `--format csv|tsv|json|jsonl` for table exports.
struct TableOutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Write to this file ('-' or none: standard output).", valueName: "file"))
    var out: String?

    @Option(name: .long, help: "The format (default: from the --out extension, else csv).")
    var format: ExportFormat?

    /// The format to write.
    var resolvedFormat: ExportFormat {
        format ?? out.flatMap { ExportFormat(fileName: $0) } ?? .csv
    }

    /// The output file, or nil for standard output.
    var file: String? { out == "-" ? nil : out }

    /// Writes a whole table.
    func write(_ table: ExportTable) throws {
        try ExportDestination.write(to: file) { try table.write(resolvedFormat, to: $0) }
        if let file { Console.message("wrote \(table.rows.count) row(s) to \(file)") }
    }
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
