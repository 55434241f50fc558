import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode code DOC CODE --turns 3-5`
    struct Code: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Code part of a document: by characters, turns, sentences, paragraphs, lines, search or speaker.",
            discussion: """
                A code is named by its path, a unique end of it, or its id (sc-lonely below). \
                Without a code and a range, the document opens in the terminal workspace.

                Examples:
                  qcode code GP02 healthcare-use/gp-visit-reasons --turns 4 --coder alice
                  qcode code SU12 loneliness-isolation --match 'lonel\\w*' -i --coder alice
                  qcode code GP02 sc-lonely --match lonely --scope sentence --coder ben
                  qcode code FG01 pathway/referral-route --speaker 'Dr Patel' --coder ben
                  qcode code SU07_ref --coder alice     (opens the terminal workspace)
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var coderOptions: CoderOptions
        @OptionGroup var selectionOptions: SelectionOptions

        @Argument(help: "The document: id, name, or unique name prefix.", completion: ProjectCompletion.documents)
        var document: String

        @Argument(help: "The code: path, unique path suffix, or id. Without a code and a range, the document opens in the terminal workspace (qcode tui).", completion: ProjectCompletion.codes)
        var code: String?

        @Option(name: .long, help: "A memo for the new coding(s).")
        var memo: String?

        func run() throws {
            try runReportingErrors {
                let coder = try coderOptions.name()
                guard let code else {
                    guard (try? selectionOptions.selection()) == nil else {
                        throw ValidationError("name the code to apply, or give no range to open the workspace")
                    }
                    return try QCode.TUI.open(projectOptions: projectOptions, coder: coder, document: document, showAll: false)
                }
                let selection = try selectionOptions.selection()
                let change = try projectOptions.open().code(document: document, code: code, coder: coder,
                                                            selection: selection, memo: memo)
                for span in change.changed { Console.output("coded \(span.start)-\(span.end)") }
                let duplicates = change.duplicates.isEmpty ? "" : " (\(change.duplicates.count) already coded)"
                Console.message("\(change.changed.count) coding(s) added\(duplicates)")
            }
        }
    }

    /// `qcode uncode DOC [CODE] --turns 3`
    struct Uncode: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a coder's codings that lie inside the selection.")

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var coderOptions: CoderOptions
        @OptionGroup var selectionOptions: SelectionOptions

        @Argument(help: "The document.", completion: ProjectCompletion.documents)
        var document: String

        @Argument(help: "The code (default: every code).", completion: ProjectCompletion.codes)
        var code: String?

        @Flag(name: .long, help: "Also remove codings of the code's descendants.")
        var children = false

        func run() throws {
            try runReportingErrors {
                let change = try projectOptions.open().uncode(document: document, code: code, coder: try coderOptions.name(),
                                                              selection: try selectionOptions.selection(), children: children)
                Console.message("\(change.changed.count) coding(s) removed")
            }
        }
    }

    /// `qcode codings import FILE`
    struct Codings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import codings from a CSV file.",
            discussion: """
                Header row with document, coder, code, and one of: quote (text occurring once in \
                the document), turns (3 or 3-5), or start and end (scalar offsets, end exclusive); \
                memo is optional. One transaction: a bad row imports nothing.
                """,
            subcommands: [ImportCSV.self])

        struct ImportCSV: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "import", abstract: "Import codings from CSV.")

            @OptionGroup var projectOptions: ProjectOptions

            @Argument(help: "The CSV file.")
            var file: String

            func run() throws {
                try runReportingErrors {
                    let url = URL(fileURLWithPath: file)
                    let data: Data
                    do { data = try Data(contentsOf: url) } catch { throw ImportError(file: file, reason: "cannot be read") }
                    let text = try TranscriptTextDecoder.decode(data, fileName: file).text
                    let report = try projectOptions.open().importCodings(csv: text, file: file)
                    Console.message("\(report.added) coding(s) imported for \(report.coders.joined(separator: ", "))\(report.duplicates > 0 ? " (\(report.duplicates) already there)" : "")")
                }
            }
        }
    }
}
