import Foundation
import Testing

/// `qcode search`, `qcode words` and `qcode segments --context` end to end.
@Suite struct SearchCLITests {
    let cli = CLIRunner()

    private func project() throws {
        try cli.ok(["init", "demo.qcode"])
        let transcript = try cli.write("Interview_P01.txt", """
            Interviewer: How did you come to the group? Tell me about the choir.

            P01: My GP sent me. The choir changed that. I don’t know why, but the choir did.

            Interviewer: And the link-worker?

            P01: The link worker helped with money. Don't forget the choir.
            """)
        try cli.ok(["import", transcript])
        try cli.ok(["codebook", "import", cli.sample("Codebooks/social-prescribing.yaml")])
    }

    @Test func keywordInContextTableWhenPiped() throws {
        try project()
        let result = try cli.run(["search", "choir", "--width", "12"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            document       turn  speaker      time         left  hit    right
            Interview_P01     1  Interviewer        e about the  choir  .
            Interview_P01     2  P01                ent me. The  choir  changed tha
            Interview_P01     2  P01                hy, but the  choir  did.
            Interview_P01     4  P01                 forget the  choir  .

            """)
        #expect(result.stderr == "qcode: 4 hit(s) in 1 document(s)\n")
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test func jsonHitsAreSlicesOfTheDocumentText() throws {
        try project()
        let json = try cli.ok(["search", "don't OR \"link worker\"", "--format", "json"])
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(hits.map { $0["text"] as? String } == ["don’t", "link-worker", "link worker", "Don't"])
        #expect(Set(hits[0].keys) == ["document", "case", "turn", "speaker", "time", "start", "end", "text", "left", "right"])
        let shown = try cli.ok(["show", "Interview_P01", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        let scalars = Array((document["text"] as? String ?? "").unicodeScalars)
        for hit in hits {
            let start = hit["start"] as! Int, end = hit["end"] as! Int
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == hit["text"] as? String)
        }
        #expect(try cli.ok(["search", "nowhere", "--format", "json"]) == "[]\n")
        let csv = try cli.ok(["search", "money", "--format", "csv"])
        #expect(csv.hasPrefix("document,case,turn,speaker,time,start,end,text,left,right\r\n"))
    }

    @Test func badQueriesFailInOneLine() throws {
        try project()
        let result = try cli.run(["search", "(choir OR"])
        #expect(result.status == 1)
        #expect(result.stderr == "qcode: error: search query '(choir OR': it ends where a word or phrase is expected\n")
        let regex = try cli.run(["search", "--regex", "(unclosed"])
        #expect(regex.status == 1)
        #expect(regex.stderr == "qcode: error: invalid regular expression '(unclosed'\n")
    }

    @Test func codingEveryHitIsOneUndoableStep() throws {
        try project()
        let dry = try cli.run(["search", "choir", "--code", "community-belonging", "--coder", "ann", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stderr.contains("4 hit(s): would code 4 new as "))
        #expect(try cli.ok(["segments", "--format", "json"]) == "[]\n")
        let coded = try cli.run(["search", "choir", "--code", "community-belonging", "--coder", "ann"])
        #expect(coded.stderr.contains("4 hit(s): coded 4 new as "), "\(coded.stderr)")
        let segments = try cli.ok(["segments", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(segments.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["text"] as? String } == ["choir", "choir", "choir", "choir"])
        let again = try cli.run(["search", "choir", "--code", "community-belonging", "--coder", "ann", "--scope", "turn"])
        #expect(again.stderr.contains("4 hit(s) (3 turns): coded 3 new as "), "\(again.stderr)")
        try cli.ok(["undo"])
        try cli.ok(["undo"])
        #expect(try cli.ok(["segments", "--format", "json"]) == "[]\n")
    }

    @Test func wordsCountsAndJSONShape() throws {
        try project()
        let table = try cli.ok(["words", "--top", "3"])
        #expect(table == """
            word    count  documents
            choir   4      1
            link    2      1
            worker  2      1

            """)
        let json = try cli.ok(["words", "--stopwords", "none", "--top", "1", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["word"] as? String == "the" && rows[0]["count"] as? Int == 7)
        #expect(Set(rows[0].keys) == ["word", "count", "documents"])
        let bigrams = try cli.ok(["words", "--ngrams", "2", "--by", "speaker", "--top", "1", "--format", "csv"])
        #expect(bigrams == "group,word,count,documents\r\nInterviewer,group tell,1,1\r\nP01,choir changed,1,1\r\n")
        let stop = try cli.write("stop.txt", "choir\n# comment\n")
        #expect(try !cli.ok(["words", "--stopwords", stop]).contains("choir"))
    }

    @Test func segmentsWithContextAddBeforeAndAfter() throws {
        try project()
        try cli.ok(["code", "Interview_P01", "community-belonging", "--turns", "2", "--coder", "ann"])
        let json = try cli.ok(["segments", "--context", "1", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.first?["before"] as? String == "Interviewer: How did you come to the group? Tell me about the choir.")
        #expect(rows.first?["after"] as? String == "Interviewer: And the link-worker?")
        let table = try cli.ok(["segments", "--context", "1"])
        #expect(table.hasPrefix("id  document       code"))
        #expect(table.contains("Interviewer: How did you come"))
        #expect(!table.contains("\u{1B}"))
    }
}
