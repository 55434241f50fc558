import Foundation
import QCodeKit

/// Renders a transcript for reading: numbered turns with speaker and time, the text
/// wrapped, and the codes applied to each turn listed beneath it.
///
/// Every piece of project text (names, memos, speakers, the transcript, code paths) goes
/// through `TerminalSafe.escape` before it is laid out, so control characters show as
/// visible escapes and count at their escaped width; the only escape sequences in the
/// result are the renderer's own colours. Print the result as it is (`Console.outputExact`).
struct TranscriptRenderer {
    var document: StoredDocument
    var segments: [CodedSegment]
    var colours: [String: String?]
    var width: Int
    var colour: Bool

    func render() -> String {
        let text = document.scalars
        var lines: [String] = []
        let header = [document.name, document.caseName.map { "case \($0)" }, "\(document.turns.count) turns"]
            .compactMap { $0 }.joined(separator: " · ")
        lines.append(style(safe(header), bold: true))
        if let memo = document.memo { lines.append("memo: \(safe(memo))") }
        lines.append("")
        let firstTurnStart = document.turns.first?.span.start ?? text.count
        // The text before the first turn, less the first turn's own label line.
        var preambleLines = text.slice(0, firstTurnStart).trimmingCharacters(in: .whitespacesAndNewlines)
            .components(separatedBy: "\n")
        preambleLines.removeLast()
        let preamble = preambleLines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if !preamble.isEmpty && !document.turns.isEmpty {
            lines.append(contentsOf: wrap(preamble, indent: "      ").map { style($0, dim: true) })
            lines.append("")
        }
        let numberWidth = String(document.turns.count).count
        var shown = Set<Int64>()
        for (index, turn) in document.turns.enumerated() {
            let number = String(index + 1).leftPadded(to: numberWidth)
            let time = turn.time.map { "  " + Self.clock($0) } ?? ""
            lines.append(style("\(number)  \(safe(turn.speaker ?? "—"))\(time)", bold: true))
            lines.append(contentsOf: wrap(text.slice(turn.span.start, turn.span.end), indent: String(repeating: " ", count: numberWidth + 2)))
            let overlapping = segments.filter { $0.start < turn.span.end && turn.span.start < $0.end }
            for segment in overlapping {
                shown.insert(segment.id)
                lines.append(codeLine(segment, indent: numberWidth + 2))
            }
            lines.append("")
        }
        if document.turns.isEmpty {
            lines.append(contentsOf: wrap(document.text, indent: ""))
        }
        let rest = segments.filter { !shown.contains($0.id) }
        if !rest.isEmpty {
            lines.append(style("codings outside turns", bold: true))
            lines.append(contentsOf: rest.map { codeLine($0, indent: 2) })
        }
        return lines.joined(separator: "\n")
    }

    private func codeLine(_ segment: CodedSegment, indent: Int) -> String {
        let excerpt = segment.text.replacingOccurrences(of: "\n", with: " ")
        let short = excerpt.count > 40 ? String(excerpt.prefix(39)) + "…" : excerpt
        let marker = paint("▍", hex: colours[segment.code] ?? nil)
        return String(repeating: " ", count: indent)
            + "\(marker) \(safe(segment.code)) [\(safe(segment.coder))] «\(safe(short))» \(segment.start)-\(segment.end)"
    }

    /// Project text as it may be shown on a terminal.
    private func safe(_ text: String) -> String { TerminalSafe.escape(text) }

    /// `text`, escaped, in lines of at most `width` columns (words longer than that are
    /// not cut).
    private func wrap(_ text: String, indent: String) -> [String] {
        let text = safe(text)
        let available = max(20, width - indent.count)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if !line.isEmpty && line.count + 1 + word.count > available {
                    lines.append(indent + line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(indent + line)
        }
        return lines
    }

    private func style(_ text: String, bold: Bool = false, dim: Bool = false) -> String {
        guard colour else { return text }
        return (bold ? "\u{1B}[1m" : "") + (dim ? "\u{1B}[2m" : "") + text + "\u{1B}[0m"
    }

    private func paint(_ text: String, hex: String?) -> String {
        guard colour, let hex, hex.count == 7, let value = Int(hex.dropFirst(), radix: 16) else { return text }
        return "\u{1B}[38;2;\(value >> 16);\((value >> 8) & 0xFF);\(value & 0xFF)m\(text)\u{1B}[0m"
    }

    /// Seconds as `h:mm:ss` or `m:ss`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
