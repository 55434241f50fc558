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
                CSV files are open-ended survey answers: each row's text column(s) become \
                documents, the ID column names the case, the other columns become case attributes.
                """)

        @OptionGroup var projectOptions: ProjectOptions

        @Argument(help: "Files to import.")
        var files: [String]

        @Option(name: .customLong("case"), help: ArgumentHelp("Link every document to this case (created if needed).", valueName: "id"))
        var caseName: String?

        @Option(name: .customLong("case-from"), help: ArgumentHelp(
            "Link each document to the case named by this regular expression's first group, applied to the file name, e.g. '^([A-Z]{2}[0-9]{2})'.",
            valueName: "regex"))
        var caseFrom: String?

        @Option(name: .long, help: "Input format: auto, txt, md, docx, odt, vtt, srt or csv (default: by extension).")
        var format: String = "auto"

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
            if format != "auto" && SourceFormat(rawValue: format) == nil {
                throw ValidationError("unknown format '\(format)' (auto, \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                var options = ImportOptions()
                options.format = SourceFormat(rawValue: format)
                options.speakerPattern = speakerPattern
                options.csvTextColumns = textColumns.isEmpty ? nil : textColumns
                options.csvIDColumn = idColumn
                let cases: CaseAssignment = caseName.map { .fixed($0) } ?? caseFrom.map { .fromFileName($0) } ?? .none
                let urls = files.map { URL(fileURLWithPath: $0) }
                if urls.count == 1, urls[0].pathExtension.lowercased() == "qdpx" {
                    return try QCode.RefiCommand.importProject(project, url: urls[0])
                }
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
