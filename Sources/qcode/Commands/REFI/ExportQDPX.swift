import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode export qdpx --out F.qdpx`
    struct ExportQDPX: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "qdpx",
            abstract: "Write the project as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder.",
            discussion: """
                Documents, codebook (tree, colours, descriptions), cases with typed attributes, \
                coders, codings and memos. Positions are Unicode code points, as the standard \
                says. GUIDs are stable: exporting again gives the same ones.
                """)

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .long, help: ArgumentHelp("The file to write.", valueName: "file"))
        var out: String

        func run() throws {
            try runReportingErrors {
                let report = try projectOptions.open().exportQDPX(to: URL(fileURLWithPath: out))
                Console.message("""
                    wrote \(out): \(report.documents) document(s), \(report.codes) code(s), \(report.codings) coding(s), \
                    \(report.cases) case(s), \(report.users) user(s), \(report.notes) note(s)
                    """)
            }
        }
    }

    /// `qcode export qdc --out F.qdc`
    struct ExportQDC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "qdc",
            abstract: "Write the codebook as a REFI-QDA codebook (.qdc); stdout without --out.")

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .long, help: ArgumentHelp("The file to write.", valueName: "file"))
        var out: String?

        func run() throws {
            try runReportingErrors {
                let xml = try projectOptions.open().exportQDC()
                if let out {
                    try Data(xml.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
                    Console.message("wrote \(out)")
                } else {
                    Console.outputExact(xml)
                }
            }
        }
    }
}
