import Foundation
import Testing

/// The mistakes people make in their first minutes with qcode: each gets one clear line on
/// stderr and a non-zero exit (never a crash), or does what was meant and says so.
@Suite struct FirstContactTests {
    let cli = CLIRunner()

    /// Requires a failure with exactly one line on stderr, and returns that line.
    private func oneLineFailure(_ result: CLIRunner.Result, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(result.status != 0, sourceLocation: sourceLocation)
        #expect(result.status != 132 && result.status != 134, "crashed: \(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
        return String(lines.first ?? "")
    }

    @Test func aProjectPathNamingAFolderIsRefusedWithOneLine() throws {
        try FileManager.default.createDirectory(at: cli.directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = oneLineFailure(try cli.run(["docs", "--project", "empty"]))
        #expect(empty == "qcode: error: empty is a folder, not a project file (there is no .qcode file in it)")

        try FileManager.default.createDirectory(at: cli.directory.appendingPathComponent("study"), withIntermediateDirectories: true)
        try cli.ok(["init", "study/interviews.qcode"])
        let one = oneLineFailure(try cli.run(["docs", "--project", "study"]))
        #expect(one == "qcode: error: study is a folder, not a project file; did you mean study/interviews.qcode?")
        let fromEnvironment = oneLineFailure(try cli.run(["segments"], environment: ["QCODE_PROJECT": "study"]))
        #expect(fromEnvironment.contains("study is a folder, not a project file"))
        #expect(try cli.run(["docs", "--project", "study/interviews.qcode"]).status == 0)
    }

    @Test func initWithoutAnExtensionCreatesADotQcodeFileAndSaysSo() throws {
        let result = try cli.run(["init", "study"])
        #expect(result.status == 0)
        #expect(result.stderr == "qcode: created study.qcode (added the .qcode extension)\n")
        #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("study.qcode").path))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("study").path))
        // Found without --project, as the single *.qcode here.
        #expect(try cli.run(["docs"]).status == 0)
        // A name with an extension is taken as given.
        #expect(try cli.run(["init", "other.db"]).stderr == "qcode: created other.db\n")
    }

    @Test func importingAFolderImportsWhatQcodeReadsInNameOrder() throws {
        try cli.ok(["init", "p.qcode"])
        let folder = cli.directory.appendingPathComponent("interviews")
        for sub in ["b-site", ".drafts", "a-site"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try cli.write("interviews/P10.txt", "Interviewer: How was it?\nP10: Fine.\n")
        try cli.write("interviews/P02.md", "Interviewer: And you?\nP02: Lonely at first.\n")
        try cli.write("interviews/b-site/P05.txt", "Interviewer: Tell me more.\nP05: The group helped.\n")
        try cli.write("interviews/a-site/P07.txt", "Interviewer: When did it start?\nP07: Last spring.\n")
        try cli.write("interviews/.drafts/P99.txt", "Interviewer: Draft.\nP99: Not this one.\n")
        try cli.write("interviews/.notes.txt", "hidden\n")
        try cli.write("interviews/consent.pdf", "%PDF-1.4 not a transcript")
        try cli.write("interviews/a-site/recording.m4a", "audio")

        let result = try cli.run(["import", "interviews"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "qcode: skipped 2 file(s) qcode does not read: interviews/a-site/recording.m4a, interviews/consent.pdf")
        #expect(lines.filter { $0.hasPrefix("qcode: imported ") }.map { $0.split(separator: " ")[2] } == ["P07", "P05", "P02", "P10"])
        #expect(lines.last == "qcode: 4 imported, 0 skipped, 0 failed")

        let docs = try JSONSerialization.jsonObject(with: Data(try cli.ok(["docs", "--format", "json"]).utf8)) as? [[String: Any]]
        #expect(docs?.compactMap { $0["name"] as? String } == ["P07", "P05", "P02", "P10"])

        // A folder with nothing qcode reads is one line and exit 1.
        try FileManager.default.createDirectory(at: cli.directory.appendingPathComponent("audio"), withIntermediateDirectories: true)
        try cli.write("audio/a.m4a", "audio")
        let nothing = oneLineFailure(try cli.run(["import", "audio"]))
        #expect(nothing == "qcode: error: audio: a folder with no file qcode reads (txt, md, docx, odt, vtt, srt, csv)")
    }

    @Test func aMistypedSubcommandGetsTheNearestOnes() throws {
        let top = oneLineFailure(try cli.run(["segmets"]))
        #expect(top == "qcode: error: 'segmets' is not a qcode command; did you mean 'segments'?")
        let swapped = oneLineFailure(try cli.run(["segemnts", "--format", "json"]))
        #expect(swapped.hasSuffix("did you mean 'segments'?"))
        let nested = oneLineFailure(try cli.run(["export", "segmnts", "--out", "x.csv"]))
        #expect(nested == "qcode: error: 'segmnts' is not a qcode export command; did you mean 'segments'?")
        let underDefault = oneLineFailure(try cli.run(["codebook", "tre"]))
        #expect(underDefault == "qcode: error: 'tre' is not a qcode codebook command; did you mean 'tree'?")
        let far = oneLineFailure(try cli.run(["frobnicate"]))
        #expect(far == "qcode: error: 'frobnicate' is not a qcode command (see 'qcode --help')")
        // Real commands and help still work.
        #expect(try cli.run(["help", "segments"]).status == 0)
        #expect(try cli.run(["codebook", "--help"]).status == 0)
    }

    @Test func filterValuesThatMatchNothingSaySoAndSuggestTheNearest() throws {
        try cli.sampleProject(survey: false)
        let speaker = try cli.run(["segments", "--speaker", "Interviewr", "--format", "json"])
        #expect(speaker.status == 0)
        #expect(speaker.stdout == "[]\n")
        #expect(speaker.stderr == "qcode: warning: no speaker 'Interviewr' in this project; did you mean 'Interviewer'?\n")

        let table = try cli.run(["segments", "--speaker", "Interviewr"])
        #expect(table.status == 0)
        #expect(table.stdout.split(separator: "\n").count == 1)  // the header alone
        #expect(table.stdout.hasPrefix("id  document"))

        let csv = try cli.run(["segments", "--coder", "alcie", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout == "id,document,case,speaker,turn,time,code,theme,coder,start,end,text,memo\r\n")
        #expect(csv.stderr == "qcode: warning: no coder 'alcie' with codings in this project; did you mean 'alice'?\n")

        let document = try cli.run(["segments", "--doc", "GP2", "--format", "json"])
        #expect(document.status == 0 && document.stdout == "[]\n")
        #expect(document.stderr == "qcode: warning: no document 'GP2' in this project; did you mean 'GP02_interview'?\n")

        let caseName = try cli.run(["export", "segments", "--case", "SU7", "--format", "json"])
        #expect(caseName.status == 0 && caseName.stdout == "[]\n")
        #expect(caseName.stderr == "qcode: warning: no case 'SU7' in this project; did you mean 'SU07'?\n")

        // A value that names something is kept beside one that names nothing.
        let mixed = try cli.run(["segments", "--coder", "alice", "--coder", "bne", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(mixed.stdout.utf8)) as? [[String: Any]]
        #expect((rows?.count ?? 0) > 0 && rows?.allSatisfy { $0["coder"] as? String == "alice" } == true)
        #expect(mixed.stderr == "qcode: warning: no coder 'bne' with codings in this project; did you mean 'ben'?\n")

        // A mistyped code stays an error, with near matches.
        let code = oneLineFailure(try cli.run(["segments", "--code", "loneliness-isolaton"]))
        #expect(code.contains("no code 'loneliness-isolaton'") && code.contains("social-cure/loneliness-isolation"))
    }

    @Test func closedChoicesAreCheckedBeforeAnythingRuns() throws {
        // No project here: a bad value is reported before the command looks for one.
        let format = try cli.run(["segments", "--format", "xml"])
        #expect(format.status == 64)
        #expect(format.stderr.contains("The value 'xml' is invalid for '--format <format>'. Please provide one of 'table', 'csv', 'tsv' or 'json'."))
        #expect(!format.stderr.contains("no project"))
        let scope = try cli.run(["code", "GP02", "x", "--match", "a", "--scope", "word", "--coder", "a"])
        #expect(scope.status == 64 && scope.stderr.contains("one of 'match', 'sentence', 'turn' or 'paragraph'"))
        let unit = try cli.run(["agree", "--coders", "a,b", "--unit", "segment:0"])
        #expect(unit.status == 64 && unit.stderr.contains("'segment:0'"))
        let level = try cli.run(["agree", "--ratings", "r.csv", "--level", "nominl"])
        #expect(level.status == 64 && level.stderr.contains("one of 'nominal', 'ordinal', 'interval' or 'ratio'"))
        let importFormat = try cli.run(["import", "a.txt", "--format", "pdf"])
        #expect(importFormat.status == 64 && importFormat.stderr.contains("one of the following:\n  - auto\n  - txt\n  - md\n"))
        // Values match ignoring case.
        try cli.ok(["init", "p.qcode"])
        let upper = try cli.run(["docs", "--format", "JSON"])
        let parsed = try JSONSerialization.jsonObject(with: Data(upper.stdout.utf8)) as? [Any]
        #expect(upper.status == 0 && parsed?.isEmpty == true)
    }

    @Test func aLockHeldPastTheBusyTimeoutNamesTheOtherProcess() throws {
        try cli.sampleProject(survey: false)
        let paused = cli.directory.appendingPathComponent("paused")
        let holder = try SafetySupport.start(
            ["code", "GP02", "healthcare-use/gp-visit-reasons", "--turns", "4", "--coder", "carol"],
            in: cli.directory, environment: ["QCODE_TEST_PAUSE_BEFORE_COMMIT": paused.path])
        defer { kill(holder.process.processIdentifier, SIGKILL); _ = try? holder.wait() }
        try SafetySupport.waitForFile(paused, process: holder.process)
        // The holder never commits: the second writer waits out the 30 s busy timeout.
        let blocked = try cli.run(["code", "GP02", "healthcare-use/gp-visit-reasons", "--turns", "5", "--coder", "dave"])
        let line = oneLineFailure(blocked)
        #expect(line.hasPrefix("qcode: error: ") && line.hasSuffix(
            "demo.qcode: the project is locked by another qcode process writing to it (waited 30 s for it); try again when that has finished"))
        #expect(!line.contains("not a qcode project"))
        // Readers are not blocked (WAL).
        #expect(try cli.run(["docs"]).status == 0)
    }
}
