import ArgumentParser
import Foundation
import QCodeKit

extension QCode.Export {
    /// `qcode export codebook`
    struct ExportCodebook: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codebook",
            abstract: "The codebook as YAML, a Markdown appendix table, or a table (CSV, TSV, JSON).",
            discussion: """
                markdown: one table row per code with path, label, definition, include, exclude and \
                examples (pipes escaped, line breaks as <br>). csv/tsv/json/jsonl: one row per code \
                with path, id, parent_path, label, description, include, exclude, examples and \
                keywords (joined by " | "), colour. Without --format the format follows the --out \
                extension (.yaml, .yml, .md, .csv, .tsv, .json, .jsonl), else YAML.

                """ + QCode.Export.csvSafety)

        enum Format: String, Choice {
            case yaml, markdown, csv, tsv, json, jsonl

            /// The table format, for the formats that write the codebook as a table.
            var table: ExportFormat? {
                switch self {
                case .yaml, .markdown: nil
                case .csv: .csv
                case .tsv: .tsv
                case .json: .json
                case .jsonl: .jsonl
                }
            }
        }

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .long, help: ArgumentHelp("Write to this file ('-' or none: standard output).", valueName: "file"))
        var out: String?
        @Option(name: .long, help: "The format (default: from the --out extension, else yaml).") var format: Format?

        func run() throws {
            try runReportingErrors {
                let codebook = try projectOptions.open().codebook()
                let file = out == "-" ? nil : out
                let chosen = format ?? inferredFormat
                if let table = chosen.table {
                    try ExportDestination.write(to: file) { try codebook.exportTable().write(table, to: $0) }
                } else if chosen == .markdown {
                    try ExportDestination.write(codebook.markdownTable(), to: file)
                } else {
                    try ExportDestination.write(codebook.yamlString(), to: file)
                }
                if let file { Console.message("wrote \(file)") }
            }
        }

        private var inferredFormat: Format {
            switch out.map({ ($0 as NSString).pathExtension.lowercased() }) ?? "" {
            case "md", "markdown": return .markdown
            case "csv": return .csv
            case "tsv": return .tsv
            case "json": return .json
            case "jsonl": return .jsonl
            default: return .yaml
            }
        }
    }
}
