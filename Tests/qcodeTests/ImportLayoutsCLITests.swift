import Foundation
import Testing

/// `qcode import` of what researchers have (issue 14): folders with mixed files, dialogue
/// CSVs, --preview, --quiet and --verbose.
@Suite(.serialized) struct ImportLayoutsCLITests {
    let cli = CLIRunner()

    static let focusGroup = """
        Facilitator: Welcome, everyone. Who wants to start?

        Tom: I will. The walking group got me out of the house.

        Facilitator: Thank you, Tom. Anyone else?

        Tom: And the tea afterwards, that matters too.

        Jean: Can I just say, the choir did the same for me.

        Facilitator: Thank you, Jean.

        """

    /// Ten utterances, one per row, with times.
    static let dialogue = "timestamp,speaker,statement\n"
        + (1...10).map { n in "0:\(String(format: "%02d", n * 5)),\(n % 2 == 1 ? "Jordan Lee" : "Alex Morgan"),\"Line \(n), said plainly.\"" }
            .joined(separator: "\n") + "\n"

    private func makeFolder() throws {
        let folder = cli.directory.appendingPathComponent("study")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("interviews"), withIntermediateDirectories: true)
        try cli.write("study/focus-group.txt", Self.focusGroup)
        try cli.write("study/interviews/P01.txt", "Interviewer: How did it start?\nP01: Last spring, slowly.\nInterviewer: And now?\nP01: Better.\n")
        try cli.write("study/call.csv", Self.dialogue)
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01])
            .write(to: folder.appendingPathComponent("photo.jpg"))
    }

    @Test func aMixedFolderImportsAsThreeDocuments() throws {
        try cli.ok(["init", "p.qcode"])
        try makeFolder()
        let result = try cli.run(["import", "study"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "")
        #expect(result.stderr == """
            qcode: skipped 1 file(s) qcode does not read: study/photo.jpg
            qcode: imported call (10 turns, 345 characters)
            qcode: imported focus-group (6 turns, 285 characters)
            qcode: imported P01 (4 turns, 92 characters)
            qcode: 3 imported, 0 skipped, 0 failed

            """)
        // The once-speaker is a speaker: her turn is hers alone.
        try cli.ok(["codebook", "add", "choir"])
        try cli.ok(["code", "focus-group", "choir", "--speaker", "Jean", "--coder", "ann"])
        let segments = try cli.ok(["segments", "--format", "csv"])
        #expect(segments.contains("Can I just say, the choir did the same for me."), "\(segments)")
        #expect(!segments.contains("the tea afterwards"))
        // The CSV is one conversation of ten turns with times.
        let shown = try cli.ok(["show", "call"])
        #expect(shown.contains("1  Jordan Lee  0:05") && shown.contains("10  Alex Morgan  0:50"), "\(shown)")
        #expect(!shown.contains("11  "))
    }

    @Test func previewPrintsTurnsWithoutAProject() throws {
        try makeFolder()
        let result = try cli.run(["import", "--preview", "study/call.csv", "study/focus-group.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout == """
            call (from call.csv, csv): 10 turn(s), speakers: Jordan Lee (5), Alex Morgan (5)
             1  0:05  Jordan Lee: Line 1, said plainly.
             2  0:10  Alex Morgan: Line 2, said plainly.
             3  0:15  Jordan Lee: Line 3, said plainly.
             4  0:20  Alex Morgan: Line 4, said plainly.
             5  0:25  Jordan Lee: Line 5, said plainly.
             6  0:30  Alex Morgan: Line 6, said plainly.
             7  0:35  Jordan Lee: Line 7, said plainly.
             8  0:40  Alex Morgan: Line 8, said plainly.
             9  0:45  Jordan Lee: Line 9, said plainly.
            10  0:50  Alex Morgan: Line 10, said plainly.

            focus-group (from focus-group.txt, txt): 6 turn(s), speakers: Facilitator (3), Tom (2), Jean (1)
            1  Facilitator: Welcome, everyone. Who wants to start?
            2  Tom: I will. The walking group got me out of the house.
            3  Facilitator: Thank you, Tom. Anyone else?
            4  Tom: And the tea afterwards, that matters too.
            5  Jean: Can I just say, the choir did the same for me.
            6  Facilitator: Thank you, Jean.

            """)
        // No project was needed or made.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory.path).filter { $0.hasSuffix(".qcode") }.isEmpty)
        // A bad file is one line naming it.
        try cli.write("bad.csv", "speaker,text\nA,\"never closed\n")
        let bad = try cli.run(["import", "--preview", "bad.csv"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "qcode: error: bad.csv: unbalanced quote in CSV at line 2\n")
    }

    @Test func quietVerboseAndManyRows() throws {
        try cli.ok(["init", "p.qcode"])
        let rows = (1...30).map { "P\($0),\($0 % 3 == 0 ? "" : "The course was useful in week \($0), mostly for the practice.")" }
        try cli.write("survey.csv", "id,comment\n" + rows.joined(separator: "\n") + "\n")
        let normal = try cli.run(["import", "survey.csv"])
        #expect(normal.stderr == """
            qcode: warning: survey.csv: 10 empty answer(s) skipped
            qcode: imported survey.csv: 20 documents (20 turns, 634 characters, 20 case(s))
            qcode: 20 imported, 0 skipped, 0 failed

            """)
        let again = try cli.run(["import", "survey.csv", "--quiet"])
        #expect(again.status == 0 && again.stderr == "")
        let verbose = try cli.run(["import", "survey.csv", "--verbose"])
        let lines = verbose.stderr.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("qcode: skipped survey.csv: already imported as 'survey-P") }.count == 20)
        #expect(lines.last == "qcode: 0 imported, 20 skipped, 0 failed")
        let both = try cli.run(["import", "survey.csv", "--quiet", "--verbose"])
        #expect(both.status != 0 && both.stderr.contains("give --quiet or --verbose, not both"))
    }

    @Test func aBadFileInAFolderImportsNothing() throws {
        try cli.ok(["init", "p.qcode"])
        try makeFolder()
        try cli.write("study/zz-broken.csv", "speaker,statement\nA,\"never closed\n")
        let result = try cli.run(["import", "study"])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").contains("qcode: error: study/zz-broken.csv: unbalanced quote in CSV at line 2"))
        #expect(try cli.ok(["docs", "--format", "json"]).filter { !$0.isWhitespace } == "[]")
    }
}
