extension Codebook {
    /// The explanation written at the top of every exported file.
    static let yamlHeader = """
        # qcode codebook (format 1)
        # Each code has a name (a path segment: no '/', unique among its siblings;
        # a code's path is its names joined by '/', e.g. social-cure/belonging) and
        # a stable id (keep it when renaming or moving a code). Optional: label,
        # colour ("#RRGGBB", quoted), description, include, exclude, examples,
        # keywords, children. Text may be plain, "quoted" or a block ('>-' folds
        # lines, '|' keeps them). Unknown keys are errors, never silently dropped.
        """

    /// The codebook in the qcode YAML format, ready to save and edit by hand.
    ///
    /// The file starts with a short comment explaining the format, then `codebook:` (title),
    /// `description:` and `codes:`. Each code's keys come in the order `name`, `id`, `label`,
    /// `colour`, `description`, `include`, `exclude`, `examples`, `keywords`, `children`;
    /// empty fields are left out. Long text is wrapped in a folded block (`>-`), text with
    /// line breaks is written as a literal block (`|`), and short keyword lists go on one line
    /// (`[group, club]`).
    ///
    /// Reading the result with ``parseYAML(_:fileName:makeID:)`` gives back an equal
    /// codebook, provided its text values have no surrounding white space (reading trims it).
    public func yamlString() -> String {
        var lines = Self.yamlHeader.split(separator: "\n").map(String.init)
        if let title, !title.isEmpty { lines += YAMLScalarWriter.keyValue("codebook", title, indent: 0) }
        if let description, !description.isEmpty {
            lines += YAMLScalarWriter.keyValue("description", description, indent: 0)
        }
        if codes.isEmpty {
            lines.append("codes: []")
        } else {
            lines.append("codes:")
            for code in codes { lines += Self.yamlLines(for: code, indent: 2) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The lines for one code as a list item whose dash is at `indent` spaces.
    private static func yamlLines(for code: CodeDefinition, indent: Int) -> [String] {
        let keyIndent = indent + 2
        var lines = YAMLScalarWriter.keyValue("name", code.name, indent: keyIndent, allowBlock: false)
        lines[0] = String(repeating: " ", count: indent) + "- " + lines[0].dropFirst(keyIndent)
        lines += YAMLScalarWriter.keyValue("id", code.id, indent: keyIndent, allowBlock: false)
        let texts: [(String, String?)] = [
            ("label", code.label), ("colour", code.colour), ("description", code.description),
            ("include", code.include), ("exclude", code.exclude),
        ]
        for case let (key, value?) in texts where !value.isEmpty {
            lines += YAMLScalarWriter.keyValue(key, value, indent: keyIndent)
        }
        lines += listLines("examples", code.examples, indent: keyIndent, inlineAllowed: false)
        lines += listLines("keywords", code.keywords, indent: keyIndent, inlineAllowed: true)
        if !code.children.isEmpty {
            lines.append(String(repeating: " ", count: keyIndent) + "children:")
            for child in code.children { lines += yamlLines(for: child, indent: keyIndent + 2) }
        }
        return lines
    }

    /// Nothing when `items` is empty; else `key: [a, b]` wrapped to the line width when
    /// `inlineAllowed`, or a block list with each item quoted (examples are quotations).
    private static func listLines(_ key: String, _ items: [String], indent: Int, inlineAllowed: Bool) -> [String] {
        guard !items.isEmpty else { return [] }
        let pad = String(repeating: " ", count: indent)
        if inlineAllowed, !items.contains(where: { $0.contains("\n") }) {
            return flowLines(key, items.map { YAMLScalarWriter.inline($0, inFlow: true) }, pad: pad)
        }
        var lines = ["\(pad)\(key):"]
        for item in items {
            if let block = YAMLScalarWriter.block(item, indent: indent + 4) {
                lines.append("\(pad)  - \(block.header)")
                lines += block.lines
            } else {
                lines.append("\(pad)  - " + YAMLScalarWriter.quoted(item))
            }
        }
        return lines
    }

    /// `key: [a, b, ...]`, continuing on lines indented two more spaces when it gets long.
    private static func flowLines(_ key: String, _ items: [String], pad: String) -> [String] {
        var lines: [String] = []
        var line = "\(pad)\(key): ["
        for (index, item) in items.enumerated() {
            let piece = item + (index == items.count - 1 ? "]" : ",")
            if line.last != "[", line.count + 1 + piece.count > YAMLScalarWriter.width {
                lines.append(line)
                line = pad + "  " + piece
            } else {
                line += (line.last == "[" ? "" : " ") + piece
            }
        }
        return lines + [line]
    }
}
