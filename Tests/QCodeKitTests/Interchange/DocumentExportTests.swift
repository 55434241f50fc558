import Foundation
import Testing
@testable import QCodeKit

@Suite struct QuotesExportTests {
    let fixture: ExportFixture
    init() throws { fixture = try ExportFixture() }

    @Test func markdownGroupsByThemeAndCode() throws {
        var filter = SegmentFilter()
        filter.coders = ["ann"]
        let markdown = try fixture.project.quotes(.init(filter: filter, attributes: ["group", "age"]))
        #expect(markdown.hasPrefix("# Coded segments by theme\n\n## Social Cure\n\n### Social Cure/community-belonging\n"))
        #expect(markdown.contains("> I felt I belonged there\n>\n> — AA01 (group: service user; age: 40)\n"))
        #expect(markdown.contains("## link-worker\n\n### link-worker/trust\n"))
        let social = try #require(markdown.range(of: "## Social Cure"))
        let link = try #require(markdown.range(of: "## link-worker"))
        #expect(social.lowerBound < link.lowerBound)
    }

    @Test func sameSpanFromTwoCodersIsQuotedOnce() throws {
        try fixture.code("BB02", "Nobody came round", "sc-lo", "bob")
        let markdown = try fixture.project.quotes()
        #expect(markdown.components(separatedBy: "> Nobody came round").count == 2)
    }

    @Test func htmlIsEscaped() throws {
        let html = try fixture.project.quotes(.init(title: "Quotes <draft> & \"notes\""), format: .html)
        #expect(html.contains("<h1>Quotes &lt;draft&gt; &amp; &quot;notes&quot;</h1>"))
        #expect(html.contains("<blockquote>\n<p>Nobody came round</p>\n<footer>— BB02</footer>\n</blockquote>"))
        #expect(QuoteDocument.html("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
    }

    @Test func markdownEscapesMarkup() {
        #expect(QuoteDocument.markdown("a *b* _c_ [d] <e> `f` | g") == "a \\*b\\* \\_c\\_ \\[d\\] \\<e\\> \\`f\\` \\| g")
        #expect(QuoteDocument.markdown("# not a heading", lineStart: true) == "\\# not a heading")
        #expect(QuoteDocument.markdown("1. not a list", lineStart: true) == "1\\. not a list")
    }

    @Test func unknownAttributeIsAnError() {
        #expect(throws: ExportError.noSuchAttribute("sex", known: ["group", "age"])) {
            try fixture.project.quotes(.init(attributes: ["sex"]))
        }
    }
}

@Suite struct CodebookDocumentTests {
    let codebook = Codebook(title: "Study | codebook", codes: [
        CodeDefinition(id: "sc", name: "social-cure", label: "Social cure", description: "Groups | belonging\nand health",
                       examples: ["one", "two"], keywords: ["group", "club"],
                       children: [CodeDefinition(id: "sc-cb", name: "belonging", colour: "#1B9E77")]),
    ])

    @Test func markdownTableEscapesPipes() {
        #expect(codebook.markdownTable() == """
            # Study \\| codebook

            | Code | Label | Definition | Include | Exclude | Example |
            |---|---|---|---|---|---|
            | social-cure | Social cure | Groups \\| belonging<br>and health |  |  | one<br>two |
            | social-cure/belonging |  |  |  |  |  |

            """)
    }

    @Test func csvHasOneRowPerCode() throws {
        #expect(try codebook.exportTable().rendered(.csv) == """
            path,id,parent_path,label,description,include,exclude,examples,keywords,colour\r
            social-cure,sc,,Social cure,"Groups | belonging
            and health",,,one | two,group | club,\r
            social-cure/belonging,sc-cb,social-cure,,,,,,,#1B9E77\r

            """)
    }
}
