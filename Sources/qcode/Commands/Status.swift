import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode status [--format table|csv|tsv|json]`
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The project at a glance: each document's turns, each coder's codings, turns coded and done marks.",
            discussion: """
                Per document and coder: codings (as many as 'qcode segments' lists), turns that \\
                a coding overlaps, and whether the coder marked the document fully coded ('qcode \\
                docs done'). Then per coder: totals and the last activity (UTC). Coders with no \\
                codings and no marks are not shown.

                JSON: {"documents":[{"document","turns","coders":{"NAME":{"codings","turns_coded","done"}}}],
                       "coders":[{"coder","codings","documents_coded","documents_done","turns_coded","last_activity"}]}
                CSV and TSV give one row per document and coder.

                Examples:
                  qcode status
                  qcode status --format json
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions

        func run() throws {
            try runReportingErrors {
                let status = try projectOptions.open().projectStatus()
                let json = StatusJSON(status)
                switch formatOptions.format {
                case .json:
                    try Console.printJSON(json)
                case .csv, .tsv:
                    try formatOptions.print(Self.perDocumentAndCoder(status), json: json)
                case .table:
                    if status.coders.isEmpty {
                        Console.message("no codings yet: 'qcode code --coder NAME' adds them")
                    }
                    Console.output(Self.perDocument(status).table())
                    if !status.coders.isEmpty {
                        Console.output("")
                        Console.output(Self.perCoder(status).table())
                    }
                }
            }
        }

        /// One row per document, a column per coder: "codings · turns coded/turns", and "done".
        static func perDocument(_ status: ProjectStatus) -> Tabular {
            let names = status.coders.map(\.coder)
            return Tabular(headers: ["document", "turns"] + names, rows: status.documents.map { row in
                [row.document, String(row.turns)] + names.map { name in
                    guard let progress = row.coders[name] else { return "" }
                    return "\(progress.codings) · \(progress.turnsCoded)/\(row.turns)" + (progress.done ? " done" : "")
                }
            })
        }

        /// Per coder: totals and last activity.
        static func perCoder(_ status: ProjectStatus) -> Tabular {
            Tabular(headers: ["coder", "codings", "documents coded", "documents done", "turns coded", "last activity"],
                    rows: status.coders.map { coder in
                        [coder.coder, String(coder.codings), "\(coder.documentsCoded)/\(status.documents.count)",
                         "\(coder.documentsDone)/\(status.documents.count)", String(coder.turnsCoded), coder.lastActivity ?? ""]
                    })
        }

        /// One row per document and coder.
        static func perDocumentAndCoder(_ status: ProjectStatus) -> Tabular {
            Tabular(headers: ["document", "turns", "coder", "codings", "turns_coded", "done"],
                    rows: status.documents.flatMap { row in
                        status.coders.map(\.coder).compactMap { name -> [String]? in
                            guard let progress = row.coders[name] else { return nil }
                            return [row.document, String(row.turns), name, String(progress.codings),
                                    String(progress.turnsCoded), progress.done ? "1" : "0"]
                        }
                    })
        }
    }
}

/// The `qcode status --format json` contract.
struct StatusJSON: Encodable {
    struct Progress: Encodable {
        var codings: Int
        var turns_coded: Int
        var done: Bool
    }

    struct Document: Encodable {
        var document: String
        var turns: Int
        var coders: [String: Progress]
    }

    struct Coder: Encodable {
        var coder: String
        var codings: Int
        var documents_coded: Int
        var documents_done: Int
        var turns_coded: Int
        var last_activity: String?

        enum CodingKeys: String, CodingKey {
            case coder, codings, documents_coded, documents_done, turns_coded, last_activity
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(coder, forKey: .coder)
            try container.encode(codings, forKey: .codings)
            try container.encode(documents_coded, forKey: .documents_coded)
            try container.encode(documents_done, forKey: .documents_done)
            try container.encode(turns_coded, forKey: .turns_coded)
            try container.encode(last_activity, forKey: .last_activity)  // null when none
        }
    }

    var documents: [Document]
    var coders: [Coder]

    init(_ status: ProjectStatus) {
        documents = status.documents.map { row in
            Document(document: row.document, turns: row.turns,
                     coders: row.coders.mapValues { Progress(codings: $0.codings, turns_coded: $0.turnsCoded, done: $0.done) })
        }
        coders = status.coders.map {
            Coder(coder: $0.coder, codings: $0.codings, documents_coded: $0.documentsCoded, documents_done: $0.documentsDone,
                  turns_coded: $0.turnsCoded, last_activity: $0.lastActivity)
        }
    }
}
