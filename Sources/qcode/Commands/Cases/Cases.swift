import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode cases ...`
    struct Cases: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage cases (participants) and their attributes.",
            subcommands: [ImportTable.self, List.self, Show.self, Link.self, Unlink.self, Rename.self, Remove.self, Merge.self,
                          SetValue.self, UnsetValue.self],
            defaultSubcommand: List.self)
    }
}

extension QCode.Cases {
    /// `qcode cases import survey.csv --id participant_id`
    struct ImportTable: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a survey table: one case per row, other columns as typed attributes.",
            discussion: "Types are inferred per column (integer, number, boolean, date, text). Empty cells and NA, n/a or . (any case) are missing, so a numeric column with them stays numeric. Dates are stored as ISO 8601 (yyyy-mm-dd; d/m/yyyy is read day first unless a value shows the column is month first). Re-importing updates values; a missing cell clears one.")

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
                for note in report.notes { Console.message("note: \(file): \(note)") }
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

    /// `qcode cases unlink DOC`
    struct Unlink: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unlink a document from its case.")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The document: id, name or unique name prefix.") var document: String

        func run() throws {
            try runReportingErrors {
                let result = try projectOptions.open().unlinkDocument(document)
                if let caseName = result.case {
                    Console.message("unlinked \(result.document) from case \(caseName)")
                } else {
                    Console.message("\(result.document) was not linked to a case")
                }
            }
        }
    }

    /// `qcode cases rename OLD NEW`
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a case; its documents and attributes stay.")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The case ID.") var caseName: String
        @Argument(help: "The new case ID.") var newName: String

        func run() throws {
            try runReportingErrors {
                let (old, new) = try projectOptions.open().renameCase(caseName, to: newName)
                Console.message(old == new ? "case \(old) already has that name" : "renamed case \(old) to \(new)")
            }
        }
    }

    /// `qcode cases remove CASE`
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a case and its attribute values; its documents stay, unlinked.")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The case ID.") var caseName: String

        func run() throws {
            try runReportingErrors {
                let documents = try projectOptions.open().removeCase(caseName)
                Console.message("removed case \(caseName); \(documents.count) document(s) unlinked"
                                + (documents.isEmpty ? "" : ": \(documents.joined(separator: ", "))"))
            }
        }
    }

    /// `qcode cases merge A B`
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge case A into case B: A's documents and attribute values move to B, then A is removed.",
            discussion: "Where both have a value for an attribute and the values differ, the merge is refused unless --prefer says whose to keep.")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The case to merge away (a).") var source: String
        @Argument(help: "The case that receives its documents and values (b).") var target: String
        @Option(name: .long, help: ArgumentHelp("Whose value wins where the two differ.", valueName: "a|b"))
        var prefer: CaseMergePreference?

        func run() throws {
            try runReportingErrors {
                let merge: CaseMerge
                do {
                    merge = try projectOptions.open().mergeCase(source, into: target, prefer: prefer)
                } catch CaseError.conflictingValues(let from, let into, let conflicts) {
                    let list = conflicts.map { "\($0.attribute) ('\($0.from)' vs '\($0.into)')" }.joined(separator: ", ")
                    throw CommandError("cases \(from) and \(into) have different values for \(list); give --prefer a to keep \(from)'s or --prefer b to keep \(into)'s")
                }
                Console.message("merged case \(merge.from) into \(merge.into): \(merge.documents) document(s) moved, \(merge.values) value(s) taken")
                for conflict in merge.conflicts {
                    let kept = prefer == .source ? conflict.from : conflict.into
                    Console.message("\(conflict.attribute): kept '\(kept)' (\(merge.from) had '\(conflict.from)', \(merge.into) '\(conflict.into)')")
                }
            }
        }
    }

    /// `qcode cases set CASE ATTR=VALUE`
    struct SetValue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a case's attribute value (checked against the attribute's type).",
            discussion: "A new attribute gets its type from the value, as 'cases import' infers a column's.")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The case ID.") var caseName: String
        @Argument(help: ArgumentHelp("The attribute and its value.", valueName: "attr=value")) var assignment: String

        func run() throws {
            try runReportingErrors {
                guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                    throw CommandError("expected ATTR=VALUE, got '\(assignment)'")
                }
                let change = try projectOptions.open().setCaseValue(
                    caseName, attribute: String(assignment[..<equals]), value: String(assignment[assignment.index(after: equals)...]))
                if change.newAttribute {
                    Console.message("added attribute \(change.attribute) (\(change.type.rawValue))")
                }
                if change.before == change.after {
                    Console.message("\(change.caseName): \(change.attribute) is already \(change.after ?? "")")
                } else {
                    Console.message("\(change.caseName): \(change.attribute) set to \(change.after ?? "")"
                                    + (change.before.map { " (was \($0))" } ?? ""))
                }
            }
        }
    }

    /// `qcode cases unset CASE ATTR`
    struct UnsetValue: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unset", abstract: "Clear a case's attribute value.")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The case ID.") var caseName: String
        @Argument(help: "The attribute.") var attribute: String

        func run() throws {
            try runReportingErrors {
                let change = try projectOptions.open().unsetCaseValue(caseName, attribute: attribute)
                if let before = change.before {
                    Console.message("\(change.caseName): \(change.attribute) cleared (was \(before))")
                } else {
                    Console.message("\(change.caseName): \(change.attribute) had no value")
                }
            }
        }
    }
}

extension CaseMergePreference: ExpressibleByArgument {}
