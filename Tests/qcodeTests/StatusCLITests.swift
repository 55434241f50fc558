import Foundation
import Testing

/// `qcode status` and `qcode docs done` end to end on the shipped samples.
@Suite struct StatusCLITests {
    @Test func statusShowsEachCodersProgressAndMarksWholeOutput() throws {
        let cli = CLIRunner()
        try cli.sampleProject()
        let marked = try cli.run(["docs", "done", "SU07_r", "GP02", "--coder", "ben"])
        #expect(marked.status == 0)
        #expect(marked.stderr == """
            qcode: SU07_referral: marked fully coded by ben
            qcode: GP02_interview: marked fully coded by ben

            """)
        let table = try cli.ok(["status"])
        // The last-activity column holds today's times: compare everything before it.
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(11)) == [
            "document           turns  alice       ben",
            "FG01_focus-group   34     0 · 0/34    0 · 0/34",
            "GP02_interview     37     17 · 13/37  18 · 13/37 done",
            "HC01_health-coach  23     0 · 0/23    0 · 0/23",
            "LW01_link-worker   39     17 · 15/39  17 · 15/39",
            "SU03_followup      29     0 · 0/29    0 · 0/29",
            "SU03_referral      31     0 · 0/31    0 · 0/31",
            "SU07_followup      28     0 · 0/28    0 · 0/28",
            "SU07_referral      31     15 · 12/31  14 · 10/31 done",
            "SU12_followup      29     0 · 0/29    0 · 0/29",
            "",
        ])
        #expect(lines[11].hasPrefix("coder  codings  documents coded  documents done  turns coded  last activity"))
        #expect(lines[12].hasPrefix("alice  49       3/9              0/9             40           20"))
        #expect(lines[13].hasPrefix("ben    49       3/9              2/9             38           20"))
    }

    @Test func statusJSONCountsEqualSegments() throws {
        let cli = CLIRunner()
        try cli.sampleProject()
        try cli.ok(["docs", "done", "FG01", "--coder", "alice"])
        let json = try JSONSerialization.jsonObject(with: Data(try cli.ok(["status", "--format", "json"]).utf8)) as? [String: Any]
        let documents = try #require(json?["documents"] as? [[String: Any]])
        let segments = try JSONSerialization.jsonObject(
            with: Data(try cli.ok(["segments", "--format", "json"]).utf8)) as? [[String: Any]] ?? []
        #expect(!segments.isEmpty)
        for document in documents {
            let name = try #require(document["document"] as? String)
            let coders = try #require(document["coders"] as? [String: [String: Any]])
            #expect(Set(coders.keys) == ["alice", "ben"])
            for (coder, progress) in coders {
                let expected = segments.filter { $0["document"] as? String == name && $0["coder"] as? String == coder }.count
                #expect(progress["codings"] as? Int == expected, "\(name) \(coder)")
                #expect(progress["done"] as? Bool == (name == "FG01_focus-group" && coder == "alice"))
            }
        }
        let coders = try #require(json?["coders"] as? [[String: Any]])
        #expect(coders.map { $0["coder"] as? String } == ["alice", "ben"])
        #expect(coders.map { Set($0.keys) } == Array(repeating: ["coder", "codings", "documents_coded", "documents_done",
                                                                 "turns_coded", "last_activity"], count: 2))
        #expect(coders.map { $0["codings"] as? Int } == [49, 49])
    }

    @Test func undoTakesAMarkingBackAndAnUnknownDocumentFailsInOneLine() throws {
        let cli = CLIRunner()
        try cli.sampleProject()
        try cli.ok(["docs", "done", "GP02", "--coder", "alice"])
        let again = try cli.run(["docs", "done", "GP02", "--coder", "alice", "--undo"])
        #expect(again.stderr == "qcode: GP02_interview: no longer marked fully coded by alice\n")
        try cli.ok(["undo"])
        #expect(try cli.ok(["status", "--format", "csv"]).contains("GP02_interview,37,alice,17,13,1"))
        let bad = try cli.run(["docs", "done", "GP02", "nosuch", "--coder", "alice"])
        #expect(bad.status != 0)
        #expect(bad.stderr.split(separator: "\n").count == 1)
        #expect(bad.stderr.contains("nosuch"))
    }
}
