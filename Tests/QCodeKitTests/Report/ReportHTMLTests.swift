import Foundation
import Testing

@testable import QCodeKit

/// The report page's structure from hand-made content, without a project: sections, charts,
/// nothing fetched, everything escaped.
@Suite struct ReportHTMLTests {
    static let hostile = "<img src=x onerror=alert(1)>&\"'"

    private func content(agreement: Bool = true) -> ReportContent {
        var builder = JointDisplayBuilder(codes: [.init(path: "t", label: Self.hostile), .init(path: "t/c", label: nil)], quotes: 1)
        builder.addCase("P1", value: "a", presence: [1, 1])
        builder.addCase("P2", value: Self.hostile, presence: [0, nil])
        builder.addQuote(case: "P1", document: "P1_int", speaker: nil, code: "t/c", text: "quote \(Self.hostile)")
        var joint = builder.display()
        joint.attribute = "group"
        joint.coder = "ann"
        let rows = [ReportContent.Agreement.Row(code: "t", alpha: 0.7, lower: 0.5, upper: 0.9, percent: 0.9, disagreements: 2, coded: 5),
                    ReportContent.Agreement.Row(code: "t/c", alpha: nil, lower: nil, upper: nil, percent: 1, disagreements: 0, coded: 0)]
        return ReportContent(
            title: "Report \(Self.hostile)", generated: "2026-01-01 10:00", coder: "ann", attribute: "group", level: nil,
            documents: 3, cases: 2, casesWithDocuments: 2,
            progress: [.init(coder: "ann", codings: 4, documentsCoded: 2, documentsDone: nil),
                       .init(coder: Self.hostile, codings: 1, documentsCoded: 1, documentsDone: nil)],
            frequencies: .init(codes: ["t", "t/c"], series: [("ann", [3, 1]), (Self.hostile, [1, 0])]),
            joint: joint,
            cooccurrence: .init(codes: ["t", "t/c"], counts: [[3, 1], [1, 1]], unit: "turn"),
            agreement: agreement ? .init(coders: ["ann", Self.hostile], unit: "turn", rows: rows, overall: rows[0],
                                         disagreementUnits: 7, bootstrapSamples: 1000, seed: 1) : nil,
            agreementNote: agreement ? nil : "Agreement needs two or more coders; 1 coded.",
            codebook: [FlatCode(id: "t", name: "t", path: "t", label: Self.hostile, description: "d \(Self.hostile)",
                                examples: ["e \(Self.hostile)"])])
    }

    private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func hasEverySectionAndItsCharts() throws {
        let html = ReportHTML.render(content())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        for id in ["overview", "frequencies", "groups", "cooccurrence", "agreement", "codebook"] {
            #expect(count("<section id=\"\(id)\"", in: html) == 1, "section \(id)")
        }
        // Progress, frequencies, code x group heatmap, co-occurrence heatmap, forest plot.
        #expect(count("<svg class=\"chart\"", in: html) == 5)
        #expect(count("</svg>", in: html) == 5)
        #expect(count("<table class=\"joint\">", in: html) == 1)
        #expect(html.contains("<strong>7</strong> turn(s) where the coders applied different codes"))
        #expect(html.contains("0.70 [0.50, 0.90]") && html.contains(">undefined<"))
        #expect(html.contains("@media print") && html.contains("break-inside: avoid"))
    }

    @Test func fetchesNothing() throws {
        let html = ReportHTML.render(content())
        for forbidden in ["http", "<script", "<link", "@import", "<iframe", "<object", "<embed", "<img", "<image", "<use"] {
            #expect(!html.lowercased().contains(forbidden), "found \(forbidden)")
        }
        // No tag has a src or href that leaves the page (the hostile text has one, escaped).
        #expect(html.range(of: "<[a-zA-Z][^>]*\\s(src|srcset|data|action)\\s*=", options: .regularExpression) == nil)
        let hrefs = html.components(separatedBy: "href=\"").dropFirst()
        #expect(hrefs.count == 6 && hrefs.allSatisfy { $0.hasPrefix("#") })
        // The only url() references are in-page patterns.
        let urls = html.components(separatedBy: "url(").dropFirst()
        #expect(!urls.isEmpty && urls.allSatisfy { $0.hasPrefix("#") })
    }

    @Test func escapesEverythingFromTheProject() throws {
        let html = ReportHTML.render(content())
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror=alert(1)>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;"))
        #expect(html.contains("<title>Report &lt;img"))
    }

    @Test func withOneCoderAgreementIsANoteAndWithoutGroupsAHint() throws {
        var content = content(agreement: false)
        content.joint = nil
        let html = ReportHTML.render(content)
        #expect(html.contains("Agreement needs two or more coders; 1 coded."))
        #expect(html.contains("Give <code>--by ATTRIBUTE</code> to compare groups of cases."))
        #expect(count("<svg class=\"chart\"", in: html) == 3)
    }

    @Test func longChartsAreSplitIntoPrintablePieces() throws {
        var content = content()
        let paths = (0..<120).map { "code\($0)" }
        content.frequencies = .init(codes: paths, series: [("ann", paths.map { _ in 1 }), ("bob", paths.map { _ in 2 })])
        let html = ReportHTML.render(content)
        let parts = count("Codings per code (part ", in: html)
        #expect(parts >= 3)
        #expect(html.contains("(part 1 of \(parts))"))
        for svg in html.components(separatedBy: "<svg class=\"chart\" viewBox=\"0 0 760 ").dropFirst() {
            let height = Double(svg.prefix { $0 != "\"" }) ?? .infinity
            #expect(height <= ReportHTML.pageHeight, "a chart \(height) high would be cut on a page")
        }
    }

    @Test func binaryCountsGiveTheTallysAlpha() throws {
        let tally = BinaryAgreement(both: 3, onlyA: 1, onlyB: 2, neither: 20)
        let counts = Project.binaryCounts(unitsCodedBy: tally.unitsByCount)
        #expect(counts.unitCount == 26)
        let alpha = try KrippendorffAlpha.compute(CoincidenceMatrix(counts), level: .nominal).get().alpha
        #expect(abs(alpha - (try tally.krippendorffAlpha.get())) < 1e-12)
        let bootstrap = try KrippendorffAlpha.bootstrap(counts, level: .nominal, samples: 200, seed: 1, method: .pairs).get()
        #expect(bootstrap.interval.lower <= alpha && alpha <= bootstrap.interval.upper)
    }
}
