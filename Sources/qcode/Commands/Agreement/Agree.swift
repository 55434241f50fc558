import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode agree`
    struct Agree: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inter-coder agreement: from a ratings CSV, or between coders of this project.",
            discussion: """
                With --ratings FILE: reliability data as long CSV (unit,coder,value); no project needed.
                With --coders A,B[,...]: per code, per top-level theme and overall. A unit counts as coded \
                with a code by a coder when one of their codings of it (or of a descendant, unless \
                --no-children) overlaps it by --min-overlap characters. Only documents every coder has \
                coded count, unless --docs names them. Undefined figures are "—" (null in JSON, with notes).
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions
        @OptionGroup var comparison: ComparisonOptions

        @Option(name: .long, help: ArgumentHelp("Reliability data: CSV with columns unit,coder,value.", valueName: "file.csv"))
        var ratings: String?

        @Option(name: .long, help: "With --ratings: the level of measurement.")
        var level: MeasurementLevel = .nominal

        @Option(name: .long, help: ArgumentHelp("With --ratings: the categories, in order (default: the values seen).", valueName: "a,b,c"))
        var categories: String?

        @Option(name: .long, help: ArgumentHelp("With --ratings: bootstrap samples for alpha's interval.", valueName: "n"))
        var bootstrap: Int = 0

        @Option(name: .long, help: ArgumentHelp("With --bootstrap: the random seed.", valueName: "s"))
        var seed: UInt64 = 1

        @Option(name: .customLong("bootstrap-method"), help: ArgumentHelp(
            "With --bootstrap: pairs (value pairs drawn from the coincidence matrix, Hayes & Krippendorff's KALPHA) "
                + "or units (units drawn with replacement).", valueName: "method"))
        var bootstrapMethod: KrippendorffAlpha.BootstrapMethod = .pairs

        @Flag(name: .customLong("no-children"), help: "A code's row counts its own codings only, not its descendants'.")
        var noChildren = false

        @Option(name: .long, help: ArgumentHelp("Only this code's subtree.", valueName: "path"))
        var code: String?

        func validate() throws {
            guard (ratings == nil) != (comparison.coders == nil) else {
                throw ValidationError("give either --ratings FILE or --coders A,B")
            }
            guard bootstrap >= 0 else { throw ValidationError("--bootstrap must not be negative") }
            if ratings != nil, formatOptions.format != .table, formatOptions.format != .json {
                throw ValidationError("with --ratings, --format is table or json")
            }
        }

        func run() throws {
            try runReportingErrors {
                if let ratings {
                    try runRatings(ratings)
                } else {
                    try runProject()
                }
            }
        }

        private func runRatings(_ path: String) throws {
            let declared = categories.map { ComparisonOptions.list($0) }
            let data = try InputFileError.read(path)
            let summary: AgreementSummary
            do {
                summary = try RatingsCalculator.summary(csv: data, level: level, categories: declared,
                                                        bootstrap: bootstrap, seed: seed,
                                                        bootstrapMethod: bootstrapMethod)
            } catch let error as RatingsError {
                throw InputFileError(file: path, message: error.description)
            }
            if formatOptions.format == .json {
                Console.output(try summary.jsonString())
            } else {
                Console.output(summary.renderTable())
            }
        }

        private func runProject() throws {
            var request = ProjectAgreementRequest(coders: try comparison.coderNames())
            request.unit = try comparison.agreementUnit()
            request.minOverlap = comparison.minOverlap
            request.includeChildren = !noChildren
            request.code = code
            request.documents = comparison.documentNames()
            // On a team server the engine reads straight from PostgreSQL (no working copy).
            let report = try TeamSession.agreement(request, projectOptions: projectOptions)
                ?? projectOptions.openToCompareCoders().agreement(request)
            switch formatOptions.format {
            case .table: Console.output(report.renderTable())
            case .csv: Console.writeOut(Data(report.tabular().csv().utf8))
            case .tsv: Console.writeOut(Data(report.tabular().tsv().utf8))
            case .json: try Console.printJSON(report)
            }
        }
    }
}
