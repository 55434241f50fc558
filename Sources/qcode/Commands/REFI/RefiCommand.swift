import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode refi ...`: REFI-QDA exchange with NVivo, ATLAS.ti, MAXQDA, QualCoder, Taguette.
    struct RefiCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refi",
            abstract: "Import REFI-QDA projects (.qdpx) and codebooks (.qdc).",
            discussion: """
                Export with 'qcode export qdpx --out F.qdpx' and 'qcode export qdc --out F.qdc'.
                """,
            subcommands: [ImportFile.self, Validate.self])

        /// Imports a `.qdpx` into `project` and prints what happened (shared with `qcode import`).
        static func importProject(_ project: Project, url: URL) throws {
            let report = try project.importQDPX(url: url)
            for warning in report.warnings { Console.message("warning: \(warning)") }
            let origin = report.origin.map { " from \($0)" } ?? ""
            Console.message("read \(url.lastPathComponent)\(origin); positions counted in \(report.positionUnit.rawValue)")
            if !report.existingDocuments.isEmpty {
                Console.message("\(report.existingDocuments.count) document(s) already in the project: \(report.existingDocuments.joined(separator: ", "))")
            }
            Console.message("""
                \(report.documents.count) document(s) imported, \(report.codes.added) code(s) added, \
                \(report.codes.updated) updated, \(report.codings) coding(s) by \(report.coders.count) coder(s)\
                \(report.duplicateCodings > 0 ? " (\(report.duplicateCodings) already there)" : ""), \(report.cases) case(s)
                """)
        }

        /// Imports a `.qdc` codebook into `project` (shared with `qcode codebook import`).
        static func importCodebook(_ project: Project, url: URL) throws {
            let data: Data
            do { data = try Data(contentsOf: url) } catch { throw ImportError(file: url.path, reason: "cannot be read") }
            let codebook = try Codebook.parseQDC(data: data, fileName: url.lastPathComponent)
            let report = try project.importCodebook(codebook, source: url.lastPathComponent)
            Console.message("\(report.added) code(s) added, \(report.updated) updated, \(report.unchanged) unchanged")
        }
    }
}

extension QCode.RefiCommand {
    /// `qcode refi import FILE`
    struct ImportFile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a REFI-QDA project (.qdpx) or codebook (.qdc).",
            discussion: """
                A .qdpx brings text sources (as documents), the codebook, cases with their \
                variables, and codings (by coders named like the exporting program's users) in \
                one transaction: on any error nothing is imported. Pictures, PDFs, audio and \
                video are skipped with a warning. NVivo's UTF-16 positions are converted. \
                A .qdc adds or updates codes as 'qcode codebook import' does.
                """)

        @OptionGroup var projectOptions: ProjectOptions

        @Argument(help: "A .qdpx or .qdc file.")
        var file: String

        func run() throws {
            try runReportingErrors {
                let url = URL(fileURLWithPath: file)
                let project = try projectOptions.open()
                switch url.pathExtension.lowercased() {
                case "qdc": try QCode.RefiCommand.importCodebook(project, url: url)
                default: try QCode.RefiCommand.importProject(project, url: url)
                }
            }
        }
    }

    /// `qcode refi validate FILE`
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that a .qdpx or .qdc can be imported, and say what it holds (imports nothing).")

        @Argument(help: "A .qdpx or .qdc file.")
        var file: String

        func run() throws {
            try runReportingErrors {
                let url = URL(fileURLWithPath: file)
                if url.pathExtension.lowercased() == "qdc" {
                    let data: Data
                    do { data = try Data(contentsOf: url) } catch { throw ImportError(file: url.path, reason: "cannot be read") }
                    let codebook = try Codebook.parseQDC(data: data, fileName: url.lastPathComponent)
                    Console.output("\(url.lastPathComponent): \(codebook.flattened.count) codes")
                    return
                }
                let reader = try QDPXReader(url: url)
                for warning in reader.warnings { Console.message("warning: \(warning)") }
                let origin = reader.origin.map { " (\($0))" } ?? ""
                Console.output("""
                    \(url.lastPathComponent)\(origin): \(reader.documentCount) text document(s), \(reader.codeCount) code(s), \
                    \(reader.codingCount) coding(s), \(reader.caseCount) case(s); positions in \(reader.positionUnit.rawValue)
                    """)
            }
        }
    }
}
