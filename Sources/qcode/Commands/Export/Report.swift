import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode report`
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One self-contained HTML report of the project, with charts, for screen and print.",
            discussion: """
                The page holds: an overview (documents, cases, coders, each coder's progress: \
                documents with codings, and documents marked done with 'qcode docs done'); \
                codings per code and coder; with --by, a code x group heatmap (percent of each \
                group's coded cases with the code) and the joint display (see 'qcode export \
                joint'); a co-occurrence heatmap of the coder's codes per turn (count, shaded by \
                the Jaccard index); with two or more coders, Krippendorff's alpha per code (by \
                turn, a code counting its descendants) as a forest plot with 95% bootstrap \
                intervals (1000 resamples of value pairs, Hayes & Krippendorff, seed 1) and the \
                number of turns where two coders applied different codes; and the codebook as an \
                appendix.
                The file works offline: no script, and no font, image or style from anywhere \
                else; the charts are inline SVG. Printed (or saved as PDF) each section starts a \
                page and no chart is cut. Every name, code and quote from the project is escaped.

                Examples:
                  qcode report --coder alice --by group --level 1 --out report.html
                """)

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .long, help: ArgumentHelp("The coder of the group, joint display and co-occurrence sections (needed when several coders coded).", valueName: "name"))
        var coder: String?
        @Option(name: .long, help: ArgumentHelp("The case attribute whose values make the groups.", valueName: "attr"))
        var by: String?
        @Option(name: .long, help: "Only codes down to this depth (1: themes).") var level: Int?
        @Option(name: .long, help: ArgumentHelp("Quotes per joint display cell.", valueName: "n")) var quotes: Int = 1
        @Option(name: .long, help: ArgumentHelp("The coders compared for agreement, comma-separated (default: every coder with codings).", valueName: "names"))
        var coders: String?
        @Option(name: .long, help: "The report's title (default: the project file's name).") var title: String?
        @Option(name: .long, help: ArgumentHelp("Write the HTML here ('-': standard output).", valueName: "file"))
        var out: String

        func validate() throws {
            if let level, level < 1 { throw ValidationError("--level must be 1 or more") }
            if quotes < 0 { throw ValidationError("--quotes must not be negative") }
        }

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                var options = ReportOptions(coder: coder, attribute: by, level: level)
                options.quotes = quotes
                options.agreementCoders = (coders ?? "").split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                options.title = title ?? "Report: " + project.url.deletingPathExtension().lastPathComponent
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.dateFormat = "yyyy-MM-dd HH:mm"
                options.generated = formatter.string(from: Date())
                let html = try project.report(options)
                let file = out == "-" ? nil : out
                try ExportDestination.write(html, to: file)
                if let file { Console.message("wrote \(file)") }
            }
        }
    }
}
