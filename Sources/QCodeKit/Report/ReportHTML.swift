import Foundation

/// Renders a ``ReportContent`` as one self-contained HTML page: inline CSS, charts as inline
/// SVG (``SVGChart``), no script, no font, image or stylesheet from anywhere else, so the
/// file works offline and fetches nothing. Every text from the project is escaped.
///
/// Printed (to PDF), each chart stays whole: long charts are split into parts that fit a
/// page, and figures, table rows and quotes are kept from breaking across pages.
enum ReportHTML {
    /// Chart height (SVG units at the 760-unit width) that fits an A4 page with its heading.
    static let pageHeight = 860.0

    static func render(_ content: ReportContent) -> String {
        var body: [String] = []
        body.append(header(content))
        body.append(overview(content))
        body.append(frequencies(content))
        body.append(groups(content))
        body.append(cooccurrence(content))
        body.append(agreement(content))
        body.append(codebook(content))
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(content.title))</title>
            <style>
            \(css)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    // MARK: Sections

    private static func header(_ content: ReportContent) -> String {
        var facts: [String] = []
        if let coder = content.coder { facts.append("Coder: <strong>\(e(coder))</strong>") }
        if let attribute = content.attribute { facts.append("Groups by: <strong>\(e(attribute))</strong>") }
        if let level = content.level { facts.append("Codes down to level \(level)") }
        if let generated = content.generated { facts.append("Made \(e(generated)) by qcode \(e(QCodeVersion.current))") }
        var nav = ["<a href=\"#overview\">Overview</a>", "<a href=\"#frequencies\">Code frequencies</a>",
                   "<a href=\"#groups\">Codes by group</a>", "<a href=\"#cooccurrence\">Co-occurrence</a>",
                   "<a href=\"#agreement\">Agreement</a>", "<a href=\"#codebook\">Codebook</a>"]
        if content.agreement == nil { nav.remove(at: 4) }
        return """
            <header>
            <h1>\(e(content.title))</h1>
            <p class="meta">\(facts.joined(separator: " · "))</p>
            <nav>\(nav.joined(separator: " "))</nav>
            </header>
            """
    }

    private static func overview(_ content: ReportContent) -> String {
        let codings = content.progress.reduce(0) { $0 + $1.codings }
        var html = section("overview", "Overview")
        html += "<div class=\"cards\">"
        for (number, name) in [(content.documents, "documents"), (content.cases, "cases"),
                               (content.casesWithDocuments, "cases with documents"),
                               (content.progress.count, "coders"), (codings, "codings")] {
            html += "<div class=\"card\"><span class=\"number\">\(number)</span><span>\(name)</span></div>"
        }
        html += "</div>\n"
        guard !content.progress.isEmpty else { return html + "<p class=\"note\">No codings yet.</p></section>" }
        let done = content.progress.contains { $0.documentsDone != nil }
        html += "<table class=\"data\"><thead><tr><th>Coder</th><th class=\"num\">Codings</th>"
            + "<th class=\"num\">Documents with codings</th>" + (done ? "<th class=\"num\">Documents marked done</th>" : "")
            + "</tr></thead><tbody>"
        for row in content.progress {
            html += "<tr><td>\(e(row.coder))</td><td class=\"num\">\(row.codings)</td>"
                + "<td class=\"num\">\(row.documentsCoded) / \(content.documents)</td>"
                + (done ? "<td class=\"num\">\(row.documentsDone.map { "\($0) / \(content.documents)" } ?? "")</td>" : "")
                + "</tr>"
        }
        html += "</tbody></table>\n"
        var series: [(name: String, values: [Double])] = [("documents with codings", content.progress.map { Double($0.documentsCoded) })]
        if done { series.append(("marked done", content.progress.map { Double($0.documentsDone ?? 0) })) }
        html += figure(SVGChart.barChart(title: "Documents coded per coder", categories: content.progress.map(\.coder),
                                         series: series, maximum: Double(content.documents)),
                       caption: "Progress: documents per coder, out of \(content.documents).")
        return html + "</section>"
    }

    private static func frequencies(_ content: ReportContent) -> String {
        var html = section("frequencies", "Code frequencies")
        let frequencies = content.frequencies
        guard !frequencies.codes.isEmpty, !frequencies.series.isEmpty else {
            return html + "<p class=\"note\">No codes or no codings.</p></section>"
        }
        html += "<p>Codings of each code and its descendants, per coder.</p>\n"
        let perRow = Double(max(frequencies.series.count, 1)) * 11 + 7
        let rows = max(Int((pageHeight - 60) / perRow), 5)
        let maximum = frequencies.series.flatMap(\.values).max() ?? 1
        for (part, range) in chunks(frequencies.codes.count, size: rows).enumerated() {
            html += figure(SVGChart.barChart(
                title: "Codings per code and coder", categories: range.map { leaf(frequencies.codes[$0]) },
                series: frequencies.series.map { ($0.coder, Array($0.values[range])) },
                depths: range.map { depth(frequencies.codes[$0]) }, maximum: maximum),
                caption: "Codings per code" + partLabel(part, of: frequencies.codes.count, size: rows) + ".")
        }
        return html + "</section>"
    }

    private static func groups(_ content: ReportContent) -> String {
        var html = section("groups", "Codes by group")
        guard let joint = content.joint else {
            return html + "<p class=\"note\">Give <code>--by ATTRIBUTE</code> to compare groups of cases.</p></section>"
        }
        html += "<p>Share of each group's coded cases (by <strong>\(e(joint.attribute))</strong>) with the code"
            + (joint.coder.map { ", coder <strong>\(e($0))</strong>" } ?? "") + ".</p>\n"
        let rows = max(Int((pageHeight - 150) / 26), 5)
        for (part, range) in chunks(joint.codes.count, size: rows).enumerated() {
            let cells = range.map { row in
                joint.values.indices.map { column -> (value: Double?, text: String) in
                    let cell = joint.cell(row, column)
                    return (cell.percent, cell.percent.map { "\(Int($0.rounded()))%" } ?? "")
                }
            }
            html += figure(SVGChart.heatmap(title: "Codes by \(joint.attribute)", id: "groups\(part)",
                                            rowLabels: range.map { leaf(joint.codes[$0].path) },
                                            depths: range.map { depth(joint.codes[$0].path) }, columnLabels: joint.values,
                                            cells: cells, maximum: 100),
                           caption: "Percent of coded cases with the code" + partLabel(part, of: joint.codes.count, size: rows)
                            + "; hatched: no case of the group was coded.")
        }
        html += "<h3>Joint display</h3>\n<div class=\"joint-wrap\">\(joint.htmlTable())</div>\n"
        html += "<p class=\"note\">\(e(joint.legend))</p>\n"
        return html + "</section>"
    }

    private static func cooccurrence(_ content: ReportContent) -> String {
        var html = section("cooccurrence", "Co-occurrence")
        guard let table = content.cooccurrence, !table.codes.isEmpty else {
            return html + "<p class=\"note\">No codings to count.</p></section>"
        }
        html += "<p>Number of \(e(table.unit))s coded with both codes"
            + (content.coder.map { " by <strong>\(e($0))</strong>" } ?? "")
            + "; shade: Jaccard index (both / either). Columns are numbered as the rows.</p>\n"
        let n = table.codes.count
        var maximum = 0.0
        var cells: [[(value: Double?, text: String)]] = []
        for a in 0..<n {
            var row: [(value: Double?, text: String)] = []
            for b in 0..<n {
                let both = table.counts[a][b]
                if a == b { row.append((nil, "\(both)")); continue }
                let either = table.counts[a][a] + table.counts[b][b] - both
                let jaccard = either > 0 ? Double(both) / Double(either) : 0
                maximum = max(maximum, jaccard)
                row.append((jaccard, both == 0 ? "" : "\(both)"))
            }
            cells.append(row)
        }
        html += figure(SVGChart.heatmap(
            title: "Co-occurrence of codes", id: "cooccurrence",
            rowLabels: table.codes.enumerated().map { "\($0.offset + 1) \(leaf($0.element))" },
            depths: table.codes.map(depth),
            columnLabels: (1...n).map(String.init), cells: cells, maximum: max(maximum, 0.01)),
            caption: "Co-occurrence per \(table.unit); the diagonal (hatched) holds each code's own count.")
        return html + "</section>"
    }

    private static func agreement(_ content: ReportContent) -> String {
        guard let agreement = content.agreement else {
            guard let note = content.agreementNote else { return "" }
            return section("agreement", "Agreement") + "<p class=\"note\">\(e(note))</p></section>"
        }
        var html = section("agreement", "Agreement")
        html += "<p>Krippendorff's alpha per code between <strong>\(agreement.coders.map(e).joined(separator: "</strong>, <strong>"))</strong>, "
            + "unit \(e(agreement.unit)), with 95% bootstrap intervals (\(agreement.bootstrapSamples) resamples of value pairs, "
            + "Hayes &amp; Krippendorff; seed \(agreement.seed)). Dashed lines: 0.667 and 0.8.</p>\n"
        if let units = agreement.disagreementUnits {
            html += "<p class=\"callout\"><strong>\(units)</strong> \(e(agreement.unit))(s) where the coders applied different codes "
                + "(see <code>qcode disagreements</code>).</p>\n"
        }
        let rows = (agreement.overall.map { [$0] } ?? []) + agreement.rows
        let forest = rows.map { row in
            SVGChart.ForestRow(label: row.code == overallLabel ? row.code : leaf(row.code),
                               depth: row.code == overallLabel ? 0 : depth(row.code),
                               estimate: row.alpha, lower: row.lower, upper: row.upper, text: interval(row))
        }
        let perPage = max(Int((pageHeight - 40) / 18), 5)
        for (part, range) in chunks(forest.count, size: perPage).enumerated() {
            html += figure(SVGChart.forestPlot(title: "Agreement per code", rows: Array(forest[range]), references: [0.667, 0.8]),
                           caption: "Krippendorff's alpha with 95% interval" + partLabel(part, of: forest.count, size: perPage) + ".")
        }
        html += "<table class=\"data\"><thead><tr><th>Code</th><th class=\"num\">Alpha [95% CI]</th>"
            + "<th class=\"num\">% agreement</th><th class=\"num\">Units coded</th><th class=\"num\">Disagreements</th></tr></thead><tbody>"
        for row in rows {
            html += "<tr><td>\(e(row.code))</td><td class=\"num\">\(e(interval(row)))</td>"
                + "<td class=\"num\">\(row.percent.map { String(format: "%.1f", $0 * 100) } ?? "–")</td>"
                + "<td class=\"num\">\(row.coded)</td><td class=\"num\">\(row.disagreements)</td></tr>"
        }
        return html + "</tbody></table>\n</section>"
    }

    private static func codebook(_ content: ReportContent) -> String {
        var html = "<section id=\"codebook\" class=\"appendix\">\n<h2>Appendix: Codebook</h2>\n"
        guard !content.codebook.isEmpty else { return html + "<p class=\"note\">No codes.</p></section>" }
        html += "<dl class=\"codebook\">\n"
        for code in content.codebook {
            html += "<div class=\"code depth\(min(code.depth, 3))\"><dt>\(e(code.label ?? code.name)) <code>\(e(code.path))</code></dt>"
            var parts: [String] = []
            if let description = code.description { parts.append(e(description)) }
            if let include = code.include { parts.append("<em>Include:</em> \(e(include))") }
            if let exclude = code.exclude { parts.append("<em>Exclude:</em> \(e(exclude))") }
            for example in code.examples { parts.append("<em>Example:</em> “\(e(example))”") }
            html += parts.map { "<dd>\($0)</dd>" }.joined() + "</div>\n"
        }
        return html + "</dl>\n</section>"
    }

    // MARK: Pieces

    private static func e(_ text: String) -> String { HTML.escape(text) }

    /// The label of the pooled agreement row.
    static let overallLabel = "All codes (pooled)"

    /// A code path's last name.
    static func leaf(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }

    /// A code path's depth (0: top level).
    static func depth(_ path: String) -> Int { path.filter { $0 == "/" }.count }

    private static func section(_ id: String, _ title: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(title)</h2>\n"
    }

    private static func figure(_ svg: String, caption: String) -> String {
        "<figure>\(svg)<figcaption>\(e(caption))</figcaption></figure>\n"
    }

    /// "0.71 [0.52, 0.86]", or "undefined".
    static func interval(_ row: ReportContent.Agreement.Row) -> String {
        guard let alpha = row.alpha else { return "undefined" }
        func two(_ value: Double) -> String {
            let text = String(format: "%.2f", value)
            return text == "-0.00" ? "0.00" : text
        }
        guard let lower = row.lower, let upper = row.upper else { return two(alpha) }
        return "\(two(alpha)) [\(two(lower)), \(two(upper))]"
    }

    /// `0..<count` in ranges of at most `size`.
    static func chunks(_ count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: max(size, 1)).map { $0..<min($0 + max(size, 1), count) }
    }

    private static func partLabel(_ part: Int, of count: Int, size: Int) -> String {
        count > size ? " (part \(part + 1) of \((count + size - 1) / size))" : ""
    }

    static let css = """
        :root { color-scheme: light; }
        body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; background: #fff;
               max-width: 1000px; margin: 0 auto; padding: 24px 32px 64px; }
        header { border-bottom: 2px solid #0969da; margin-bottom: 8px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
        h3 { font-size: 16px; margin: 24px 0 8px; }
        .meta { color: #57606a; margin: 0 0 8px; }
        nav { margin: 0 0 12px; font-size: 13px; }
        nav a { color: #0969da; text-decoration: none; margin-right: 14px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 16px; }
        .card { border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 16px; min-width: 110px; background: #f6f8fa; }
        .card .number { display: block; font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
        .card span + span { color: #57606a; font-size: 12px; }
        figure { margin: 12px 0 20px; break-inside: avoid; page-break-inside: avoid; }
        figcaption { color: #57606a; font-size: 12px; margin-top: 4px; }
        svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
        table.data { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
        table.data th, table.data td { border-bottom: 1px solid #d8dee4; padding: 4px 10px; text-align: left; }
        table.data thead th { border-bottom: 2px solid #afb8c1; }
        table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.data tr { break-inside: avoid; page-break-inside: avoid; }
        .note { color: #57606a; font-size: 13px; }
        .callout { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 12px; }
        code { font: 12px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; color: #57606a; }
        dl.codebook { margin: 0; }
        dl.codebook .code { break-inside: avoid; page-break-inside: avoid; padding: 6px 0; border-bottom: 1px solid #eaeef2; }
        dl.codebook dt { font-weight: 600; }
        dl.codebook dd { margin: 2px 0 0 16px; font-size: 13px; }
        dl.codebook .depth1 { margin-left: 18px; } dl.codebook .depth2 { margin-left: 36px; } dl.codebook .depth3 { margin-left: 54px; }
        \(JointDisplay.css)
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11pt; }
          nav { display: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
          section { break-before: page; page-break-before: always; }
          section#overview { break-before: auto; page-break-before: auto; }
          figure, svg.chart { break-inside: avoid; page-break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}
