import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode segments`
    struct Segments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List coded segments with their text.",
            discussion: """
                start/end are Unicode scalar offsets into the stored NFC text, end exclusive; text is \
                exactly that slice. speaker, turn and time are those of the turn where the segment \
                starts; theme is the top-level code. CSV cells a spreadsheet would run as a formula \
                (starting with =, +, -, @, tab or CR) get a leading apostrophe.
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions

        @Option(name: .long, help: "Only this code (and its descendants unless --no-children).") var code: String?
        @Flag(name: .customLong("no-children"), help: "With --code: not its descendants.") var noChildren = false
        @Option(name: .long, help: "Only this coder (repeatable).") var coder: [String] = []
        @Option(name: .long, help: "Only this document (repeatable).") var doc: [String] = []
        @Option(name: .customLong("case"), help: "Only this case (repeatable).") var caseName: [String] = []
        @Option(name: .long, help: "Only segments starting in this speaker's turns.") var speaker: String?
        @Option(name: .long, help: ArgumentHelp("Only cases whose attribute has this value (repeatable).", valueName: "attr=value"))
        var `where`: [String] = []

        func run() throws {
            try runReportingErrors {
                var filter = SegmentFilter()
                filter.code = code
                filter.includeChildren = !noChildren
                filter.coders = coder
                filter.documents = doc
                filter.cases = caseName
                filter.speaker = speaker
                filter.attributes = try `where`.map { condition in
                    guard let equals = condition.firstIndex(of: "="), equals != condition.startIndex else {
                        throw SegmentError.badCondition(condition)
                    }
                    return (String(condition[..<equals]), String(condition[condition.index(after: equals)...]))
                }
                let project = try projectOptions.open()
                if let streamed = ExportFormat(rawValue: formatOptions.format.rawValue) {
                    // Machine formats stream straight from the database (fast for 500,000 rows).
                    let sink = ByteSink(handle: FileHandle.standardOutput)
                    try project.exportSegments(filter, format: streamed, to: sink)
                    try sink.flush()
                    return
                }
                let segments = try project.segments(filter)
                let table = Tabular(
                    headers: ["id", "document", "case", "code", "coder", "start", "end", "speaker", "text", "memo"],
                    rows: segments.map { [String($0.id), $0.document, $0.case ?? "", $0.code, $0.coder, String($0.start),
                                          String($0.end), $0.speaker ?? "", $0.text, $0.memo ?? ""] })
                try formatOptions.print(table, json: segments)
            }
        }
    }
}
