import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode memo`
    struct Memo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a memo on a document (--doc) or a coding (--coding ID, see 'qcode segments').")

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .long, help: "The document.") var doc: String?
        @Option(name: .long, help: "The coding's id.") var coding: Int64?
        @Argument(help: "The memo text (empty to clear).") var text: String

        func validate() throws {
            if (doc == nil) == (coding == nil) { throw ValidationError("give --doc DOC or --coding ID") }
        }

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                let memo = text.isEmpty ? nil : text
                if let doc { try project.setDocumentMemo(doc, memo: memo) }
                if let coding { try project.setCodingMemo(id: coding, memo: memo) }
                Console.message(memo == nil ? "memo cleared" : "memo saved")
            }
        }
    }

    /// `qcode log`
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the audit trail, newest first.")

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions
        @Option(name: .long, help: "How many entries.") var limit = 30

        func run() throws {
            try runReportingErrors {
                let entries = try projectOptions.open().auditEntries(limit: limit)
                let table = Tabular(headers: ["id", "at", "who", "action", "summary"],
                                    rows: entries.map { [String($0.id), $0.at, $0.actor ?? "", $0.action, $0.summary] })
                try formatOptions.print(table, json: entries)
            }
        }
    }
}
