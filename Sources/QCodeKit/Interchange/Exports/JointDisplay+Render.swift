import Foundation

/// The file formats of a joint display.
public enum JointDisplayFormat: String, Sendable, CaseIterable {
    case md, html, csv, json

    /// The format a file name's extension implies (`.md`, `.markdown`, `.html`, `.htm`,
    /// `.csv`, `.json`), if any.
    public init?(fileName: String) {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "md", "markdown": self = .md
        case "html", "htm": self = .html
        case "csv": self = .csv
        case "json": self = .json
        default: return nil
        }
    }
}

extension JointDisplay {
    /// The display rendered in `format`; `title` heads the Markdown and HTML documents.
    public func rendered(_ format: JointDisplayFormat, title: String) throws -> String {
        switch format {
        case .md: return markdown(title: title)
        case .html: return htmlPage(title: title)
        case .csv: return try table.rendered(.csv)
        case .json: return try json()
        }
    }

    /// The cells as a JSON array of `{code, value, cases, coded_cases, percent, quotes}`,
    /// code by code and value by value; `percent` is null when `coded_cases` is 0.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(cells), as: UTF8.self) + "\n"
    }

    /// One row per code: `code`, `label`, then for each value `VALUE: cases`,
    /// `VALUE: coded cases`, `VALUE: percent` and `VALUE: quotes` (one per line, each
    /// followed by its attribution).
    public var table: ExportTable {
        var columns = ["code", "label"]
        for value in values {
            columns += ["\(value): cases", "\(value): coded cases", "\(value): percent", "\(value): quotes"]
        }
        let rows = codes.indices.map { row -> [ExportCell] in
            var cells: [ExportCell] = [.text(codes[row].path), codes[row].label.map(ExportCell.text) ?? .null]
            for column in values.indices {
                let cell = cell(row, column)
                cells += [.integer(cell.cases), .integer(cell.codedCases), cell.percent.map(ExportCell.number) ?? .null,
                          .text(cell.quotes.map { "“\($0.text)” — \($0.attribution)" }.joined(separator: "\n"))]
            }
            return cells
        }
        return ExportTable(columns: columns, rows: rows)
    }

    /// What the cells mean, in one paragraph (for a note under the table).
    public var legend: String {
        let who = coder.map { "coded by \($0)" } ?? "coded"
        return "Each cell: the group's cases with the code (or a descendant) / the group's cases \(who) at all "
            + "(percent). Cases never coded are left out, not counted as absent. Quotes are the coder's own "
            + "segments, one per participant first, shortest first, cut to 200 characters."
    }

    /// A Markdown document: a heading, one table row per code, and the legend.
    public func markdown(title: String) -> String {
        func md(_ text: String) -> String { QuoteDocument.markdown(text.replacingOccurrences(of: "\n", with: " ")) }
        var lines = ["# \(md(title))", ""]
        lines.append("| Code | " + values.map(md).joined(separator: " | ") + " |")
        lines.append("|---|" + values.map { _ in "---" }.joined(separator: "|") + "|")
        for (row, code) in codes.enumerated() {
            let name = code.label.map { "\(md($0)) (\(md(code.path)))" } ?? md(code.path)
            let cells = values.indices.map { column -> String in
                let cell = cell(row, column)
                return (["**\(cell.summary)**"] + cell.quotes.map { "“\(md($0.text))” — \(md($0.attribution))" })
                    .joined(separator: "<br>")
            }
            lines.append("| \(name) | " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", md(legend), ""]
        return lines.joined(separator: "\n")
    }

    /// A whole HTML page holding ``htmlTable()``, with its own style (no external files).
    public func htmlPage(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(HTML.escape(title))</title>
        <style>
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 2rem; }
        \(Self.css)
        </style>
        </head>
        <body>
        <h1>\(HTML.escape(title))</h1>
        \(htmlTable())
        <p class="legend">\(HTML.escape(legend))</p>
        </body>
        </html>

        """
    }

    /// The style of ``htmlTable()``.
    static let css = """
        table.joint { border-collapse: collapse; width: 100%; font-size: 12px; }
        table.joint th, table.joint td { border: 1px solid #d0d7de; padding: 6px 8px; vertical-align: top; text-align: left; }
        table.joint thead th { background: #f6f8fa; }
        table.joint th[scope=row] { width: 18%; font-weight: 600; }
        table.joint th[scope=row] code { display: block; font-weight: 400; color: #57606a; font-size: 11px; }
        table.joint .count { font-weight: 600; font-variant-numeric: tabular-nums; }
        table.joint blockquote { margin: 4px 0 0; padding-left: 6px; border-left: 2px solid #afb8c1; color: #33383d; }
        table.joint blockquote footer { color: #57606a; font-size: 11px; }
        table.joint tr { break-inside: avoid; page-break-inside: avoid; }
        p.legend { color: #57606a; font-size: 12px; }
        """

    /// The display as an HTML `<table class="joint">`, cells shaded by percent; every text
    /// from the project is escaped.
    public func htmlTable() -> String {
        var html = "<table class=\"joint\">\n<thead><tr><th scope=\"col\">Code</th>"
        for value in values { html += "<th scope=\"col\">\(HTML.escape(value))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for (row, code) in codes.enumerated() {
            html += "<tr><th scope=\"row\">\(HTML.escape(code.label ?? code.path))<code>\(HTML.escape(code.path))</code></th>"
            for column in values.indices {
                let cell = cell(row, column)
                let shade = cell.percent.map { String(format: "%.3f", 0.04 + 0.36 * $0 / 100) } ?? "0"
                html += "<td style=\"background: rgba(9, 105, 218, \(shade))\"><div class=\"count\">\(HTML.escape(cell.summary))</div>"
                for quote in cell.quotes {
                    html += "<blockquote>“\(HTML.escape(quote.text))”<footer>— \(HTML.escape(quote.attribution))</footer></blockquote>"
                }
                html += "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>"
    }
}

/// Escaping for HTML text and attribute values.
enum HTML {
    /// `& < > " '` escaped.
    static func escape(_ text: String) -> String { QuoteDocument.html(text) }
}
