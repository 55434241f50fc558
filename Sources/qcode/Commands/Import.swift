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
                documents, the ID column names the case (without one, the case is FILE#ROW, or \
                none with --no-cases), the other columns become case attributes. An answer holding \
                speaker labels ([doctor] ... [patient] ..., or Doctor: lines) becomes their turns. \
                A CSV with a speaker column and a statement, text, utterance or transcript column \
                is one conversation (one row per turn; a timestamp, time or start column gives \
                the times): one document per file, or per --conversation-column value.
                Speaker labels are found by looking at the whole file; a file where they are \
                doubtful gets a warning with counts. Check with --preview first.
                On a terminal, progress (files, bytes, time left) is shown on stderr.
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

        @Option(name: .customLong("conversation-column"), help: ArgumentHelp(
            "CSV with one row per utterance: one document per value of this column (default: one per file).",
            valueName: "name"))
        var conversationColumn: String?

        @Flag(name: .customLong("no-cases"), help: "CSV without an ID column: make no case per row (default: FILE#ROW).")
        var noCases = false

        @Flag(name: .customLong("keep-going"), help: "Import the good files even if some fail.")
        var keepGoing = false

        @Flag(name: .long, help: "Print the detected turns, speakers and times of each file; import nothing (no project needed).")
        var preview = false

        @Flag(name: [.customShort("q"), .long], help: "Print only errors.")
        var quiet = false

        @Flag(name: [.customShort("v"), .long], help: "Print every document and every skipped row and file.")
        var verbose = false

        func validate() throws {
            if caseName != nil && caseFrom != nil {
                throw ValidationError("give --case or --case-from, not both")
            }
            if quiet && verbose {
                throw ValidationError("give --quiet or --verbose, not both")
            }
        }

        func run() throws {
            try runReportingErrors {
                var options = ImportOptions()
                options.format = format.sourceFormat
                options.speakerPattern = speakerPattern
                options.csvTextColumns = textColumns.isEmpty ? nil : textColumns
                options.csvIDColumn = idColumn
                options.conversationColumn = conversationColumn
                options.noCases = noCases
                if preview {
                    return try ImportPreview.run(files, options: options, quiet: quiet)
                }
                let project = try projectOptions.open()
                let cases: CaseAssignment = caseName.map { .fixed($0) } ?? caseFrom.map { .fromFileName($0) } ?? .none
                if files.count == 1, URL(fileURLWithPath: files[0]).pathExtension.lowercased() == "qdpx" {
                    return try QCode.RefiCommand.importProject(project, url: URL(fileURLWithPath: files[0]))
                }
                let found = try ImportFiles.expand(files)
                if !found.unsupported.isEmpty && !quiet {
                    let limit = verbose ? Int.max : 10
                    let shown = found.unsupported.prefix(limit).joined(separator: ", ")
                    let more = found.unsupported.count > limit ? ", and \(found.unsupported.count - limit) more" : ""
                    Console.message("skipped \(found.unsupported.count) file(s) qcode does not read: \(shown)\(more)")
                }
                let urls = found.files
                let meter = ImportProgressMeter(enabled: !quiet && isatty(STDERR_FILENO) == 1)
                let report: ImportReport
                do {
                    report = try project.importFiles(urls, options: options, cases: cases, keepGoing: keepGoing,
                                                     progress: meter.update)
                    meter.finish()
                } catch let error as ImportError {
                    meter.finish()
                    Console.message("error: \(error)")
                    if urls.count > 1 {
                        Console.message("nothing imported (use --keep-going to import the other files)")
                    }
                    throw ExitCode.failure
                } catch {
                    meter.finish()
                    throw error
                }
                ImportSummary(report: report, quiet: quiet, verbose: verbose).print()
                if !report.failed.isEmpty { throw ExitCode.failure }
            }
        }
    }
}

/// What `qcode import` prints after importing.
struct ImportSummary {
    var report: ImportReport
    var quiet: Bool
    var verbose: Bool

    func print() {
        defer {
            for failure in report.failed { Console.message("error: \(failure)") }
        }
        guard !quiet else { return }
        for (file, message) in report.warnings {
            Console.message("warning: \(file): \(message)")
        }
        // Per file: one line for a file of one document (or with --verbose, per document);
        // a file of many documents (CSV rows) is one line.
        var files: [String] = []
        var byFile: [String: [ImportReport.Added]] = [:]
        for added in report.added {
            if byFile[added.file] == nil { files.append(added.file) }
            byFile[added.file, default: []].append(added)
        }
        for file in files {
            let documents = byFile[file]!
            if verbose || documents.count == 1 {
                for added in documents {
                    let linked = added.caseName.map { ", case \($0)" } ?? ""
                    Console.message("imported \(added.name) (\(added.turns) turns, \(added.characters) characters\(linked))")
                }
            } else {
                let turns = documents.reduce(0) { $0 + $1.turns }
                let characters = documents.reduce(0) { $0 + $1.characters }
                let cases = Set(documents.compactMap(\.caseName)).count
                let linked = cases > 0 ? ", \(cases) case(s)" : ""
                Console.message("imported \(file): \(documents.count) documents (\(turns) turns, \(characters) characters\(linked))")
            }
        }
        var skippedFiles: [String] = []
        var skippedBy: [String: [String]] = [:]
        for (file, reason) in report.skipped {
            if skippedBy[file] == nil { skippedFiles.append(file) }
            skippedBy[file, default: []].append(reason)
        }
        for file in skippedFiles {
            let reasons = skippedBy[file]!
            if verbose || reasons.count == 1 {
                for reason in reasons { Console.message("skipped \(file): \(reason)") }
            } else {
                Console.message("skipped \(reasons.count) document(s) of \(file): their text is already in the project")
            }
        }
        if verbose, !report.casesCreated.isEmpty {
            Console.message("created \(report.casesCreated.count) case(s): \(report.casesCreated.joined(separator: ", "))")
        }
        Console.message("\(report.added.count) imported, \(report.skipped.count) skipped, \(report.failed.count) failed")
    }
}

/// The progress line of an import on a terminal: files done, bytes, time left, redrawn
/// at most ten times a second on standard error and cleared at the end.
final class ImportProgressMeter {
    private let enabled: Bool
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ progress: ImportProgress) {
        guard enabled, progress.files < progress.totalFiles else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        var line = "importing: \(progress.files)/\(progress.totalFiles) files, "
            + "\(Self.size(progress.bytes)) of \(Self.size(progress.totalBytes))"
        let elapsed = now.timeIntervalSince(started)
        if progress.bytes > 0, elapsed >= 1 {
            let left = elapsed * Double(progress.totalBytes - progress.bytes) / Double(progress.bytes)
            line += ", about \(Self.duration(left)) left"
        }
        Console.writeErr(Data("\r\u{1B}[K\(line)".utf8))
        drawn = true
    }

    func finish() {
        guard drawn else { return }
        Console.writeErr(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.0f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / 1024 / 1024)
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        return s < 60 ? "\(s) s" : "\(s / 60) min \(s % 60) s"
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
