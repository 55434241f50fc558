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

        @OptionGroup var filterOptions: SegmentFilterOptions

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                let filter = try filterOptions.filter(checkedIn: project)
                if let streamed = formatOptions.format.exportFormat {
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
