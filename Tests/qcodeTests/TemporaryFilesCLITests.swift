import Foundation
import Testing

/// A qcode process stopped by SIGINT, SIGTERM or SIGHUP removes its temporary files before it
/// dies (issue 11, items 3 and 5): here the private file a coder's copy is built in.
@Suite("Safety: temporary files on signals", .serialized)
struct TemporaryFilesCLITests {
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aCopyStoppedByASignalLeavesNoPartialFile(signal: Int32) throws {
        let cli = CLIRunner()
        try cli.write("interview.txt", "Interviewer: How did you come to the group?\nP01: My GP sent me.\n")
        try cli.ok(["init", "team.qcode"])
        try cli.ok(["import", "--project", "team.qcode", "interview.txt"])
        try cli.ok(["codebook", "add", "--project", "team.qcode", "theme"])
        try cli.ok(["code", "--project", "team.qcode", "interview", "theme", "--turns", "2", "--coder", "alice"])
        let paused = cli.directory.appendingPathComponent("paused")
        let running = try SafetySupport.start(["copy", "--project", "team.qcode", "--for-coder", "alice", "--out", "alice.qcode"],
                                              in: cli.directory, environment: ["QCODE_TEST_PAUSE_BEFORE_COMMIT": paused.path])
        try SafetySupport.waitForFile(paused, process: running.process)
        let during = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(during.contains { $0.hasPrefix(".alice.qcode.partial-") }, "\(during)")
        kill(running.process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(15)
        while running.process.isRunning && Date() < deadline { usleep(20_000) }
        if running.process.isRunning {
            Issue.record("signal \(signal) did not stop the copy")
            kill(running.process.processIdentifier, SIGKILL)
        }
        _ = try running.wait()
        #expect(running.process.terminationReason == .uncaughtSignal && running.process.terminationStatus == signal)
        let after = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(!after.contains { $0.contains(".partial-") || $0 == "alice.qcode" }, "left: \(after)")
    }

    @Test func anIgnoredHangupStaysIgnored() throws {
        let cli = CLIRunner()
        try cli.ok(["init", "p.qcode"])
        try cli.write("doc.txt", "P01: words\n")
        let paused = cli.directory.appendingPathComponent("paused")
        // `nohup`-style: SIGHUP ignored by the shell before qcode starts.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' HUP; exec \"$0\" import --project p.qcode doc.txt", CLIRunner.binary.path]
        process.currentDirectoryURL = cli.directory
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": cli.directory.path, "QCODE_TEST_PAUSE_BEFORE_COMMIT": paused.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        try SafetySupport.waitForFile(paused, process: process)
        kill(process.processIdentifier, SIGHUP)
        usleep(300_000)
        #expect(process.isRunning, "SIGHUP stopped a process that had it ignored")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
