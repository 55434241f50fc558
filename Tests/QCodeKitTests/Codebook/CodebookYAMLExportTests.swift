import Foundation
import Testing
@testable import QCodeKit

@Suite struct CodebookYAMLExportTests {
    private func roundTrip(_ book: Codebook) throws -> Codebook {
        try Codebook.parseYAML(book.yamlString(), fileName: "export.yaml")
    }

    @Test func writesKeysInOrderAndLeavesOutEmptyFields() {
        let book = Codebook(
            title: "Interviews",
            codes: [
                CodeDefinition(
                    id: "sc", name: "social-cure", label: "Social cure", colour: "#1B9E77",
                    description: "Groups as a route to health.", include: "Talk about groups.",
                    exclude: "Link-worker talk.", examples: ["It's being with people."],
                    keywords: ["group", "club"],
                    children: [CodeDefinition(id: "sc-j", name: "joining")]),
                CodeDefinition(id: "out", name: "outcomes"),
            ])
        let body = book.yamlString().split(separator: "\n").drop { $0.hasPrefix("#") }.joined(separator: "\n")
        #expect(body == """
            codebook: Interviews
            codes:
              - name: social-cure
                id: sc
                label: Social cure
                colour: "#1B9E77"
                description: Groups as a route to health.
                include: Talk about groups.
                exclude: Link-worker talk.
                examples:
                  - "It's being with people."
                keywords: [group, club]
                children:
                  - name: joining
                    id: sc-j
              - name: outcomes
                id: out
            """)
    }

    @Test func startsWithAHeaderComment() {
        let text = Codebook().yamlString()
        #expect(text.hasPrefix("# qcode codebook (format 1)\n"))
        #expect(text.hasSuffix("\ncodes: []\n"))
    }

    @Test func foldsLongTextAndKeepsLineBreaksInLiteralBlocks() throws {
        let long = Array(repeating: "Talk about joining a new group and what it meant.", count: 4)
            .joined(separator: " ")
        let book = Codebook(description: long, codes: [
            CodeDefinition(id: "a", name: "a", description: "First line.\nSecond line.\n\nAfter a gap."),
        ])
        let text = book.yamlString()
        #expect(text.contains("description: >-\n  Talk about joining"))
        #expect(text.contains("    description: |-\n      First line.\n      Second line.\n\n      After a gap.\n"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(try roundTrip(book) == book)
    }

    @Test func wrapsLongKeywordLists() throws {
        let words = (1...20).map { "keyword\($0)" }
        let book = Codebook(codes: [CodeDefinition(id: "a", name: "a", keywords: words)])
        let text = book.yamlString()
        #expect(text.contains("    keywords: [keyword1, keyword2,"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(try roundTrip(book) == book)
    }

    @Test func roundTripsTheSampleFixture() throws {
        let book = try Codebook.parseYAML(CodebookFixtures.sampleYAML, fileName: "book.yaml")
        #expect(try roundTrip(book) == book)
    }

    /// Text that YAML would misread if written bare must come back unchanged.
    @Test(arguments: [
        "yes", "No", "null", "~", "true", "42", "3.14", "0x1F", "2024-01-31", ".inf",
        "key: value", "a #not comment", "# comment-like", "- dash", "? question", "trailing:",
        "[brackets]", "{braces}", "a, b", "&anchor", "*alias", "!tag", "%percent", "@at", "`tick",
        "'single'", "\"double\"", "It's \"quoted\"", "back\\slash", "tab\there", "bell\u{7}",
        "line\u{2028}separator", "no\u{00A0}break", "zero\u{200B}width", "émigré 孤独 🙂", "a  double  space",
        "multi\nline\ntext", "  leading spaces\nsecond line", "|pipe", ">gt", "=", "<<",
    ])
    func roundTripsAwkwardText(_ text: String) throws {
        let book = Codebook(title: text, description: text, codes: [
            CodeDefinition(
                id: text, name: text.replacingOccurrences(of: "/", with: ""), label: text,
                description: text, include: text + " " + String(repeating: "long words ", count: 10),
                exclude: text, examples: [text, text], keywords: [text, "plain"]),
        ])
        let trimmed = Codebook(
            title: clean(book.title), description: clean(book.description),
            codes: book.codes.map { code in
                var code = code
                code.name = clean(code.name)!
                code.id = clean(code.id)!
                code.label = clean(code.label)
                code.description = clean(code.description)
                code.include = clean(code.include)
                code.exclude = clean(code.exclude)
                code.examples = code.examples.compactMap(clean)
                code.keywords = code.keywords.compactMap(clean)
                return code
            })
        #expect(try roundTrip(trimmed) == trimmed)
    }

    private func clean(_ text: String?) -> String? {
        text?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func roundTripsUnicodeAndDeepTrees() throws {
        var leaf = CodeDefinition(id: "d5", name: "niveau 5 — fin")
        for depth in (0..<5).reversed() {
            leaf = CodeDefinition(id: "d\(depth)", name: "Ебене \(depth)", label: "層 \(depth)", children: [leaf])
        }
        let book = Codebook(title: "Многоязычный", codes: [leaf])
        #expect(try roundTrip(book) == book)
    }
}
