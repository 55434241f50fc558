import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode import FILES...`
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import transcripts (txt, md, docx, odt, vtt, srt, csv) or a REFI-QDA project (.qdpx).",
            discussion: """
                Each run is one transaction: if a file cannot be imported, nothing is, unless \
                --keep-going is given, which keeps the good files and reports the bad ones \
                (the exit status is then still 1). A file whose text is already in the project \
                is skipped. Files over 200 MB are refused.
                A folder imports every file below it (subfolders too, hidden ones not) whose \
                extension qcode reads, in name order; other files are listed as skipped.
                CSV files are open-ended survey answers: each row's text column(s) become \
                documents, the ID column names the case, the other columns become case attributes.
                """)

        @OptionGroup var projectOptions: ProjectOptions

        @Argument(help: "Files or folders to import.")
        var files: [String]

        @Option(name: .customLong("case"), help: ArgumentHelp("Link every document to this case (created if needed).", valueName: "id"))
        var caseName: String?

        @Option(name: .customLong("case-from"), help: ArgumentHelp(
            "Link each document to the case named by this regular expression's first group, applied to the file name, e.g. '^([A-Z]{2}[0-9]{2})'.",
            valueName: "regex"))
        var caseFrom: String?

        @Option(name: .long, help: "Input format (auto: by each file's extension).")
        var format: InputFormat = .auto

        @Option(name: .customLong("speaker-pattern"), help: ArgumentHelp(
            "A regular expression matching a speaker label at the start of a line; its first group is the speaker.",
            valueName: "regex"))
        var speakerPattern: String?

        @Option(name: .customLong("text-column"), help: ArgumentHelp("CSV: a column holding answer text (repeatable).", valueName: "name"))
        var textColumns: [String] = []

        @Option(name: .customLong("id-column"), help: ArgumentHelp("CSV: the column holding the participant ID.", valueName: "name"))
        var idColumn: String?

        @Flag(name: .customLong("keep-going"), help: "Import the good files even if some fail.")
        var keepGoing = false

        func validate() throws {
            if caseName != nil && caseFrom != nil {
                throw ValidationError("give --case or --case-from, not both")
            }
        }

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                var options = ImportOptions()
                options.format = format.sourceFormat
                options.speakerPattern = speakerPattern
                options.csvTextColumns = textColumns.isEmpty ? nil : textColumns
                options.csvIDColumn = idColumn
                let cases: CaseAssignment = caseName.map { .fixed($0) } ?? caseFrom.map { .fromFileName($0) } ?? .none
                if files.count == 1, URL(fileURLWithPath: files[0]).pathExtension.lowercased() == "qdpx" {
                    return try QCode.RefiCommand.importProject(project, url: URL(fileURLWithPath: files[0]))
                }
                let found = try ImportFiles.expand(files)
                if !found.unsupported.isEmpty {
                    let shown = found.unsupported.prefix(10).joined(separator: ", ")
                    let more = found.unsupported.count > 10 ? ", and \(found.unsupported.count - 10) more" : ""
                    Console.message("skipped \(found.unsupported.count) file(s) qcode does not read: \(shown)\(more)")
                }
                let urls = found.files
                let report: ImportReport
                do {
                    report = try project.importFiles(urls, options: options, cases: cases, keepGoing: keepGoing)
                } catch let error as ImportError {
                    Console.message("error: \(error)")
                    if urls.count > 1 {
                        Console.message("nothing imported (use --keep-going to import the other files)")
                    }
                    throw ExitCode.failure
                }
                for (file, message) in report.warnings {
                    Console.message("warning: \(file): \(message)")
                }
                for added in report.added {
                    let linked = added.caseName.map { ", case \($0)" } ?? ""
                    Console.message("imported \(added.name) (\(added.turns) turns, \(added.characters) characters\(linked))")
                }
                for (file, reason) in report.skipped {
                    Console.message("skipped \(file): \(reason)")
                }
                for failure in report.failed {
                    Console.message("error: \(failure)")
                }
                Console.message("\(report.added.count) imported, \(report.skipped.count) skipped, \(report.failed.count) failed")
                if !report.failed.isEmpty { throw ExitCode.failure }
            }
        }
    }
}

/// The files an import names: files as given, and for each folder every file below it
/// that qcode reads.
enum ImportFiles {
    /// Expands folders (recursively, in name order, skipping hidden files and folders).
    ///
    /// - Returns: the files to import, and the files in folders whose extension qcode does
    ///   not read (paths as the user would write them).
    /// - Throws: `ImportError` for a folder holding nothing qcode reads.
    static func expand(_ paths: [String]) throws -> (files: [URL], unsupported: [String]) {
        var files: [URL] = []
        var unsupported: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(URL(fileURLWithPath: path))
                continue
            }
            var readable: [URL] = []
            for relative in try filesBelow(path) {
                let joined = (path as NSString).appendingPathComponent(relative)
                if SourceFormat.detect(fileName: relative) != nil {
                    readable.append(URL(fileURLWithPath: joined))
                } else {
                    unsupported.append(joined)
                }
            }
            guard !readable.isEmpty else {
                let formats = SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ImportError(file: path, reason: "a folder with no file qcode reads (\(formats))")
            }
            files += readable
        }
        return (files, unsupported)
    }

    /// The paths, relative to `folder`, of the files below it that are not hidden and not
    /// inside a hidden folder, in name order.
    private static func filesBelow(_ folder: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw ImportError(file: folder, reason: "cannot be read")
        }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let full = (folder as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            if (relative as NSString).lastPathComponent.hasPrefix(".") {
                if isDirectory.boolValue { enumerator.skipDescendants() }
                continue
            }
            if !isDirectory.boolValue { found.append(relative) }
        }
        // Name order, folder by folder ("a/b.txt" sorts by "a", then by "b.txt"), ignoring
        // case as file browsers do; names that differ only in case keep a fixed order.
        func key(_ name: Substring) -> (String, String) { (name.lowercased(), String(name)) }
        return found.sorted {
            $0.split(separator: "/").lexicographicallyPrecedes($1.split(separator: "/")) { key($0) < key($1) }
        }
    }
}
