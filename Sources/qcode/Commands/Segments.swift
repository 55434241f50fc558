import ArgumentParser
import Foundation
import QCodeKit
import QCodeServer

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

                --context N adds the N turns before the turn where a segment starts and the N \
                after the turn where it ends, as before and after (one turn a line, as \
                SPEAKER: text); the table shows them dimmed.
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions

        @OptionGroup var filterOptions: SegmentFilterOptions

        @Option(name: .long, help: ArgumentHelp("Add the N turns before and after each segment.", valueName: "n"))
        var context = 0

        func validate() throws {
            if context < 0 { throw ValidationError("--context must be 0 or more") }
        }

        func run() throws {
            try runReportingErrors {
                if let streamed = formatOptions.format.exportFormat, let server = try TeamSession.serverURL(projectOptions) {
                    // On a team server, machine formats stream straight from PostgreSQL (no working copy).
                    let sink = ByteSink(handle: FileHandle.standardOutput)
                    try TeamServer.exportSegments(try filterOptions.filter(), contextTurns: context, format: streamed, to: sink, at: server)
                    try sink.flush()
                    return
                }
                let project = try projectOptions.open()
                let filter = try filterOptions.filter(checkedIn: project)
                if let streamed = formatOptions.format.exportFormat {
                    // Machine formats stream straight from the database (fast for 500,000 rows).
                    let sink = ByteSink(handle: FileHandle.standardOutput)
                    try project.exportSegments(filter, contextTurns: context, format: streamed, to: sink)
                    try sink.flush()
                    return
                }
                if context > 0 {
                    var table = StyledTable(columns: [
                        .init(header: "id", rightAligned: true), .init(header: "document", maxWidth: 30),
                        .init(header: "code", maxWidth: 40), .init(header: "coder", maxWidth: 16),
                        .init(header: "speaker", maxWidth: 16), .init(header: "before", style: .dim, maxWidth: 40),
                        .init(header: "text"), .init(header: "after", style: .dim, maxWidth: 40),
                    ])
                    table.rows = try project.segments(filter, contextTurns: context).map { segment, around in
                        [String(segment.id), segment.document, segment.code, segment.coder, segment.speaker ?? "",
                         around.before, segment.text, around.after]
                    }
                    Console.outputExact(table.render(colour: Console.useColour))
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
