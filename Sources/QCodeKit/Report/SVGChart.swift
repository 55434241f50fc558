import Foundation

/// Small charts drawn as inline SVG (no script, no external file, no `xmlns` URL: an `<svg>`
/// inside HTML needs none). Every label is escaped; long labels are shortened with `…` and
/// keep their full text in a `<title>` tooltip. Sizes are in SVG user units on a fixed
/// `viewBox` width, scaled to the page width by CSS, so a chart prints whole.
enum SVGChart {
    /// The width of every chart's `viewBox`.
    static let width = 760.0
    static let font = "font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\""
    /// Colours of series (coders), colour-blind safe (Okabe-Ito).
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    // MARK: Bar chart

    /// A horizontal grouped bar chart: one group of bars per category, one bar per series,
    /// with a legend when there are several series and the value at the end of each bar.
    ///
    /// - Parameters:
    ///   - categories: the row labels, top to bottom.
    ///   - series: each series' name and one value per category.
    ///   - maximum: the value of a full-width bar (default: the largest value).
    static func barChart(title: String, categories: [String], series: [(name: String, values: [Double])],
                         depths: [Int]? = nil, maximum fullWidth: Double? = nil,
                         valueFormat: (Double) -> String = { ExportCell.format($0) }) -> String {
        let labelWidth = 230.0, right = 50.0, barHeight = 11.0, gap = 7.0
        let legendHeight = series.count > 1 ? 22.0 : 0
        let groupHeight = Double(max(series.count, 1)) * barHeight + gap
        let top = 8.0 + legendHeight
        let height = top + Double(categories.count) * groupHeight + 24
        let plotWidth = width - labelWidth - right
        let maximum = max(fullWidth ?? series.flatMap(\.values).max() ?? 0, 1)
        var svg = open(title: title, height: height)
        svg += legend(series.count > 1 ? series.map(\.name) : [], x: labelWidth, y: 8)
        for tick in ticks(maximum, integers: series.allSatisfy { $0.values.allSatisfy { $0 == $0.rounded() } }) {
            let x = labelWidth + plotWidth * tick / maximum
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top - 2))\" x2=\"\(f(x))\" y2=\"\(f(height - 20))\" stroke=\"#d8dee4\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(height - 6))\" font-size=\"10\" text-anchor=\"middle\" fill=\"#57606a\">\(valueFormat(tick))</text>"
        }
        for (row, category) in categories.enumerated() {
            let y = top + Double(row) * groupHeight
            svg += rowLabel(category, depth: depths?[row], right: labelWidth - 6, y: y + groupHeight / 2 - gap / 2 + 4)
            for (index, one) in series.enumerated() {
                let value = row < one.values.count ? one.values[row] : 0
                let barY = y + Double(index) * barHeight
                let length = max(plotWidth * value / maximum, value > 0 ? 1 : 0)
                svg += "<rect x=\"\(f(labelWidth))\" y=\"\(f(barY))\" width=\"\(f(length))\" height=\"\(f(barHeight - 2))\" fill=\"\(palette[index % palette.count])\">"
                svg += "<title>\(HTML.escape("\(category), \(one.name): \(valueFormat(value))"))</title></rect>"
                svg += "<text x=\"\(f(labelWidth + length + 3))\" y=\"\(f(barY + barHeight - 3))\" font-size=\"9\" fill=\"#33383d\">\(valueFormat(value))</text>"
            }
        }
        return svg + "</svg>"
    }

    // MARK: Heatmap

    /// A heatmap: one row and one column per label, each cell shaded by its value over
    /// `maximum` (nil: no value, drawn hatched grey), with its text inside when it fits.
    ///
    /// - Parameters:
    ///   - columnLabels: shown above the columns, turned 45° when they do not fit.
    ///   - cells: `cells[row][column]`: the shade value and the text in the cell.
    ///   - id: a name unique in the page (for the hatch pattern of cells without a value).
    ///   - depths: each row label's depth in the code tree (indented, depth 0 bold); nil: right-aligned labels.
    static func heatmap(title: String, id: String, rowLabels: [String], depths: [Int]? = nil, columnLabels: [String],
                        cells: [[(value: Double?, text: String)]], maximum: Double) -> String {
        let labelWidth = 230.0
        let columns = max(columnLabels.count, 1)
        let cellWidth = min(90, (width - labelWidth - 10) / Double(columns))
        let longest = Double(columnLabels.map(\.count).max() ?? 0)
        let turned = longest * 6.2 > cellWidth - 4
        let header = turned ? min(140, 12 + min(longest, 24) * 5.2) : 22
        let cellHeight = min(max(cellWidth * 0.6, 12), 26)
        let height = header + Double(rowLabels.count) * cellHeight + 8
        let showText = cellWidth >= 24 && cellHeight >= 14
        var svg = open(title: title, height: height)
        svg += "<defs><pattern id=\"\(id)-none\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        svg += "<rect width=\"6\" height=\"6\" fill=\"#f6f8fa\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#d0d7de\" stroke-width=\"2\"/></pattern></defs>"
        for (column, name) in columnLabels.enumerated() {
            let x = labelWidth + (Double(column) + 0.5) * cellWidth
            if turned {
                svg += "<g transform=\"translate(\(f(x)) \(f(header - 4))) rotate(-45)\">"
                svg += label(name, x: 0, y: 0, anchor: "start", maxCharacters: 24, size: 9)
                svg += "</g>"
            } else {
                svg += label(name, x: x, y: header - 7, anchor: "middle", maxCharacters: Int(cellWidth / 6), size: 10)
            }
        }
        let scale = maximum > 0 ? maximum : 1
        for (row, name) in rowLabels.enumerated() {
            let y = header + Double(row) * cellHeight
            svg += rowLabel(name, depth: depths?[row], right: labelWidth - 6, y: y + cellHeight / 2 + 3.5,
                            size: cellHeight < 14 ? 8 : 10)
            for column in 0..<columnLabels.count {
                let cell: (value: Double?, text: String) = row < cells.count && column < cells[row].count ? cells[row][column] : (nil, "")
                let x = labelWidth + Double(column) * cellWidth
                let fill = cell.value.map { shade(min(max($0 / scale, 0), 1)) } ?? "url(#\(id)-none)"
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cellWidth - 1))\" height=\"\(f(cellHeight - 1))\" fill=\"\(fill)\">"
                svg += "<title>\(HTML.escape("\(name) × \(columnLabels[column]): \(cell.text.isEmpty ? "no value" : cell.text)"))</title></rect>"
                if showText, !cell.text.isEmpty {
                    let dark = (cell.value ?? 0) / scale > 0.55
                    svg += "<text x=\"\(f(x + cellWidth / 2 - 0.5))\" y=\"\(f(y + cellHeight / 2 + 3.5))\" font-size=\"10\" text-anchor=\"middle\" fill=\"\(dark ? "#ffffff" : "#1f2328")\">\(HTML.escape(cell.text))</text>"
                }
            }
        }
        return svg + "</svg>"
    }

    // MARK: Forest plot

    /// One row of a forest plot: an estimate with its interval (nil: undefined).
    struct ForestRow {
        var label: String
        /// The depth in the code tree (indented, depth 0 bold); nil: right-aligned.
        var depth: Int?
        var estimate: Double?
        var lower: Double?
        var upper: Double?
        /// Shown at the right, e.g. "0.71 [0.52, 0.86]".
        var text: String
    }

    /// A forest plot on a fixed axis from `-1`... `1` (or from the lowest bound when that is
    /// above 0, from 0), with dashed reference lines (`references`, e.g. 0.667 and 0.8).
    static func forestPlot(title: String, rows: [ForestRow], references: [Double]) -> String {
        let labelWidth = 230.0, textWidth = 150.0, rowHeight = 18.0, top = 10.0
        let lows = rows.compactMap { $0.lower ?? $0.estimate }
        let low = (lows.min() ?? 0) < 0 ? -1.0 : 0.0
        let high = 1.0
        let plotLeft = labelWidth + 10, plotWidth = width - labelWidth - textWidth - 20
        func x(_ value: Double) -> Double { plotLeft + plotWidth * (min(max(value, low), high) - low) / (high - low) }
        let height = top + Double(rows.count) * rowHeight + 30
        let bottom = top + Double(rows.count) * rowHeight
        var svg = open(title: title, height: height)
        for tick in stride(from: low, through: high + 1e-9, by: 0.25) {
            svg += "<line x1=\"\(f(x(tick)))\" y1=\"\(f(top))\" x2=\"\(f(x(tick)))\" y2=\"\(f(bottom))\" stroke=\"\(tick == 0 ? "#8c959f" : "#eaeef2")\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(f(bottom + 14))\" font-size=\"10\" text-anchor=\"middle\" fill=\"#57606a\">\(ExportCell.format(tick))</text>"
        }
        for reference in references where reference > low && reference < high {
            svg += "<line x1=\"\(f(x(reference)))\" y1=\"\(f(top))\" x2=\"\(f(x(reference)))\" y2=\"\(f(bottom))\" stroke=\"#cf222e\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>"
            svg += "<text x=\"\(f(x(reference)))\" y=\"\(f(bottom + 26))\" font-size=\"9\" text-anchor=\"middle\" fill=\"#cf222e\">\(ExportCell.format(reference))</text>"
        }
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight + rowHeight / 2
            if index % 2 == 1 {
                svg += "<rect x=\"0\" y=\"\(f(y - rowHeight / 2))\" width=\"\(f(width))\" height=\"\(f(rowHeight))\" fill=\"#f6f8fa\" fill-opacity=\"0.6\"/>"
            }
            svg += rowLabel(row.label, depth: row.depth, right: labelWidth - 6, y: y + 3.5)
            if let lower = row.lower, let upper = row.upper {
                svg += "<line x1=\"\(f(x(lower)))\" y1=\"\(f(y))\" x2=\"\(f(x(upper)))\" y2=\"\(f(y))\" stroke=\"#24292f\" stroke-width=\"1.5\"/>"
                for end in [lower, upper] {
                    svg += "<line x1=\"\(f(x(end)))\" y1=\"\(f(y - 3))\" x2=\"\(f(x(end)))\" y2=\"\(f(y + 3))\" stroke=\"#24292f\" stroke-width=\"1.5\"/>"
                }
            }
            if let estimate = row.estimate {
                svg += "<rect x=\"\(f(x(estimate) - 4))\" y=\"\(f(y - 4))\" width=\"8\" height=\"8\" fill=\"#0969da\"><title>\(HTML.escape("\(row.label): \(row.text)"))</title></rect>"
            }
            svg += "<text x=\"\(f(width - textWidth + 4))\" y=\"\(f(y + 3.5))\" font-size=\"10\" fill=\"#33383d\">\(HTML.escape(row.text))</text>"
        }
        return svg + "</svg>"
    }

    // MARK: Pieces

    /// The opening `<svg>` tag with an accessible title.
    private static func open(title: String, height: Double) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" \(font)>"
            + "<title>\(HTML.escape(title))</title>"
    }

    /// A row's label: right-aligned at `right`, or with a depth, left-aligned and indented
    /// by it (a top-level code bold).
    private static func rowLabel(_ text: String, depth: Int?, right: Double, y: Double, size: Double = 10) -> String {
        guard let depth else { return label(text, x: right, y: y, anchor: "end", maxCharacters: 38, size: size) }
        let indent = Double(min(depth, 4)) * 12
        return label(text, x: 4 + indent, y: y, anchor: "start", maxCharacters: Int((right - 4 - indent) / (size * 0.58)),
                     size: size, bold: depth == 0)
    }

    /// A text label, shortened to `maxCharacters` with `…` (the full text in a tooltip).
    private static func label(_ text: String, x: Double, y: Double, anchor: String, maxCharacters: Int, size: Double = 10,
                              bold: Bool = false) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        let shown = flat.count > maxCharacters ? String(flat.prefix(max(maxCharacters - 1, 1))) + "…" : flat
        var svg = "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" text-anchor=\"\(anchor)\" fill=\"#1f2328\"\(bold ? " font-weight=\"600\"" : "")>"
        if shown != flat { svg += "<title>\(HTML.escape(flat))</title>" }
        return svg + HTML.escape(shown) + "</text>"
    }

    /// Swatches and names of the series, in one row.
    private static func legend(_ names: [String], x: Double, y: Double) -> String {
        var svg = ""
        var left = x
        for (index, name) in names.enumerated() {
            svg += "<rect x=\"\(f(left))\" y=\"\(f(y))\" width=\"10\" height=\"10\" fill=\"\(palette[index % palette.count])\"/>"
            let shown = name.count > 24 ? String(name.prefix(23)) + "…" : name
            svg += "<text x=\"\(f(left + 14))\" y=\"\(f(y + 9))\" font-size=\"11\" fill=\"#1f2328\">\(HTML.escape(shown))</text>"
            left += 24 + Double(shown.count) * 6.5
        }
        return svg
    }

    /// Four or five round tick values from 0 to about `maximum` (whole numbers only, with `integers`).
    static func ticks(_ maximum: Double, integers: Bool = false) -> [Double] {
        guard maximum > 0 else { return [0] }
        let rough = maximum / 4
        let magnitude = pow(10, floor(log10(rough)))
        var step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? rough
        if integers { step = max(step.rounded(.up), 1) }
        return stride(from: 0.0, through: maximum + 1e-9, by: step).map { $0 }
    }

    /// A blue from near white (0) to deep blue (1).
    static func shade(_ t: Double) -> String {
        let from = (246.0, 248.0, 250.0), to = (9.0, 82.0, 170.0)
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
        return String(format: "#%02x%02x%02x", mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
    }

    /// A coordinate with at most one decimal.
    static func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}
