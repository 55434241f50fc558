import Foundation
import Testing

/// A `--match` pattern that backtracks catastrophically neither holds other coders out nor
/// runs for ever (issue 11, item 10).
@Suite("Safety: slow --match patterns", .serialized)
struct SlowMatchCLITests {
    @Test func anotherCodersCodeLandsWhileASlowMatchRunsAndTheSlowOneStopsAtFiveSeconds() throws {
        let cli = CLIRunner()
        try cli.ok(["init", "p.qcode"])
        // ICU needs about 7 s for 40 `a`s here and far longer for 80: well past the limit on any machine.
        let runaway = String(repeating: "a", count: 80) + "b"
        let file = try cli.write("doc.txt", "P01: \(runaway)\nP02: Something else entirely.\n")
        try cli.ok(["import", "--project", "p.qcode", file])
        try cli.ok(["codebook", "add", "--project", "p.qcode", "theme"])
        let clock = ContinuousClock()
        let started = clock.now
        let slow = try SafetySupport.start(["code", "--project", "p.qcode", "doc", "theme", "--match", "(a+)+$",
                                            "--coder", "alice"], in: cli.directory)
        defer { if slow.process.isRunning { slow.process.terminate() } }
        Thread.sleep(forTimeInterval: 1.5)  // alice's process is matching by now
        #expect(slow.process.isRunning)
        let otherStarted = clock.now
        let other = try SafetySupport.start(["code", "--project", "p.qcode", "doc", "theme", "--turns", "2",
                                             "--coder", "ben"], in: cli.directory)
        // Ben's process must not wait for alice's match; give up well before SQLite's 30 s timeout.
        let deadline = Date().addingTimeInterval(20)
        while other.process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if other.process.isRunning { other.process.terminate() }
        let otherResult = try other.wait()
        let otherTook = clock.now - otherStarted
        #expect(otherResult.status == 0, "\(otherResult.stderr)")
        #expect(otherTook < .seconds(3), "ben waited \(otherTook)")
        let slowResult = try slow.wait()
        let slowTook = clock.now - started
        #expect(slowResult.status != 0)
        #expect(slowResult.stderr.contains("the pattern '(a+)+$' took longer than 5 s on doc; simplify it"), "\(slowResult.stderr)")
        #expect(slowTook < .seconds(15), "the slow match ran \(slowTook)")
        let segments = try cli.ok(["segments", "--project", "p.qcode", "--format", "csv"])
        #expect(segments.contains("ben") && !segments.contains("alice"))
    }
}
