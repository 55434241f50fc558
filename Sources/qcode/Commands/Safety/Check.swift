import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode check`
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the project file for damage and broken rules.",
            discussion: """
                Runs SQLite's integrity_check and foreign_key_check, then qcode's own checks: \
                codings inside their documents and pointing to existing codes and coders, turns \
                inside their documents and in order, no cycles in the code tree, document text \
                matching its stored SHA-256 hash, and well-formed paragraph and sentence spans. \
                Prints one line per problem; exit status 1 if there is any.
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions

        @Option(name: .long, help: "List at most this many problems of each kind.")
        var limit: Int = 100

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                let problems = try project.check(limit: limit)
                if formatOptions.format == .table {
                    for problem in problems { Console.output(problem.message) }
                } else {
                    let table = Tabular(headers: ["kind", "problem"], rows: problems.map { [$0.kind.rawValue, $0.message] })
                    try formatOptions.print(table, json: problems)
                }
                if problems.isEmpty {
                    Console.message("\(project.url.lastPathComponent): no problems found")
                } else {
                    Console.message("\(project.url.lastPathComponent): \(problems.count) problem(s) found")
                    throw ExitCode.failure
                }
            }
        }
    }
}
