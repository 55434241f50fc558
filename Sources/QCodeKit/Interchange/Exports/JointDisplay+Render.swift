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
    /// With statistics, each cell also has `stats`: its code's `{chi2, df, p, cramers_v, fisher_p}`.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if statistics.isEmpty {
            return String(decoding: try encoder.encode(cells), as: UTF8.self) + "\n"
        }
        let rows = cells.map { CellWithStatistics(cell: $0, stats: JointStatistics(statistics[$0.code])) }
        return String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n"
    }

    /// A code's statistics in one line: "χ²(1) = 3.00, p = 0.083, V = 0.71; Fisher p = 0.400",
    /// "–" when undefined; nil without statistics.
    public func statisticsSummary(_ path: String) -> String? {
        guard !statistics.isEmpty else { return nil }
        guard let figures = statistics[path], let chi = figures.chiSquare, let df = figures.df, let p = figures.p else { return "–" }
        var text = String(format: "χ²(%d) = %.2f, p = %.3f", df, chi, p)
        if let v = figures.cramersV { text += String(format: ", V = %.2f", v) }
        if let fisher = figures.fisherP { text += String(format: "; Fisher p = %.3f", fisher) }
        if figures.hasSmallExpected { text += " (an expected count < 5)" }
        return text
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
            if !statistics.isEmpty {
                let figures = statistics[codes[row].path]
                cells += [figures?.chiSquare.map(ExportCell.number) ?? .null, figures?.df.map(ExportCell.integer) ?? .null,
                          figures?.p.map(ExportCell.number) ?? .null, figures?.cramersV.map(ExportCell.number) ?? .null,
                          figures?.fisherP.map(ExportCell.number) ?? .null]
            }
            return cells
        }
        if !statistics.isEmpty { columns += ["chi2", "df", "p", "cramers_v", "fisher_p"] }
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
        let withStatistics = !statistics.isEmpty
        lines.append("| Code | " + values.map(md).joined(separator: " | ") + (withStatistics ? " | Statistics" : "") + " |")
        lines.append("|---|" + values.map { _ in "---" }.joined(separator: "|") + (withStatistics ? "|---" : "") + "|")
        for (row, code) in codes.enumerated() {
            let name = code.label.map { "\(md($0)) (\(md(code.path)))" } ?? md(code.path)
            let cells = values.indices.map { column -> String in
                let cell = cell(row, column)
                return (["**\(cell.summary)**"] + cell.quotes.map { "“\(md($0.text))” — \(md($0.attribution))" })
                    .joined(separator: "<br>")
            }
            let figures = statisticsSummary(code.path).map { " | " + md($0) } ?? ""
            lines.append("| \(name) | " + cells.joined(separator: " | ") + figures + " |")
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
        if !statistics.isEmpty { html += "<th scope=\"col\">Statistics</th>" }
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
            if let figures = statisticsSummary(code.path) { html += "<td>\(HTML.escape(figures))</td>" }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>"
    }
}

/// A code's presence statistics as JSON keys (`stats presence`'s names).
struct JointStatistics: Encodable {
    var chi2: Double?
    var df: Int?
    var p: Double?
    var cramers_v: Double?
    var fisher_p: Double?

    init(_ figures: CodePresence?) {
        chi2 = figures?.chiSquare
        df = figures?.df
        p = figures?.p
        cramers_v = figures?.cramersV
        fisher_p = figures?.fisherP
    }

    enum CodingKeys: String, CodingKey { case chi2, df, p, cramers_v, fisher_p }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(chi2, forKey: .chi2)  // null when undefined, never left out
        try container.encode(df, forKey: .df)
        try container.encode(p, forKey: .p)
        try container.encode(cramers_v, forKey: .cramers_v)
        try container.encode(fisher_p, forKey: .fisher_p)
    }
}

/// A joint display cell with its code's statistics under `stats`.
struct CellWithStatistics: Encodable {
    var cell: JointCell
    var stats: JointStatistics

    enum CodingKeys: String, CodingKey { case stats }

    func encode(to encoder: Encoder) throws {
        try cell.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stats, forKey: .stats)
    }
}

/// Escaping for HTML text and attribute values.
enum HTML {
    /// `& < > " '` escaped.
    static func escape(_ text: String) -> String { QuoteDocument.html(text) }
}
