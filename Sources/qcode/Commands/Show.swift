import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode show DOC`
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a transcript by turns, with the codes applied beside the text.",
            discussion: "Offsets in JSON are Unicode scalar offsets into the stored NFC text, end exclusive; turn numbers start at 1.")

        @OptionGroup var projectOptions: ProjectOptions

        @Argument(help: "The document: its id, name, or a unique prefix of its name.", completion: ProjectCompletion.documents)
        var document: String

        @Option(name: .long, help: ArgumentHelp("Show only this coder's codings (blind coding).", valueName: "name"))
        var coder: String?

        @Flag(name: .long, help: "Show the codes applied under each turn.")
        var codes = false

        @Option(name: .long, help: "Output format.")
        var format: ShowFormat = .text

        @Option(name: .long, help: "Wrap width (default: the terminal's, else 100).")
        var width: Int?

        enum ShowFormat: String, Choice { case text, json }

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                let stored = try project.document(document)
                if format == .json {
                    try Console.printJSON(ShowJSON(stored))
                    return
                }
                var filter = SegmentFilter()
                filter.documents = [String(stored.id)]
                if let coder { filter.coders = [coder] }
                let segments = codes || coder != nil ? try project.segments(filter) : []
                let colours = Dictionary(try project.codes().map { ($0.path, $0.colour) }, uniquingKeysWith: { first, _ in first })
                let renderer = TranscriptRenderer(
                    document: stored, segments: segments, colours: colours,
                    width: width ?? Terminal.width() ?? 100, colour: Console.useColour)
                Console.outputExact(renderer.render())
            }
        }
    }
}

/// The `qcode show --format json` contract.
struct ShowJSON: Encodable {
    struct TurnJSON: Encodable {
        var index: Int
        var speaker: String?
        var start: Int
        var end: Int
        var time: Double?

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(speaker, forKey: .speaker)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
            try container.encode(time, forKey: .time)
        }

        enum CodingKeys: String, CodingKey { case index, speaker, start, end, time }
    }

    var id: Int64
    var name: String
    var `case`: String?
    var text: String
    var turns: [TurnJSON]

    init(_ document: StoredDocument) {
        id = document.id
        name = document.name
        self.case = document.caseName
        text = document.text
        turns = document.turns.enumerated().map { index, turn in
            TurnJSON(index: index + 1, speaker: turn.speaker, start: turn.span.start, end: turn.span.end, time: turn.time)
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(self.case, forKey: .case)
        try container.encode(text, forKey: .text)
        try container.encode(turns, forKey: .turns)
    }

    enum CodingKeys: String, CodingKey { case id, name, `case`, text, turns }
}
