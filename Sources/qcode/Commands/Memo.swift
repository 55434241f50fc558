import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode memo`
    struct Memo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a memo on a document (--doc) or a coding (--coding ID, see 'qcode segments').",
            discussion: "The memo records who wrote it (--coder) and when; 'qcode memos' lists them.")

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var coderOptions: CoderOptions

        @Option(name: .long, help: "The document.") var doc: String?
        @Option(name: .long, help: "The coding's id.") var coding: Int64?
        @Argument(help: "The memo text (empty to clear).") var text: String

        func validate() throws {
            if (doc == nil) == (coding == nil) { throw ValidationError("give --doc DOC or --coding ID") }
        }

        func run() throws {
            try runReportingErrors {
                let author = try coderOptions.name()
                let project = try projectOptions.open()
                let memo = text.isEmpty ? nil : text
                let entry: MemoEntry
                if let doc {
                    entry = try project.setDocumentMemo(doc, memo: memo, author: author)
                } else {
                    entry = try project.setCodingMemo(id: coding!, memo: memo, author: author)
                }
                Console.message("\(memo == nil ? "memo cleared" : "memo saved") on \(Memos.describe(entry))\(entry.author.map { " by \($0)" } ?? "")")
            }
        }
    }

    /// `qcode memos`
    struct Memos: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List document and coding memos with who wrote them and when.",
            discussion: """
                One row per memo: kind (document or coding), document, coding id, code, start, \
                end, author, time (UTC) and text. Memos written before qcode recorded authors \
                have no author or time.

                Examples:
                  qcode memos
                  qcode memos --doc GP02_interview --format json
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions

        @Option(name: .long, help: "Only this document's memos.") var doc: String?
        @Option(name: .long, help: ArgumentHelp("Only memos written by this coder.", valueName: "name")) var coder: String?

        func run() throws {
            try runReportingErrors {
                let memos = try projectOptions.open().memos(document: doc, author: coder)
                if memos.isEmpty {
                    Console.message("no memos" + (doc.map { " on \($0)" } ?? "") + (coder.map { " by \($0)" } ?? ""))
                }
                let table = Tabular(
                    headers: ["kind", "document", "coding", "code", "start", "end", "author", "time", "text"],
                    rows: memos.map { memo in
                        [memo.kind.rawValue, memo.document, memo.codingID.map(String.init) ?? "", memo.code ?? "",
                         memo.start.map(String.init) ?? "", memo.end.map(String.init) ?? "", memo.author ?? "",
                         memo.at ?? "", memo.text]
                    })
                try formatOptions.print(table, json: memos)
            }
        }

        /// "document NAME" or "coding ID (CODE START-END in NAME)".
        static func describe(_ memo: MemoEntry) -> String {
            switch memo.kind {
            case .document:
                return "document \(memo.document)"
            case .coding:
                return "coding \(memo.codingID ?? 0) (\(memo.code ?? "") \(memo.start ?? 0)-\(memo.end ?? 0) in \(memo.document))"
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
