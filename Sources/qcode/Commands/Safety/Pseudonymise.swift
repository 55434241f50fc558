import ArgumentParser
import Foundation
import QCodeKit

extension QCode {
    /// `qcode pseudonymise --map names.csv --out anon.qcode`
    struct Pseudonymise: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pseudonymise",
            abstract: "Write a copy of the project with names replaced by stable pseudonyms.",
            discussion: """
                The project itself is never changed: the copy (--out) has every name replaced in \
                document texts, speaker labels, document and case names, memos and code \
                definitions, and every turn, sentence, paragraph and coding moved so it covers \
                the same words. Names match whole words, longest first, case-sensitively unless \
                --ignore-case. --map reads a CSV 'name,pseudonym'; --speakers gives each speaker \
                label that looks like a personal name a pseudonym 'Participant N' (roles and ids \
                such as Interviewer, Speaker 2 or P01 are left alone). Prints, per document, how \
                often each name was replaced. A map has a header and a line per name, e.g.:
                  name,pseudonym
                  Sam Okafor,Participant A

                Examples:
                  qcode pseudonymise --map names.csv --out anon.qcode
                  qcode pseudonymise --speakers --out anon.qcode
                """,
            aliases: ["pseudonymize"])

        @OptionGroup var projectOptions: ProjectOptions
        @OptionGroup var formatOptions: FormatOptions

        @Option(name: .long, help: ArgumentHelp("A CSV file of names and pseudonyms (header: name,pseudonym).", valueName: "file"))
        var map: String?

        @Flag(name: .long, help: "Give detected speaker names pseudonyms 'Participant 1', 'Participant 2', ...")
        var speakers = false

        @Flag(name: .customLong("ignore-case"), help: "Match names ignoring case.")
        var ignoreCase = false

        @Option(name: .long, help: ArgumentHelp("The new project file to write (must not exist).", valueName: "file"))
        var out: String

        func validate() throws {
            if map == nil && !speakers { throw ValidationError("give --map FILE, --speakers, or both") }
        }

        func run() throws {
            try runReportingErrors {
                Console.outputPath = out
                let project = try projectOptions.open()
                var pairs: [(name: String, pseudonym: String)] = []
                if speakers {
                    let found = Project.speakerPseudonyms(try project.speakerNames())
                    pairs += found.pairs
                    if !found.skipped.isEmpty {
                        Console.message("speaker labels left alone (roles or ids): \(found.skipped.joined(separator: ", "))")
                    }
                }
                if let map {
                    let data: Data
                    do { data = try Data(contentsOf: URL(fileURLWithPath: map)) } catch { throw ImportError(file: map, reason: "cannot be read") }
                    let text = try TranscriptTextDecoder.decode(data, fileName: map).text
                    let fromMap = try Project.readNameMap(csv: text, file: map)
                    let mapped = Set(fromMap.map(\.name))
                    pairs = pairs.filter { !mapped.contains($0.name) } + fromMap  // the map wins
                }
                guard !pairs.isEmpty else { throw PseudonymiseError.noNames }
                let pseudonymiser = try Pseudonymiser(pairs, ignoreCase: ignoreCase)
                let report = try project.pseudonymise(with: pseudonymiser, to: URL(fileURLWithPath: out))
                let table = Tabular(headers: ["document", "name", "pseudonym", "replaced"],
                                    rows: report.counts.map { [$0.document, $0.name, $0.pseudonym, String($0.count)] })
                if !report.counts.isEmpty || formatOptions.format != .table {
                    try formatOptions.print(table, json: report.counts)
                }
                let total = report.counts.reduce(0) { $0 + $1.count }
                Console.message("""
                    wrote \(report.output.path): \(total) replacement(s) in \(report.documentsChanged) document(s), \
                    \(report.speakersRenamed) turn label(s) renamed, \(report.codingsMoved) coding(s) moved\
                    \(report.codingsMerged > 0 ? ", \(report.codingsMerged) duplicate coding(s) merged" : ""), \
                    \(report.otherFieldsChanged) other field(s) changed
                    """)
            }
        }
    }
}
