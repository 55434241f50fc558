import ArgumentParser
import Foundation
import QCodeKit

extension QCode.Export {
    /// `qcode export segments`
    struct ExportSegments: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "segments",
            abstract: "One row per coding: document, case, speaker, turn, time, code, theme, coder, start, end, text, memo.",
            discussion: """
                theme is the code's top-level code. start/end are Unicode scalar offsets into the stored \
                NFC text, end exclusive; time is the start time (seconds) of the turn where the segment \
                starts. With --attributes every case attribute follows, under a name safe for R, SPSS \
                and Stata.

                """ + QCode.Export.csvSafety + "\n\n" + QCode.Export.statisticsFiles)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var output: TableOutputOptions
        @OptionGroup var filterOptions: SegmentFilterOptions

        @Flag(name: .long, help: "Add every case attribute as a column.")
        var attributes = false

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                let filter = try filterOptions.filter(checkedIn: project)
                var rows = 0
                if let native = output.statisticsFormat {
                    let file = try output.statisticsFile()
                    let table = try project.segmentsTable(filter, attributes: attributes)
                    rows = table.rows.count
                    try ExportDestination.write(to: file) { try StatisticsFileWriter.write(table, format: native, to: $0) }
                } else {
                    try ExportDestination.write(to: output.file) { sink in
                        rows = try project.exportSegments(filter, attributes: attributes, format: output.resolvedFormat, to: sink,
                                                          guardFormulas: !output.raw)
                    }
                }
                if let file = output.file { Console.message("wrote \(rows) segment(s) to \(file)") }
            }
        }
    }
}
