import Yams

/// Writes one text value as YAML in the most readable style that reads back to exactly
/// the same text: plain, quoted, a folded block (`>-`) for long prose, or a literal block
/// (`|`) for text with line breaks.
///
/// Every style but double quotes is checked by parsing it back with Yams; double quotes
/// (with escapes) are the fallback that can hold any text.
enum YAMLScalarWriter {
    /// Lines are wrapped to fit this many columns where possible.
    static let width = 80

    /// Lines for `key: value` at `indent` spaces, where `value` may become a block scalar.
    static func keyValue(_ key: String, _ value: String, indent: Int, allowBlock: Bool = true) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let head = "\(pad)\(key): "
        if allowBlock, let block = block(value, indent: indent + 2) {
            return ["\(pad)\(key): \(block.header)"] + block.lines
        }
        if allowBlock, head.count + value.count > width, let folded = folded(value, indent: indent + 2) {
            return ["\(pad)\(key): \(folded.header)"] + folded.lines
        }
        return [head + inline(value)]
    }

    /// `value` on one line: plain when safe, else quoted (see ``quoted(_:)``).
    /// - Parameter inFlow: Whether it goes inside `[...]`, where `,[]{}` also need quotes.
    static func inline(_ value: String, inFlow: Bool = false) -> String {
        isPlainSafe(value, inFlow: inFlow) ? value : quoted(value)
    }

    /// `value` in double quotes, or in single quotes when it contains `"` and nothing that
    /// needs an escape (so a quotation reads as written).
    static func quoted(_ value: String) -> String {
        if value.contains("\""), !value.unicodeScalars.contains(where: needsEscape) {
            let single = "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
            if readsBack(single, as: value) { return single }
        }
        return doubleQuoted(value)
    }

    /// Whether `value` can be written without quotes and still read back as the same text.
    static func isPlainSafe(_ value: String, inFlow: Bool) -> Bool {
        guard let first = value.first, let last = value.last,
              !first.isWhitespace, !last.isWhitespace, last != ":",
              !"-?:,[]{}#&*!|>'\"%@`".contains(first),
              !value.contains(": "), !value.contains(" #"),
              !value.unicodeScalars.contains(where: { needsEscape($0) || $0 == "\t" || $0 == "\n" })
        else { return false }
        if inFlow, value.contains(where: { ",[]{}".contains($0) }) { return false }
        return Resolver.default.resolveTag(of: Node(value)) == .str
    }

    /// `"..."` with backslash escapes; can hold any text.
    static func doubleQuoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where needsEscape(scalar):
                result += scalar.value <= 0xFFFF
                    ? "\\u" + hex(scalar.value, digits: 4)
                    : "\\U" + hex(scalar.value, digits: 8)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A literal block (`|`) for text with line breaks, or `nil` when the text has none or
    /// cannot be written that way.
    static func block(_ value: String, indent: Int) -> (header: String, lines: [String])? {
        guard value.contains("\n"),
              !value.unicodeScalars.contains(where: { needsEscape($0) || $0 == "\r" })
        else { return nil }
        var body = value
        var chomping = "-"
        if body.hasSuffix("\n") {
            body.removeLast()
            chomping = body.hasSuffix("\n") ? "+" : ""
        }
        let content = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let indicator = (body.first?.isWhitespace ?? false) ? "2" : ""
        return checked(header: "|\(indicator)\(chomping)", content: content, value: value, indent: indent)
    }

    /// A folded block (`>-`) wrapping one long line of prose at spaces, or `nil` when that
    /// would not read back exactly.
    static func folded(_ value: String, indent: Int) -> (header: String, lines: [String])? {
        guard !value.contains("\n"), !value.contains("  "), value.first?.isWhitespace == false,
              !value.unicodeScalars.contains(where: { needsEscape($0) || $0 == "\t" || $0 == "\r" })
        else { return nil }
        var content: [String] = []
        var line = ""
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty, indent + line.count + 1 + word.count > width {
                content.append(line)
                line = String(word)
            } else {
                line += line.isEmpty ? String(word) : " " + word
            }
        }
        content.append(line)
        return checked(header: ">-", content: content, value: value, indent: indent)
    }

    /// The block with its content lines indented, if it reads back as `value`.
    private static func checked(
        header: String, content: [String], value: String, indent: Int
    ) -> (header: String, lines: [String])? {
        func indented(_ pad: String) -> [String] { content.map { $0.isEmpty ? "" : pad + $0 } }
        let probe = header + "\n" + indented("  ").joined(separator: "\n") + "\n"
        guard readsBack(probe, as: value) else { return nil }
        return (header, indented(String(repeating: " ", count: indent)))
    }

    /// Whether `rendered`, written after `v: `, parses back as exactly `value`.
    private static func readsBack(_ rendered: String, as value: String) -> Bool {
        let document = "v: " + rendered
        guard let node = try? Yams.compose(yaml: document), let read = node.mapping?["v"]?.scalar
        else { return false }
        return read.string == value
    }

    /// Characters that only double quotes can hold: controls, line separators, BOM, and
    /// anything YAML does not allow in a document.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
