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

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case yaml, markdown, csv, tsv, json, jsonl
        }

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .long, help: ArgumentHelp("Write to this file ('-' or none: standard output).", valueName: "file"))
        var out: String?
        @Option(name: .long, help: "yaml, markdown, csv, tsv, json or jsonl.") var format: Format?

        func run() throws {
            try runReportingErrors {
                let codebook = try projectOptions.open().codebook()
                let file = out == "-" ? nil : out
                switch format ?? inferredFormat {
                case .yaml: try ExportDestination.write(codebook.yamlString(), to: file)
                case .markdown: try ExportDestination.write(codebook.markdownTable(), to: file)
                case .csv, .tsv, .json, .jsonl:
                    let tableFormat = ExportFormat(rawValue: (format ?? inferredFormat).rawValue)!
                    try ExportDestination.write(to: file) { try codebook.exportTable().write(tableFormat, to: $0) }
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
