import ArgumentParser
import Foundation
import QCodeKit

/// `--doc`, `--case`, `--speaker`, `--where`: which turns `search` and `words` read.
struct TextFilterOptions: ParsableArguments {
    @Option(name: .long, help: "Only this document (repeatable).") var doc: [String] = []
    @Option(name: .customLong("case"), help: "Only this case (repeatable).") var caseName: [String] = []
    @Option(name: .long, help: "Only this speaker's turns.") var speaker: String?
    @Option(name: .long, help: ArgumentHelp("Only cases whose attribute has this value (repeatable).", valueName: "attr=value"))
    var `where`: [String] = []

    /// The filter's values, checked against the project as `segments` checks them (a value
    /// naming nothing is reported with near matches, and selects nothing).
    func checked(in project: Project) throws -> (documents: [String], cases: [String], speaker: String?,
                                                  attributes: [(name: String, value: String)]) {
        var filter = SegmentFilter()
        filter.documents = doc
        filter.cases = caseName
        filter.speaker = speaker
        filter.attributes = try `where`.map { condition in
            guard let equals = condition.firstIndex(of: "="), equals != condition.startIndex else {
                throw SegmentError.badCondition(condition)
            }
            return (String(condition[..<equals]), String(condition[condition.index(after: equals)...]))
        }
        filter = try FilterCheck.checked(filter, in: project)
        return (filter.documents, filter.cases, filter.speaker, filter.attributes)
    }
}

extension QCode {
    /// `qcode search QUERY`
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find words, phrases or a pattern across every transcript, in context.",
            discussion: """
                Searches what speakers say: the text of every turn (a document without turns as a \
                whole), not speaker labels or timestamps.
                QUERY: a word matches the whole word, ignoring case (accents count); apostrophes \
                stay inside words (don't, link-worker's; ' and ’ alike). "a phrase" matches the \
                words in a row; belong* any word starting so. A B (or A AND B): both in the same \
                turn; A OR B; A NOT B: A in turns without B; NEAR(A B, 10): A and B at most 10 \
                words apart; parentheses group. With --regex, QUERY is a regular expression (ICU \
                syntax; (?i) ignores case) over each document's text, whose hits must lie within \
                one turn.
                start/end are Unicode scalar offsets into the stored NFC text, end exclusive; \
                text is exactly that slice; left and right are up to --width characters of its \
                turn either side. JSON: an array of objects with the keys document, case, turn, \
                speaker, time, start, end, text, left and right.
                --code CODE codes every hit (widened to --scope) for --coder in one \
                transaction, one step for 'qcode undo'; --dry-run only counts.

                Examples:
                  qcode search belong* --speaker 'Dr Patel'
                  qcode search '"link worker" OR NEAR(money worry, 5)' --format json
                  qcode search --regex 'lonel\\w*' --in-code loneliness-isolation --coder alice
                  qcode search lonely --code loneliness-isolation --coder ben --dry-run
                """)

        @OptionGroup var projectOptions: ProjectOptions

        @Argument(help: "The words to find (see below), or a pattern with --regex.")
        var query: String

        @Flag(name: .long, help: "QUERY is a regular expression.")
        var regex = false

        @OptionGroup var filterOptions: TextFilterOptions

        @Option(name: .customLong("in-code"), help: ArgumentHelp("Only hits inside --coder's codings of this code (or its subcodes).", valueName: "code"))
        var inCode: String?

        @Flag(name: .long, help: "Only hits that overlap none of --coder's codings.")
        var uncoded = false

        @Option(name: .long, help: ArgumentHelp("The coder for --in-code, --uncoded and --code (default: $QCODE_CODER).", valueName: "name"))
        var coder: String?

        @Option(name: .long, help: ArgumentHelp("Characters of context either side of a hit.", valueName: "n"))
        var width = KeywordInContext.defaultWidth

        @Option(name: .long, help: ArgumentHelp("Code every hit with this code.", valueName: "code"))
        var code: String?

        @Option(name: .long, help: ArgumentHelp("With --code: code the hit, or its whole sentence, turn or paragraph.", valueName: "scope"))
        var scope: MatchScope = .match

        @Flag(name: .customLong("dry-run"), help: "With --code: count what would be coded, change nothing.")
        var dryRun = false

        @Option(name: .long, help: "Output format.")
        var format: OutputFormat = .table

        func validate() throws {
            if width < 0 { throw ValidationError("--width must be 0 or more") }
            if code == nil && (dryRun || scope != .match) { throw ValidationError("--scope and --dry-run go with --code") }
        }

        func run() throws {
            try runReportingErrors {
                let project = try projectOptions.open()
                let filter = try filterOptions.checked(in: project)
                var request = SearchRequest(regex ? .regex(query) : .words(query))
                request.documents = filter.documents
                request.cases = filter.cases
                request.speaker = filter.speaker
                request.attributes = filter.attributes
                request.inCode = inCode
                request.uncoded = uncoded
                request.coder = coderName()
                request.contextWidth = width
                if let code {
                    guard let coder = coderName() else { throw CodingError.noCoder }
                    let result = try project.codeSearchHits(request, code: code, coder: coder, scope: scope, dryRun: dryRun)
                    let spans = scope == .match ? "" : " (\(result.spans) \(scope.rawValue)\(result.spans == 1 ? "" : "s"))"
                    let verb = dryRun ? "would code" : "coded"
                    Console.message("\(result.hits) hit(s)\(spans): \(verb) \(result.added) new as \(result.code) for \(coder)"
                                    + (result.existing > 0 ? ", \(result.existing) already coded" : "")
                                    + (dryRun ? " (dry run, nothing changed)" : ""))
                    return
                }
                let hits = try project.search(request)
                try print(hits)
            }
        }

        private func coderName() -> String? {
            if let coder, !coder.isEmpty { return coder }
            if let coder = ProcessInfo.processInfo.environment["QCODE_CODER"], !coder.isEmpty { return coder }
            return nil
        }

        private func print(_ hits: [SearchHit]) throws {
            switch format {
            case .json:
                // An empty array as `[]` (as segments writes it), not Foundation's "[\n\n]".
                if hits.isEmpty { Console.outputExact("[]") } else { try Console.printJSON(hits) }
            case .csv, .tsv:
                let table = Tabular(
                    headers: ["document", "case", "turn", "speaker", "time", "start", "end", "text", "left", "right"],
                    rows: hits.map { [$0.document, $0.case ?? "", $0.turn.map(String.init) ?? "", $0.speaker ?? "",
                                      $0.time.map { String($0) } ?? "", String($0.start), String($0.end), $0.text, $0.left, $0.right] })
                Console.writeOut(Data((format == .csv ? table.csv() : table.tsv()).utf8))
            case .table:
                var table = StyledTable(columns: [
                    .init(header: "document", maxWidth: 30), .init(header: "turn", rightAligned: true),
                    .init(header: "speaker", maxWidth: 16), .init(header: "time", rightAligned: true),
                    .init(header: "left", rightAligned: true, maxWidth: max(width, 4)),
                    .init(header: "hit", style: .highlight, maxWidth: 40),
                    .init(header: "right", maxWidth: max(width, 5)),
                ])
                table.rows = hits.map { hit in
                    [hit.document, hit.turn.map(String.init) ?? "", hit.speaker ?? "", hit.time.map(TranscriptRenderer.clock) ?? "",
                     String(hit.left.reversed().drop(while: \.isWhitespace).reversed()), hit.text,
                     String(hit.right.drop(while: \.isWhitespace))]
                }
                Console.outputExact(table.render(colour: Console.useColour))
                Console.message("\(hits.count) hit(s) in \(Set(hits.map(\.documentID)).count) document(s)")
            }
        }
    }
}
