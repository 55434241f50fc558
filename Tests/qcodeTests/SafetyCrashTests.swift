import Foundation
import Testing

/// Processes killed (SIGKILL) in the middle of a write transaction leave a sound project
/// holding each operation entirely or not at all.
///
/// No timing is involved: the writer runs with `QCODE_TEST_PAUSE_BEFORE_COMMIT=FILE`, which
/// makes it create FILE from SQLite's commit hook, with all of its work written but not
/// committed, and wait there. The test waits for FILE, kills the writer, and checks that
/// nothing of the operation is in the project; then runs the same operation to the end and
/// checks that all of it is.
@Suite("Safety: killed processes", .serialized)
struct SafetyCrashTests {
    /// Transcripts of about `words` words, different for every trial.
    static func writeTranscripts(_ cli: CLIRunner, trial: Int, files: Int, words: Int) throws -> [String] {
        var random = SafetySupport.Random(state: UInt64(trial) &* 7919)
        let vocabulary = ["group", "lonely", "choir", "doctor", "council", "money", "walk", "friend", "garden", "tired",
                          "because", "really", "week", "helped", "nobody", "bus", "kitchen", "letter", "waiting", "sorry"]
        let folder = cli.directory.appendingPathComponent("t\(trial)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var paths: [String] = []
        for file in 0..<files {
            var text = ""
            var count = 0
            var turn = 0
            while count < words {
                text += turn % 2 == 0 ? "Interviewer: " : "P\(trial)x\(file): "
                for _ in 0..<(5 + random.below(40)) {
                    text += vocabulary[random.below(vocabulary.count)] + (random.below(9) == 0 ? ". " : " ")
                    count += 1
                }
                text += "trial \(trial) file \(file) turn \(turn).\n"
                turn += 1
            }
            let url = folder.appendingPathComponent("t\(trial)-\(file).txt")
            try Data(text.utf8).write(to: url)
            paths.append(url.path)
        }
        return paths
    }

    static func documentNames(_ cli: CLIRunner) throws -> [String] {
        let json = try cli.ok(["docs", "--project", "p.qcode", "--format", "json"])
        let list = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        return list.compactMap { $0["name"] as? String }
    }

    /// Starts `arguments` paused before its commit, waits for the pause, and kills it.
    static func killBeforeCommit(_ arguments: [String], in cli: CLIRunner, trial: Int) throws {
        let paused = cli.directory.appendingPathComponent("paused-\(trial)")
        let running = try SafetySupport.start(arguments, in: cli.directory,
                                              environment: ["QCODE_TEST_PAUSE_BEFORE_COMMIT": paused.path])
        defer { if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) } }
        try SafetySupport.waitForFile(paused, process: running.process)
        #expect(running.process.isRunning, "trial \(trial): the writer should be waiting to commit")
        kill(running.process.processIdentifier, SIGKILL)
        let result = try running.wait()
        #expect(result.status == SIGKILL, "trial \(trial): \(result.stderr)")
    }

    @Test func killedImportsAreAllOrNothing() throws {
        let cli = CLIRunner()
        try cli.ok(["init", "p.qcode"])
        let files = 40
        for trial in 0..<2 {
            let paths = try Self.writeTranscripts(cli, trial: trial, files: files, words: 1500)
            let arguments = ["import", "--project", "p.qcode"] + paths
            try Self.killBeforeCommit(arguments, in: cli, trial: trial)
            let check = try cli.run(["check", "--project", "p.qcode"])
            #expect(check.status == 0, "trial \(trial): \(check.stdout)\(check.stderr)")
            #expect(try Self.documentNames(cli).filter { $0.hasPrefix("t\(trial)-") }.isEmpty,
                    "trial \(trial): a killed import left documents behind")
            // The same import, not killed, lands whole.
            try cli.ok(arguments)
            #expect(try Self.documentNames(cli).filter { $0.hasPrefix("t\(trial)-") }.count == files, "trial \(trial)")
            #expect(try cli.run(["check", "--project", "p.qcode"]).status == 0)
        }
    }

    @Test func killedCodingImportsAreAllOrNothing() throws {
        let cli = CLIRunner()
        try cli.ok(["init", "p.qcode"])
        try cli.ok(["import", "--project", "p.qcode", cli.sample("Transcripts/GP02_interview.txt")])
        try cli.ok(["codebook", "import", "--project", "p.qcode", cli.sample("Codebooks/social-prescribing.yaml")])
        func codings(_ coder: String) throws -> Int {
            let listed = try cli.ok(["segments", "--project", "p.qcode", "--coder", coder, "--format", "json"])
            return (try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [Any])?.count ?? -1
        }
        for trial in 0..<2 {
            var csv = "document,coder,code,start,end\n"
            for i in 0..<4000 { csv += "GP02_interview,k\(trial),healthcare-use/gp-visit-reasons,\(i),\(i + 3)\n" }
            let file = try cli.write("k\(trial).csv", csv)
            let arguments = ["codings", "import", "--project", "p.qcode", file]
            try Self.killBeforeCommit(arguments, in: cli, trial: trial)
            #expect(try cli.run(["check", "--project", "p.qcode"]).status == 0)
            #expect(try codings("k\(trial)") == 0, "trial \(trial): a killed codings import left codings behind")
            try cli.ok(arguments)
            #expect(try codings("k\(trial)") == 4000, "trial \(trial)")
        }
    }

    @Test func aKilledCodeCommandAddsNothing() throws {
        let cli = CLIRunner()
        try cli.ok(["init", "p.qcode"])
        try cli.ok(["import", "--project", "p.qcode", cli.sample("Transcripts/GP02_interview.txt")])
        try cli.ok(["codebook", "import", "--project", "p.qcode", cli.sample("Codebooks/social-prescribing.yaml")])
        let arguments = ["code", "--project", "p.qcode", "GP02", "healthcare-use/gp-visit-reasons", "--turns", "2-30", "--coder", "kim"]
        try Self.killBeforeCommit(arguments, in: cli, trial: 0)
        #expect(try cli.run(["check", "--project", "p.qcode"]).status == 0)
        #expect(try cli.ok(["segments", "--project", "p.qcode", "--format", "json"]) == "[]\n")
        func actions() throws -> [String] {
            let log = try cli.ok(["log", "--project", "p.qcode", "--format", "json"])
            return (try JSONSerialization.jsonObject(with: Data(log.utf8)) as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
        }
        #expect(try !actions().contains("code"), "the audit entry must go with the change")
        try cli.ok(arguments)
        let rows = try cli.ok(["segments", "--project", "p.qcode", "--coder", "kim", "--format", "csv"]).split(separator: "\r\n")
        #expect(rows.count == 1 + 29)  // header, turns 2 to 30
        #expect(try actions().contains("code"))
    }
}
