import Foundation

extension Codebook {
    /// The codebook as a Markdown appendix: the title and description, then a table with
    /// one row per code (depth-first): path, label, definition, include, exclude and
    /// examples. Pipes are escaped and line breaks become `<br>`, so every code stays on
    /// one table row.
    public func markdownTable() -> String {
        var lines: [String] = ["# \(Self.markdownCell(title ?? "Codebook"))", ""]
        if let description, !description.isEmpty { lines += [Self.markdownCell(description), ""] }
        lines.append("| Code | Label | Definition | Include | Exclude | Example |")
        lines.append("|---|---|---|---|---|---|")
        for code in flattened {
            let cells = [code.path, code.label ?? "", code.description ?? "", code.include ?? "", code.exclude ?? "",
                         code.examples.joined(separator: "\n")]
            lines.append("| " + cells.map(Self.markdownCell).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The codebook as a table, one row per code (depth-first): path, id, parent path,
    /// label, description, include, exclude, examples and keywords (each list joined by
    /// `" | "`), colour.
    public func exportTable() -> ExportTable {
        let codes = flattened
        var pathByID: [String: String] = [:]
        for code in codes { pathByID[code.id] = code.path }
        func cell(_ text: String?) -> ExportCell { text.map(ExportCell.text) ?? .null }
        return ExportTable(
            columns: ["path", "id", "parent_path", "label", "description", "include", "exclude", "examples", "keywords", "colour"],
            rows: codes.map { code in
                [.text(code.path), .text(code.id), cell(code.parentID.flatMap { pathByID[$0] }), cell(code.label),
                 cell(code.description), cell(code.include), cell(code.exclude),
                 .text(code.examples.joined(separator: " | ")), .text(code.keywords.joined(separator: " | ")), cell(code.colour)]
            })
    }

    /// One Markdown table cell: pipes and backslashes escaped, line breaks as `<br>`.
    static func markdownCell(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
    }
}
