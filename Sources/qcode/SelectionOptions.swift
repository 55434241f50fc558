import ArgumentParser
import Foundation
import QCodeKit

/// Where in a document `code` and `uncode` act. Numbers are 1-based as `qcode show`
/// displays them; character offsets are Unicode scalar offsets into the stored NFC text.
struct SelectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Characters START-END (scalar offsets, end exclusive).", valueName: "start-end"))
    var chars: String?

    @Option(name: .long, help: ArgumentHelp("Turns, e.g. 3 or 3-5.", valueName: "range"))
    var turns: String?

    @Option(name: .long, help: ArgumentHelp("Sentences, e.g. 12 or 12-14.", valueName: "range"))
    var sentences: String?

    @Option(name: .long, help: ArgumentHelp("Paragraphs, e.g. 2 or 2-4 (cut per turn, labels left out).", valueName: "range"))
    var paragraphs: String?

    @Option(name: .long, help: ArgumentHelp("Lines of the stored text, e.g. 10-12 (cut per turn, labels left out).", valueName: "range"))
    var lines: String?

    @Option(name: .long, help: ArgumentHelp("Every match of this regular expression.", valueName: "regex"))
    var match: String?

    @Option(name: .long, help: ArgumentHelp("With --match: code the match, or its whole sentence, turn or paragraph.", valueName: "scope"))
    var scope: MatchScope = .match

    @Flag(name: [.customShort("i"), .long], help: "With --match: ignore case.")
    var ignoreCase = false

    @Option(name: .long, help: ArgumentHelp("The one place where this exact text occurs.", valueName: "text"))
    var quote: String?

    @Option(name: .long, help: ArgumentHelp("Only this speaker's turns (alone: all of them).", valueName: "name"))
    var speaker: String?

    /// The selection these options describe, or a usage error.
    func selection() throws -> Selection {
        var targets: [SelectionTarget] = []
        if let chars {
            guard let range = NumberRange.parse(chars), range.lowerBound < range.upperBound else {
                throw ValidationError("--chars takes START-END with START < END, e.g. 120-245")
            }
            targets.append(.characters(start: range.lowerBound, end: range.upperBound))
        }
        for (value, name, make) in [(turns, "turns", SelectionTarget.turns), (sentences, "sentences", SelectionTarget.sentences),
                                    (paragraphs, "paragraphs", SelectionTarget.paragraphs), (lines, "lines", SelectionTarget.lines)] {
            guard let value else { continue }
            guard let range = NumberRange.parse(value) else { throw ValidationError("--\(name) takes N or N-M, e.g. 3-5") }
            targets.append(make(range))
        }
        if let match {
            targets.append(.match(pattern: match, ignoreCase: ignoreCase, scope: scope))
        }
        if let quote { targets.append(.quote(quote)) }
        if targets.isEmpty && speaker != nil { targets.append(.allTurns) }
        guard targets.count == 1 else {
            throw ValidationError(targets.isEmpty
                ? "say where: --chars, --turns, --sentences, --paragraphs, --lines, --match, --quote or --speaker"
                : "give only one of --chars, --turns, --sentences, --paragraphs, --lines, --match, --quote")
        }
        return Selection(targets[0], speaker: speaker)
    }
}
