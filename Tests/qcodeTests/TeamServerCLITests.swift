import Foundation
import Testing

/// The issue's check of the team server, end to end through the `qcode` binary and `psql`:
/// publish, add coders, concurrent coders lose nothing, blind then open, and agreement on
/// the server equal byte for byte to agreement on a pulled snapshot. Needs the test server
/// ($QCODE_TEST_PG, started by `.ci/run`); skipped, visibly, without it.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["QCODE_TEST_PG"] != nil,
                "no PostgreSQL test server: set QCODE_TEST_PG (Scripts/test-server.sh start DIR)"))
struct TeamServerCLITests {
    let cli = CLIRunner()
    let admin = ProcessInfo.processInfo.environment["QCODE_TEST_PG"] ?? ""

    /// `psql` against the test cluster as `role` (trust authentication on loopback).
    private func psql(_ sql: String, as role: String, database: String) throws -> String {
        let address = try #require(URLComponents(string: admin))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-h", address.host ?? "127.0.0.1", "-p", String(address.port ?? 5432), "-U", role,
                             "-d", database, "-v", "ON_ERROR_STOP=1", "-tAc", sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func url(_ role: String, _ database: String) throws -> String {
        let address = try #require(URLComponents(string: admin))
        return "postgres://\(role)@\(address.host ?? "127.0.0.1"):\(address.port ?? 5432)/\(database)?sslmode=disable"
    }

    @Test func publishCodeBlindOpenAndAgreeAsOnASnapshot() throws {
        let suffix = String(UUID().uuidString.prefix(8)).lowercased()
        let (database, lead) = ("study_\(suffix)", "lead_\(suffix)")
        _ = try psql("CREATE ROLE \(lead) LOGIN CREATEROLE", as: "postgres", database: "postgres")
        _ = try psql("CREATE DATABASE \(database) OWNER \(lead)", as: "postgres", database: "postgres")
        // The samples' codings are alice's and ben's: their roles are named so.
        try cli.sampleProject("local.qcode")
        let asLead = try url(lead, database)
        let published = try cli.run(["team", "publish", "local.qcode", asLead])
        #expect(published.status == 0, "\(published.stderr)")
        for coder in ["alice", "ben"] {
            try cli.ok(["team", "add-coder", coder, "--project", asLead])
        }

        // A reader that goes away (`| head`) ends qcode as a closed pipe ends any program, and
        // the working copy (a private copy of transcripts) goes with it.
        let privateTemp = cli.directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: privateTemp, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["show", "GP02", "--project", asLead]
        process.environment = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1", "HOME": cli.directory.path, "TMPDIR": privateTemp.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try pipe.fileHandleForReading.close()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGPIPE)
        #expect(try FileManager.default.contentsOfDirectory(atPath: privateTemp.path).isEmpty)

        // Two coders write at once, five codings each, as separate processes: all land.
        var running: [(process: Process, stdout: URL, stderr: URL)] = []
        for coder in ["alice", "ben"] {
            for turn in 1...5 {
                running.append(try CLIRunner.launch(["code", "LW01", "sc-id", "--turns", "\(turn)", "--project", try url(coder, database)],
                                                    in: cli.directory))
            }
        }
        for run in running { run.process.waitUntilExit() }
        #expect(running.allSatisfy { $0.process.terminationStatus == 0 })
        let added = try psql("SELECT coder, count(*) FROM qcode.codings WHERE id >= 1048576 GROUP BY coder ORDER BY coder", as: lead, database: database)
        #expect(added == "alice|5\nben|5")

        // Blind: alice's own SQL sees only her codings; a coder cannot claim another's name.
        let aliceOwn = try psql("SELECT count(*) FROM qcode.codings WHERE coder = 'alice'", as: lead, database: database)
        #expect(try psql("SELECT count(*) FROM qcode.codings", as: "alice", database: database) == aliceOwn)
        let claimed = try cli.run(["code", "LW01", "sc-id", "--turns", "6", "--coder", "ben", "--project", try url("alice", database)])
        #expect(claimed.status != 0)
        #expect(claimed.stderr.hasSuffix("qcode: error: role 'alice' is not allowed to write ben's codings or marks: on the team server you code as yourself, 'alice'\n"))
        let segmentsAsAlice = try cli.ok(["segments", "--format", "csv", "--project", try url("alice", database)])
        #expect(!segmentsAsAlice.contains(",ben,"))
        let refused = try cli.run(["agree", "--coders", "alice,ben", "--project", try url("alice", database)])
        #expect(refused.status != 0)

        // Open: alice sees ben's codings.
        try cli.ok(["team", "phase", "open", "--project", asLead])
        let all = try psql("SELECT count(*) FROM qcode.codings", as: lead, database: database)
        #expect(try psql("SELECT count(*) FROM qcode.codings", as: "alice", database: database) == all)

        // Agreement on the server is the agreement of a pulled snapshot, byte for byte.
        let onServer = try cli.ok(["agree", "--coders", "alice,ben", "--format", "json", "--project", asLead])
        try cli.ok(["team", "pull", "--out", "snap.qcode", "--project", asLead])
        let onSnapshot = try cli.ok(["agree", "--coders", "alice,ben", "--format", "json", "--project", "snap.qcode"])
        #expect(!onServer.isEmpty && onServer == onSnapshot)
        // So are the segments, as the lead and as a coder (what each may see), filters and all.
        for (role, snapshot) in [(lead, "snap.qcode"), ("alice", "alice.qcode")] {
            if role != lead { try cli.ok(["team", "pull", "--out", snapshot, "--project", try url(role, database)]) }
            for arguments in [["--format", "json"], ["--format", "csv", "--code", "social-cure", "--where", "group=service user", "--context", "1"]] {
                let server = try cli.ok(["segments"] + arguments + ["--project", try url(role, database)])
                let local = try cli.ok(["segments"] + arguments + ["--project", snapshot])
                #expect(!server.isEmpty && server == local)
            }
        }

        // Undo takes your own latest change back on the server.
        let undo = try cli.run(["undo", "--project", try url("ben", database)])
        #expect(undo.status == 0 && undo.stdout.hasPrefix("undid: ben coded 1 segment(s) of LW01"))
        #expect(try psql("SELECT count(*) FROM qcode.codings WHERE coder = 'ben' AND id >= 1048576", as: lead, database: database) == "4")

        // Codings made offline in a blind copy come back with merge; merging again adds nothing.
        try cli.ok(["copy", "--for-coder", "alice", "--out", "offline.qcode", "--project", try url("alice", database)])
        try cli.ok(["code", "SU07_referral", "sc-id", "--turns", "3", "--coder", "alice", "--project", "offline.qcode"])
        let before = try psql("SELECT count(*) FROM qcode.codings WHERE coder = 'alice'", as: lead, database: database)
        try cli.ok(["merge", "offline.qcode", "--project", try url("alice", database)])
        try cli.ok(["merge", "offline.qcode", "--project", try url("alice", database)])
        let after = try psql("SELECT count(*) FROM qcode.codings WHERE coder = 'alice'", as: lead, database: database)
        #expect(Int(after) == Int(before).map { $0 + 1 })
    }

    @Test(.enabled(if: TUITerminal.tmuxAvailable, "tmux is not installed"))
    func aWorkspaceOnTheServerLandsEachCodingAndShowsOthersOnlyWhenOpen() throws {
        let suffix = String(UUID().uuidString.prefix(4)).lowercased()
        let (database, lead, alice, bob) = ("tui_\(suffix)", "lead_\(suffix)", "al_\(suffix)", "bo_\(suffix)")
        _ = try psql("CREATE ROLE \(lead) LOGIN CREATEROLE", as: "postgres", database: "postgres")
        _ = try psql("CREATE DATABASE \(database) OWNER \(lead)", as: "postgres", database: "postgres")
        try cli.ok(["init", "local.qcode"])
        try cli.ok(["import", cli.sample("Transcripts/GP02_interview.txt"), "--project", "local.qcode"])
        try cli.ok(["codebook", "import", cli.sample("Codebooks/social-prescribing.yaml"), "--project", "local.qcode"])
        let asLead = try url(lead, database)
        try cli.ok(["team", "publish", "local.qcode", asLead])
        for coder in [alice, bob] { try cli.ok(["team", "add-coder", coder, "--project", asLead]) }
        try cli.ok(["team", "phase", "open", "--project", asLead])

        let terminal = try TUITerminal(directory: cli.directory,
                                       command: "\(CLIRunner.binary.path) tui GP02 --show-all --project '\(try url(alice, database))'",
                                       width: 160)
        defer { terminal.close() }
        try terminal.waitFor("GP02_interview · \(alice)")
        // Alice's coding lands on the server as she makes it, while the workspace is open.
        terminal.send("j", "c")
        try terminal.waitFor("type to filter")
        terminal.send("-l", "lonel")
        try terminal.waitFor("Include: Descriptions of being alone")
        terminal.send("Enter")
        try terminal.waitFor("coded turn 2 as social-cure/loneliness-isolation")
        #expect(try psql("SELECT count(*) FROM qcode.codings WHERE coder = '\(alice)'", as: lead, database: database) == "1")

        // Open phase: bob's coding shows on alice's screen within a second or so.
        try cli.ok(["code", "GP02", "healthcare-use/gp-visit-reasons", "--turns", "4", "--project", try url(bob, database)])
        let coded = Date()
        try terminal.waitFor("[\(bob)]")
        #expect(Date().timeIntervalSince(coded) < 2)

        // Blind phase: the server shows alice none of bob's codings, old or new.
        try cli.ok(["team", "phase", "blind", "--project", asLead])
        try cli.ok(["code", "GP02", "healthcare-use/gp-visit-reasons", "--turns", "6", "--project", try url(bob, database)])
        Thread.sleep(forTimeInterval: 1.5)
        #expect(try !terminal.screen().contains("[\(bob)]"))
        terminal.send("q")
        try terminal.waitForExit()
        #expect(terminal.exitStatus() == 0)
    }
}
