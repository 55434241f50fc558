import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode reconcile`
    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a consensus coder from two coders' codings.",
            discussion: """
                Where both coders applied a code to a unit, the consensus gets the union of their codings \
                of it inside the unit. Each disagreement (only one applied it) is a line of the decisions \
                file (default NAME-decisions.csv): write keep or drop in its decision column and run again. \
                keep adds that coder's coding (inside the unit) to the consensus; drop leaves it out. \
                Decisions can be changed and run again: keep changed to drop removes the coding it \
                added, drop changed to keep adds it. \
                With --unit character or continuum the text is compared code by code instead: each stretch \
                both coded becomes a consensus coding, and each stretch only one coded is a disagreement. \
                Re-running adds nothing twice. One transaction; recorded in the audit log.
                """)

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var comparison: ComparisonOptions

        @Option(name: .long, help: ArgumentHelp("The consensus coder to write.", valueName: "name"))
        var into: String

        @Option(name: .long, help: ArgumentHelp("The decisions file to read (if it exists) and update.", valueName: "file.csv"))
        var decisions: String?

        func run() throws {
            try runReportingErrors {
                let coders = try comparison.coderNames()
                guard coders.count == 2 else { throw ValidationError("reconcile compares exactly two coders") }
                let path = decisions ?? "\(into)-decisions.csv"
                var previous: [ReconcileDecision] = []
                if FileManager.default.fileExists(atPath: path) {
                    let data = try InputFileError.read(path)
                    do {
                        previous = try ReconcileDecisionsFile.parse(data: data, file: path)
                    } catch let error as AgreementError {
                        if case .badDecisionsFile = error { throw error }
                        throw InputFileError(file: path, message: error.description)
                    }
                }
                let unit = try comparison.agreementUnit()
                let report = try projectOptions.openToCompareCoders().reconcile(
                    coders: coders, into: into, unit: unit, minOverlap: comparison.minOverlap,
                    documents: comparison.documentNames(), decisions: previous)
                let agreed = unit == .character || unit == .continuum ? "coded stretch(es)" : "unit-code pair(s)"
                var lines = ["\(into): \(report.agreed) agreed \(agreed), \(report.kept) kept, \(report.dropped) dropped, "
                             + "\(report.pending) undecided; added \(report.added) coding(s)"
                             + (report.removed > 0 ? ", removed \(report.removed) (changed from keep to drop)." : ".")]
                if report.stale > 0 {
                    lines.append("\(report.stale) decision(s) in \(path) match no current disagreement and were ignored.")
                }
                if report.pending > 0 || !FileManager.default.fileExists(atPath: path) {
                    try Data(ReconcileDecisionsFile.render(report.decisions).utf8).write(to: URL(fileURLWithPath: path))
                    lines.append("Wrote \(report.decisions.count) disagreement(s) to \(path): fill in keep or drop and run again.")
                }
                Console.output(lines.joined(separator: "\n"))
            }
        }
    }
}
