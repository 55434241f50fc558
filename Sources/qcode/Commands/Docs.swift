import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode docs`
    struct Docs: ParsableCommand {
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
