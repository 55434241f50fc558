import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode docs ...`
    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, rename, remove or replace documents; mark them fully coded.",
            subcommands: [List.self, Rename.self, Remove.self, Replace.self, Done.self],
            defaultSubcommand: List.self)
    }
}

extension QCode.Docs {
    /// `qcode docs [list]`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the documents.")

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions

        func run() throws {
            try runReportingErrors {
                let documents = try projectOptions.open().documents()
                let table = Tabular(
                    headers: ["id", "name", "case", "characters", "turns", "speakers"],
                    rows: documents.map { [String($0.id), $0.name, $0.case ?? "", String($0.characters), String($0.turns), $0.speakers.joined(separator: ", ")] })
                try formatOptions.print(table, json: documents.map(DocumentJSON.init))
            }
        }
    }

    /// `qcode docs rename DOC NEW`
    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a document (names are unique, ignoring case). 'qcode undo' reverses it.")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The document: id, name, or unique name prefix.", completion: ProjectCompletion.documents) var document: String
        @Argument(help: "The new name.") var name: String

        func run() throws {
            try runReportingErrors {
                let renamed = try projectOptions.open().renameDocument(document, to: name)
                Console.message(renamed.old == renamed.new ? "\(renamed.old) already has that name" : "renamed \(renamed.old) to \(renamed.new)")
            }
        }
    }

    /// `qcode docs remove DOC [--force]`
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a document with its turns (and, with --force, its codings and memos).",
            discussion: "A document with codings is kept unless --force is given; then its codings and memos go with it. 'qcode undo' brings everything back.")

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The document: id, name, or unique name prefix.", completion: ProjectCompletion.documents) var document: String
        @Flag(name: .long, help: "Remove it even though it has codings.") var force = false

        func run() throws {
            try runReportingErrors {
                do {
                    let removal = try projectOptions.open().removeDocument(document, force: force)
                    Console.message("removed \(removal.document) with \(removal.codings) coding(s) and \(removal.memos) memo(s)")
                } catch let error as DocumentLifecycleError {
                    guard case .hasCodings = error else { throw error }
                    Console.message("error: \(error); give --force to remove them too")
                    throw ExitCode.failure
                }
            }
        }
    }

    /// `qcode docs replace DOC FILE`
    struct Replace: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a document's text with a corrected version; codings follow their words.",
            discussion: """
                The new file is read as 'qcode import' reads it (same formats and speaker labels). \
                Every coding moves with its words, found by a diff of the old and new text, so a \
                coding of "gas bil" becomes a coding of "gas bill". A coding whose words were \
                deleted is listed (id, code, coder, old offsets, old text) and not kept. Turns, \
                paragraphs and sentences are re-split. 'qcode undo' restores the old text and \
                every coding exactly. Offsets are Unicode scalar offsets into the stored NFC text.
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @Argument(help: "The document: id, name, or unique name prefix.", completion: ProjectCompletion.documents) var document: String
        @Argument(help: "The corrected transcript file.") var file: String
        @Option(name: .customLong("speaker-pattern"), help: ArgumentHelp(
            "A regular expression for speaker labels, as for 'qcode import'.", valueName: "regex"))
        var speakerPattern: String?

        func run() throws {
            try runReportingErrors {
                var options = ImportOptions()
                options.speakerPattern = speakerPattern
                let result = try projectOptions.open().replaceDocument(
                    document, with: URL(fileURLWithPath: file), options: options)
                for lost in result.lost {
                    Console.message("lost coding \(lost.codingID) (\(lost.code), \(lost.coder), \(lost.old.start)-\(lost.old.end)): \"\(lost.text)\": \(lost.reason)")
                }
                Console.message("replaced the text of \(result.document): \(result.characters) characters, \(result.turns) turns; \(result.unchanged) coding(s) unchanged, \(result.moved.count) moved, \(result.lost.count) lost")
            }
        }
    }
}

extension QCode.Docs {
    /// `qcode docs done DOC... [--coder NAME] [--undo]`
    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark documents as fully coded by a coder (or take the mark off with --undo).",
            discussion: """
                A mark says the coder read the whole document. Exports then tell "coded, nothing \
                found" from "not coded": in 'qcode export matrix' a case none of whose documents \
                holds the coder's codings is 0 when one of them is marked, and missing otherwise. \
                'qcode status' shows the marks. 'qcode undo' reverses a marking.

                Examples:
                  qcode docs done SU07_referral GP02_interview --coder alice
                  qcode docs done GP02_interview --coder alice --undo
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var coderOptions: CoderOptions
        @Argument(help: "The documents: id, name, or unique name prefix.") var documents: [String]
        @Flag(name: .long, help: "Take the mark off instead.") var undo = false

        func validate() throws {
            guard !documents.isEmpty else { throw ValidationError("name at least one document") }
        }

        func run() throws {
            try runReportingErrors {
                let marking = try projectOptions.open().markDocumentsDone(documents, coder: try coderOptions.name(), done: !undo)
                let verb = undo ? "no longer marked fully coded" : "marked fully coded"
                for name in marking.changed { Console.message("\(name): \(verb) by \(marking.coder)") }
                for name in marking.unchanged {
                    Console.message("\(name): \(undo ? "was not marked" : "already marked") by \(marking.coder)")
                }
            }
        }
    }
}

/// The `qcode docs --format json` contract.
struct DocumentJSON: Encodable {
    var id: Int64
    var name: String
    var `case`: String?
    var characters: Int
    var turns: Int
    var speakers: [String]
    var format: String

    init(_ summary: DocumentSummary) {
        id = summary.id
        name = summary.name
        self.case = summary.case
        characters = summary.characters
        turns = summary.turns
        speakers = summary.speakers
        format = summary.format
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(self.case, forKey: .case)
        try container.encode(characters, forKey: .characters)
        try container.encode(turns, forKey: .turns)
        try container.encode(speakers, forKey: .speakers)
        try container.encode(format, forKey: .format)
    }

    enum CodingKeys: String, CodingKey { case id, name, `case`, characters, turns, speakers, format }
}
