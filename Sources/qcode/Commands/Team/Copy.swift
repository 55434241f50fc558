import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode copy --for-coder NAME --out FILE`
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a blind copy of the project for one coder (or with no codings).",
            discussion: """
                The copy has the same documents (text, turns, paragraphs, sentences), codebook \
                (same code ids), cases, attributes and document memos, and only that coder's \
                codings: no other coder's codings, memos or audit entries. The coder codes the \
                copy on their own machine; 'qcode merge COPY' brings the work back.

                Examples:
                  qcode copy --for-coder alice --out alice.qcode
                  qcode copy --empty --out blank.qcode
                """)

        @OptionGroup var projectOptions: ProjectOptions

        @Option(name: .customLong("for-coder"), help: ArgumentHelp("Keep only this coder's codings.", valueName: "name"))
        var coder: String?

        @Flag(name: .long, help: "Keep no codings at all.")
        var empty = false

        @Option(name: .long, help: ArgumentHelp("The new project file (must not exist).", valueName: "path"))
        var out: String

        func validate() throws {
            if (coder == nil) == !empty { throw ValidationError("give --for-coder NAME or --empty") }
        }

        func run() throws {
            try runReportingErrors {
                Console.outputPath = out
                let report = try projectOptions.open().copy(to: URL(fileURLWithPath: out), forCoder: coder)
                let whose = report.coder.map { "\($0)'s \(report.codings) coding(s)" } ?? "no codings"
                Console.message("wrote \(out): \(report.documents) document(s), \(report.codes) code(s), \(report.cases) case(s), \(whose)")
            }
        }
    }
}
