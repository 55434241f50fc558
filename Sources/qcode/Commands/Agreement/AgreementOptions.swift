import ArgumentParser
import Foundation
import QCodeKit

/// `--coders A,B[,C...]`, `--unit`, `--min-overlap`, `--docs`: what the project agreement
/// commands compare.
struct ComparisonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The coders to compare, comma-separated.", valueName: "a,b[,c...]"))
    var coders: String?

    @Option(name: .long, help: ArgumentHelp(
        "The unit; segment:OVERLAP sets segment matching's overlap in percent (1-100, default 90).", valueName: "unit"))
    var unit: AgreementUnit = .turn

    @Option(name: .customLong("min-overlap"), help: ArgumentHelp(
        "Characters a coding must overlap a unit by to count for it.", valueName: "n"))
    var minOverlap: Int = 1

    @Option(name: .long, help: ArgumentHelp(
        "Only these documents (default: those every coder has coded).", valueName: "d1,d2"))
    var docs: String?

    /// The coder names, or a usage error.
    func coderNames() throws -> [String] {
        let names = Self.list(coders)
        guard names.count >= 2 else { throw ValidationError("--coders needs at least two names, e.g. --coders alice,ben") }
        return names
    }

    func documentNames() -> [String] { Self.list(docs) }

    func validate() throws {
        guard minOverlap >= 1 else { throw ValidationError("--min-overlap must be at least 1") }
    }

    func agreementUnit() throws -> AgreementUnit { unit }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// A problem reading an input file, reported as `FILE: message`.
struct InputFileError: Error, CustomStringConvertible {
    var file: String
    var message: String
    var description: String { "\(file): \(message)" }

    /// The file's bytes, or an error naming it.
    static func read(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputFileError(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
    }
}
