import Foundation
import Testing

/// End-to-end: blind copies for two coders, coded separately, merged back with `qcode merge`.
@Suite struct TeamCLITests {
    let cli = CLIRunner()

    private func setUp() throws {
        try cli.write("interview.txt", """
            Interviewer: How did you come to the group?
            P01: My GP sent me. I was lonely after my wife died.
            Interviewer: And money?
            P01: Money is tight. The link worker helped.
            """)
        try cli.write("codebook.yaml", """
            codes:
              - {name: loneliness, id: lon}
              - {name: money, id: mon}
            """)
        try cli.ok(["init", "team.qcode"])
        try cli.ok(["import", "interview.txt"])
        try cli.ok(["codebook", "import", "codebook.yaml"])
        try cli.ok(["code", "interview", "loneliness", "--turns", "2", "--coder", "alice"])
        try cli.ok(["code", "interview", "money", "--turns", "4", "--coder", "ben"])
    }

    @Test func copyCodeSeparatelyAndMergeBack() throws {
        try setUp()
        let copy = try cli.run(["copy", "--for-coder", "alice", "--out", "alice.qcode"])
        #expect(copy.status == 0)
        #expect(copy.stderr == "qcode: wrote alice.qcode: 1 document(s), 2 code(s), 0 case(s), alice's 1 coding(s)\n")
        try cli.ok(["copy", "--for-coder", "Ben", "--out", "ben.qcode", "--project", "team.qcode"])
        let aliceSegments = try cli.ok(["segments", "--project", "alice.qcode", "--format", "csv"])
        #expect(aliceSegments.contains("alice") && !aliceSegments.contains("ben"))

        try cli.ok(["code", "--project", "alice.qcode", "interview", "money", "--turns", "4", "--coder", "alice"])
        try cli.ok(["code", "--project", "ben.qcode", "interview", "loneliness", "--turns", "2", "--coder", "BEN"])

        let dry = try cli.run(["merge", "alice.qcode", "--dry-run", "--project", "team.qcode"])
        #expect(dry.status == 0)
        #expect(dry.stdout == """
            dry run: nothing written
            documents: 0 added
            codes: 0 added
            cases: 0 added
            codings: 1 added (alice 1), 1 already here
            memos: 0 added
            conflicts: 0

            """)
        let merged = try cli.run(["merge", "alice.qcode", "--project", "team.qcode"])
        #expect(merged.status == 0)
        #expect(merged.stdout.contains("codings: 1 added (alice 1), 1 already here\n"))
        #expect(merged.stderr.hasPrefix("qcode: backup at \(cli.directory.path)/team.premerge-"))
        let ben = try cli.ok(["merge", "ben.qcode", "--project", "team.qcode"])
        #expect(ben.contains("codings: 1 added (ben 1), 1 already here\n"))
        let again = try cli.ok(["merge", "ben.qcode", "--project", "team.qcode"])
        #expect(again.contains("codings: 0 added, 2 already here\n"))

        let segments = try JSONSerialization.jsonObject(with: Data(try cli.ok(["segments", "--project", "team.qcode", "--format", "json"]).utf8))
        #expect((segments as? [Any])?.count == 4)
        let log = try cli.ok(["log", "--project", "team.qcode", "--format", "tsv", "--limit", "4"])
        #expect(log.contains("merge\tmerged ben.qcode: 0 document(s), 0 code(s), 0 case(s), 0 codings, 0 memo(s), 0 conflict(s)"))
        #expect(log.contains("merge\tmerged alice.qcode: 0 document(s), 0 code(s), 0 case(s), 1 coding(s) (alice 1), 0 memo(s), 0 conflict(s)"))
        #expect(log.contains("copy\tcopied for coder ben to ben.qcode (1 coding(s))"))
    }

    @Test func refusalsExitWithOneLine() throws {
        try setUp()
        let same = try cli.run(["merge", "team.qcode", "--project", "team.qcode"])
        #expect(same.status == 1)
        #expect(same.stderr.hasSuffix("team.qcode is this project's own file; merge another coder's copy\n"))
        try cli.write("notes.qcode", "not a project")
        let notes = try cli.run(["merge", "notes.qcode", "--project", "team.qcode"])
        #expect(notes.status == 1)
        #expect(notes.stderr.hasSuffix("notes.qcode: not a qcode project: it is not an SQLite database\n"))
        let both = try cli.run(["copy", "--empty", "--for-coder", "x", "--out", "x.qcode", "--project", "team.qcode"])
        #expect(both.status != 0 && both.stderr.contains("give --for-coder NAME or --empty"))
        try cli.ok(["copy", "--empty", "--out", "blank.qcode", "--project", "team.qcode"])
        let exists = try cli.run(["copy", "--empty", "--out", "blank.qcode", "--project", "team.qcode"])
        #expect(exists.status == 1 && exists.stderr.hasSuffix("blank.qcode: a file already exists there\n"))
    }
}
