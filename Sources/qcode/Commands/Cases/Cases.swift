import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode cases ...`
    struct Cases: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage cases (participants) and their attributes.",
            subcommands: [ImportTable.self, List.self, Show.self, Link.self],
            defaultSubcommand: List.self)
    }
}

extension QCode.Cases {
    /// `qcode cases import survey.csv --id participant_id`
    struct ImportTable: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a survey table: one case per row, other columns as typed attributes.",
            discussion: "Types are inferred per column (integer, number, boolean, date, text). Re-importing updates values; an empty cell clears one.")

        @OptionGroup var projectOptions: ProjectOptions

        @Argument(help: "A CSV file with a header row.")
        var file: String

        @Option(name: .long, help: ArgumentHelp("The column with the case ID (default: participant_id, id, case, ...).", valueName: "column"))
        var id: String?

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                let table = try CaseTable.read(contentsOf: URL(fileURLWithPath: file), idColumn: id)
                let report = try project.importCases(table, source: (file as NSString).lastPathComponent)
                for warning in table.warnings { Console.message("warning: \(file): \(warning)") }
                let types = report.attributes.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", ")
                Console.message("\(report.created) case(s) created, \(report.updated) updated; attributes: \(types)")
            }
        }
    }

    /// `qcode cases list`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cases with their attributes.")

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                let attributes = try project.attributes()
                let cases = try project.cases()
                let table = Tabular(
                    headers: ["case", "documents"] + attributes.map(\.name),
                    rows: cases.map { record in
                        [record.name, String(record.documents.count)]
                            + attributes.map { record.attributes[$0.name]?.description ?? "" }
                    })
                try formatOptions.print(table, json: cases)
            }
        }
    }

    /// `qcode cases show ID`
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one case: attributes and documents.")

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions

        @Argument(help: "The case ID.")
        var name: String

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                let record = try project.caseRecord(name)
                let attributes = try project.attributes()
                var rows = attributes.compactMap { attribute in
                    record.attributes[attribute.name].map { [attribute.name, $0.description] }
                }
                rows.append(["documents", record.documents.joined(separator: ", ")])
                try formatOptions.print(Tabular(headers: ["attribute", record.name], rows: rows), json: record)
            }
        }
    }

    /// `qcode cases link DOC CASE`
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link a document to a case.")

        @OptionGroup var projectOptions: ProjectOptions

        @Argument(help: "The document: id, name or unique name prefix.")
        var document: String

        @Argument(help: "The case ID.")
        var caseName: String

        @Flag(name: .long, help: "Create the case if it does not exist.")
        var create = false

        func run() throws {
            try runReportingErrors {
                try projectOptions.open().link(document: document, toCase: caseName, create: create)
                Console.message("linked \(document) to case \(caseName)")
            }
        }
    }
}
