import Foundation
import Testing

/// `qcode copy --for-coder` killed mid-way leaves nothing at the output path, and no file
/// anywhere with another coder's work; the next copy removes what the killed one left.
@Suite struct TeamPrivacyCLITests {
    let cli = CLIRunner()

    @Test func aKilledCopyLeavesNoOtherCodersWorkAndTheNextCopyCleansUp() throws {
        try cli.write("interview.txt", """
            Interviewer: How did you come to the group?
            P01: My GP sent me. I was lonely after my wife died.
            """)
        try cli.write("codebook.yaml", "codes:\n  - {name: loneliness, id: lon}\n")
        try cli.ok(["init", "team.qcode"])
        try cli.ok(["import", "--project", "team.qcode", "interview.txt"])
        try cli.ok(["codebook", "import", "--project", "team.qcode", "codebook.yaml"])
        try cli.ok(["code", "--project", "team.qcode", "interview", "loneliness", "--turns", "2", "--coder", "alice"])
        try cli.ok(["code", "--project", "team.qcode", "interview", "loneliness", "--turns", "1", "--coder", "Zebedee",
                    "--memo", "zebedee-private-thought"])

        let paused = cli.directory.appendingPathComponent("paused")
        let running = try SafetySupport.start(["copy", "--project", "team.qcode", "--for-coder", "alice", "--out", "alice.qcode"],
                                              in: cli.directory, environment: ["QCODE_TEST_PAUSE_BEFORE_COMMIT": paused.path])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: paused.path) && Date() < deadline && running.process.isRunning {
            usleep(20_000)
        }
        #expect(FileManager.default.fileExists(atPath: paused.path), "the copy never reached its transaction")
        let manager = FileManager.default
        #expect(!manager.fileExists(atPath: cli.directory.appendingPathComponent("alice.qcode").path),
                "a file is at the output path while the copy is being made")
        kill(running.process.processIdentifier, SIGKILL)
        _ = try running.wait()

        let names = try manager.contentsOfDirectory(atPath: cli.directory.path)
        #expect(!names.contains("alice.qcode"))
        let leftovers = names.filter { $0.hasPrefix(".alice.qcode.partial-") }
        #expect(!leftovers.isEmpty)
        for name in names where !name.hasPrefix("team.qcode") {
            let bytes = try Data(contentsOf: cli.directory.appendingPathComponent(name))
            #expect(bytes.range(of: Data("Zebedee".utf8)) == nil && bytes.range(of: Data("zebedee-private".utf8)) == nil,
                    "\(name) holds another coder's work")
        }
        for name in leftovers {  // the file and its journal
            let mode = (try manager.attributesOfItem(atPath: cli.directory.appendingPathComponent(name).path)[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600, "\(name) has mode \(String(mode ?? -1, radix: 8))")
        }

        let again = try cli.run(["copy", "--project", "team.qcode", "--for-coder", "alice", "--out", "alice.qcode"])
        #expect(again.status == 0, "\(again.stderr)")
        let after = try manager.contentsOfDirectory(atPath: cli.directory.path)
        #expect(after.contains("alice.qcode"))
        #expect(after.filter { $0.contains(".partial-") }.isEmpty, "left: \(after)")
    }
}
