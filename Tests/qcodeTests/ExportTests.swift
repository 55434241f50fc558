import Foundation
import Testing

/// End-to-end: `qcode export ...` on the shipped samples.
@Suite struct ExportTests {
    let cli = CLIRunner()

    private func csvRows(_ text: String) -> [[String]] {
        // The sample cells hold no commas inside quotes in the columns these tests read.
        text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
    }

    @Test func matrixHasOneRowPerLinkedCaseWithSurveyAttributesFirst() throws {
        try cli.sampleProject()
        try cli.ok(["export", "matrix", "--coder", "alice", "--level", "1", "--out", "matrix.csv"])
        let rows = csvRows(String(decoding: try cli.bytes("matrix.csv"), as: UTF8.self))
        let cases = try cli.ok(["cases", "list", "--format", "json"])
        let linked = try #require(try JSONSerialization.jsonObject(with: Data(cases.utf8)) as? [[String: Any]])
            .filter { ($0["documents"] as? [String] ?? []).count > 0 }.compactMap { $0["name"] as? String }
        #expect(rows.dropFirst().map { $0[0] } == linked.sorted())
        #expect(rows[0].prefix(4) == ["case", "group", "age", "sex"])
        #expect(rows[0].suffix(6) == ["social_cure", "link_worker", "social_determinants", "healthcare_use", "pathway", "outcomes"])
        #expect(rows[0].allSatisfy { $0.range(of: "^[a-z][a-z0-9_]{0,31}$", options: .regularExpression) != nil })
        let dictionary = String(decoding: try cli.bytes("matrix.dictionary.csv"), as: UTF8.self)
        #expect(dictionary.hasPrefix("column,kind,code_path,label,description,values\r\ncase,id,"))
        #expect(dictionary.contains("\r\nsocial_cure,code,social-cure,Social cure processes,"))
    }

    @Test func matrixNeedsACoderWhenTwoCoded() throws {
        try cli.sampleProject()
        let result = try cli.run(["export", "matrix"])
        #expect(result.status == 1)
        #expect(result.stderr == "qcode: error: codings by 2 coders (alice, ben) where one is needed (one coder, or a consensus coder): choose one with --coder\n")
    }

    @Test func matrixJoinReportsIDsOnOneSideOnly() throws {
        try cli.sampleProject()
        let survey = try cli.write("followup.csv", "participant_id,wellbeing\nSU07,41\nSU99,30\n")
        let result = try cli.run(["export", "matrix", "--coder", "ben", "--level", "1", "--join", survey, "--on", "participant_id", "--no-dictionary"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("in followup.csv but not in the matrix: SU99\n"))
        #expect(result.stderr.contains("case(s) in the matrix but not in followup.csv: FG01, GP02, HC01, LW01, SU03, SU12\n"))
        let rows = csvRows(result.stdout)
        let column = try #require(rows[0].firstIndex(of: "wellbeing"))
        #expect(column < rows[0].firstIndex(of: "social_cure")!)
        #expect(rows.first { $0[0] == "SU07" }?[column] == "41")
    }

    @Test func segmentsWithAttributesCarryGroup() throws {
        try cli.sampleProject()
        let output = try cli.ok(["export", "segments", "--attributes", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(rows.count == 98)
        #expect(rows.filter { $0["case"] as? String == "SU07" }.allSatisfy { $0["group"] as? String == "service user" })
        #expect(Set(rows[0].keys).isSuperset(of: ["document", "case", "speaker", "turn", "time", "code", "theme", "coder",
                                                  "start", "end", "text", "memo", "group", "age"]))
        let jsonl = try cli.ok(["export", "segments", "--coder", "alice", "--format", "jsonl"])
        #expect(jsonl.split(separator: "\n").count == rows.filter { $0["coder"] as? String == "alice" }.count)
    }

    @Test func quotesMarkdownHasThemeHeadingsAndParticipantIDs() throws {
        try cli.sampleProject()
        let markdown = try cli.ok(["export", "quotes", "--coder", "alice", "--attributes", "group,age"])
        #expect(markdown.hasPrefix("# Coded segments by theme\n"))
        #expect(markdown.contains("\n## Social cure processes (social-cure)\n"))
        #expect(markdown.contains("> — SU07 (group: service user; age: 71)\n"))
        try cli.ok(["export", "quotes", "--out", "quotes.html"])
        let html = String(decoding: try cli.bytes("quotes.html"), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<h2>Social cure processes (social-cure)</h2>"))
    }

    @Test func cooccurrenceCrosstabAndCodebook() throws {
        try cli.sampleProject()
        let cooccurrence = csvRows(try cli.ok(["export", "cooccurrence", "--level", "1", "--unit", "document", "--coder", "alice"]))
        #expect(cooccurrence[0] == ["code", "social-cure", "link-worker", "social-determinants", "healthcare-use", "pathway", "outcomes"])
        #expect(cooccurrence.count == 7)
        let crosstab = csvRows(try cli.ok(["export", "crosstab", "--attribute", "group", "--level", "1", "--coder", "alice"]))
        #expect(crosstab[0] == ["code", "GP", "provider", "service user", "total"])
        let markdown = try cli.ok(["export", "codebook", "--format", "markdown"])
        #expect(markdown.contains("| Code | Label | Definition | Include | Exclude | Example |"))
        try cli.ok(["export", "codebook", "--out", "codebook.csv"])
        let codebook = String(decoding: try cli.bytes("codebook.csv"), as: UTF8.self)
        #expect(codebook.hasPrefix("path,id,parent_path,label,description,include,exclude,examples,keywords,colour\r\nsocial-cure,sc,,"))
    }

    @Test func helpDocumentsFormulaNeutralisation() throws {
        let help = try cli.ok(["export", "segments", "--help"])
        #expect(help.contains("apostrophe"))
    }
}
