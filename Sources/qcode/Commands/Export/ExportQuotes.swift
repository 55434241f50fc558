import ArgumentParser
import Foundation
import QCodeKit

extension QCode.Export {
    /// `qcode export quotes`
    struct ExportQuotes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quotes",
            abstract: "Coded segments by theme and code, as Markdown or HTML, for a results section.",
            discussion: """
                Themes (top-level codes) and codes follow the codebook; each quote is followed by \
                the participant ID (its case, else its document), in a focus group (a document with \
                more than two speakers) the speaker of the turn it starts in, and the --attributes \
                chosen, e.g. "- FG01, speaker LW02 (group: focus group)". A \
                passage coded alike by several coders is shown once; choose a coder (for example \
                --coder consensus) to quote one coding. Without --format the format follows the \
                --out extension (.html, .htm), else Markdown.
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var filterOptions: SegmentFilterOptions

        @Option(name: .long, help: ArgumentHelp("Write to this file ('-' or none: standard output).", valueName: "file"))
        var out: String?
        @Option(name: .long, help: "The format (default: from the --out extension, else markdown).") var format: QuotesFormat?
        @Option(name: .long, help: ArgumentHelp("Case attributes to show beside participant IDs (comma-separated).", valueName: "names"))
        var attributes: [String] = []
        @Option(name: .long, help: "The document's title.") var title = "Coded segments by theme"

        func run() throws {
            try runReportingErrors {
                let ext = out.map { ($0 as NSString).pathExtension.lowercased() } ?? ""
                let chosen = format ?? (["html", "htm"].contains(ext) ? .html : .markdown)
                let names = attributes.flatMap { $0.split(separator: ",") }
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let project = try projectOptions.open()
                let options = QuotesOptions(filter: try filterOptions.filter(checkedIn: project), attributes: names, title: title)
                let document = try project.quotes(options, format: chosen)
                let file = out == "-" ? nil : out
                try ExportDestination.write(document, to: file)
                if let file { Console.message("wrote \(file)") }
            }
        }
    }
}
