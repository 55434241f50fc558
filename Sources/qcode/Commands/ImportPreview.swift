import ArgumentParser
import Foundation
import QCodeKit

/// `qcode import --preview FILES...`: what an import would make of each file (documents,
/// speakers, turns with their times), read exactly as an import reads them. Opens no
/// project and changes nothing.
enum ImportPreview {
    /// The longest turn text shown, in characters.
    static let shownCharacters = 72

    static func run(_ paths: [String], options: ImportOptions, quiet: Bool) throws {
        let found = try ImportFiles.expand(paths)
        if !found.unsupported.isEmpty && !quiet {
            Console.message("skipped \(found.unsupported.count) file(s) qcode does not read: "
                            + found.unsupported.joined(separator: ", "))
        }
        var failed = false
        var blocks: [String] = []
        for url in found.files {
            let documents: [ParsedDocument]
            do {
                documents = try DocumentReader.read(contentsOf: url, options: options)
            } catch let error as ImportError {
                Console.message("error: \(error)")
                failed = true
                continue
            }
            let file = url.lastPathComponent
            if !quiet {
                for document in documents {
                    for warning in document.warnings { Console.message("warning: \(file): \(warning)") }
                }
            }
            for document in documents { blocks.append(render(document, file: file)) }
        }
        if !blocks.isEmpty { Console.output(blocks.joined(separator: "\n")) }
        if failed { throw ExitCode.failure }
    }

    /// One document: a heading with its speakers and their turn counts, then one line per turn.
    static func render(_ document: ParsedDocument, file: String) -> String {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for turn in document.turns {
            guard let speaker = turn.speaker else { continue }
            if counts[speaker] == nil { order.append(speaker) }
            counts[speaker, default: 0] += 1
        }
        let speakers = order.isEmpty ? "no speakers" : "speakers: " + order.map { "\($0) (\(counts[$0]!))" }.joined(separator: ", ")
        var lines = ["\(document.name) (from \(file), \(document.format.rawValue)): \(document.turns.count) turn(s), \(speakers)"]
        if let caseID = document.caseID { lines[0] += ", case \(caseID)" }
        let scalars = Array(document.text.unicodeScalars)
        let width = String(document.turns.count).count
        for (index, turn) in document.turns.enumerated() {
            let number = String(index + 1)
            var line = String(repeating: " ", count: width - number.count) + number
            if let time = turn.time { line += "  " + TranscriptRenderer.clock(time) }
            line += "  " + (turn.speaker ?? "—") + ": "
            let start = max(0, min(turn.span.start, scalars.count)), end = max(start, min(turn.span.end, scalars.count))
            var text = String(String.UnicodeScalarView(scalars[start..<end]))
                .replacingOccurrences(of: "\n", with: " ")
            if text.count > shownCharacters { text = String(text.prefix(shownCharacters - 1)) + "…" }
            lines.append(line + text)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
