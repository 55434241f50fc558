import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Drives the real `qcode tui` in a real terminal (tmux, 80x24), then checks the project
/// with `qcode segments`. Skipped when tmux is not installed.
///
/// tmux is started through `system()` with a private socket, never through `Process` and
/// `waitUntilExit()` (the server would inherit a pipe and the wait could hang).
@Suite(.enabled(if: TUITerminal.tmuxAvailable, "tmux is not installed"))
struct TUIEndToEndTests {
    let cli = CLIRunner()

    private func sampleProject() throws {
        try cli.ok(["init", "demo.qcode"])
        try cli.ok(["import", cli.sample("Transcripts/GP02_interview.txt")])
        try cli.ok(["codebook", "import", cli.sample("Codebooks/social-prescribing.yaml")])
    }

    @Test func codesTwoTurnsUndoesOneAndQuits() throws {
        try sampleProject()
        let terminal = try TUITerminal(directory: cli.directory,
                                       command: "\(CLIRunner.binary.path) tui GP02 --coder alice --project demo.qcode")
        defer { terminal.close() }
        try terminal.waitFor("GP02_interview · alice · 0/37 turns coded")
        #expect(try terminal.screen().split(separator: "\n", omittingEmptySubsequences: false).count >= 24)

        terminal.send("j", "c")
        try terminal.waitFor("type to filter")
        terminal.send("-l", "lonel")
        try terminal.waitFor("Include: Descriptions of being alone")
        terminal.send("Enter")
        try terminal.waitFor("coded turn 2 as social-cure/loneliness-isolation")

        terminal.send("j", "j", "c")
        try terminal.waitFor("type to filter")
        terminal.send("-l", "gp-visit")
        try terminal.waitFor("healthcare-use/gp-visit-reasons")
        terminal.send("Enter")
        try terminal.waitFor("2/37 turns coded")

        terminal.send("u")
        try terminal.waitFor("undid: alice coded 1 segment(s) of GP02_interview as healthcare-use/gp")  // cut at 80 columns
        try terminal.waitFor("1/37 turns coded")
        terminal.send("q")
        try terminal.waitForExit()
        #expect(terminal.exitStatus() == 0)

        let segments = try JSONSerialization.jsonObject(with: Data(try cli.ok(["segments", "--format", "json"]).utf8))
        let rows = try #require(segments as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["code"] as? String == "social-cure/loneliness-isolation")
        #expect(rows.first?["coder"] as? String == "alice")
        #expect(rows.first?["turn"] as? Int == 2)
        // The command line undoes what the workspace did, from the same log.
        #expect(try cli.ok(["undo", "--coder", "alice"]) == "undid: alice coded 1 segment(s) of GP02_interview as social-cure/loneliness-isolation\n")
    }

    @Test func showsCodingsSavedByAnotherProcessWithoutAKeyAndUndoesOnlyItsOwn() throws {
        try sampleProject()
        let terminal = try TUITerminal(directory: cli.directory,
                                       command: "\(CLIRunner.binary.path) tui GP02 --coder alice --project demo.qcode")
        defer { terminal.close() }
        try terminal.waitFor("GP02_interview · alice · 0/37 turns coded")
        // Another terminal codes turn 1 for alice: the open workspace redraws on its own.
        try cli.ok(["code", "GP02", "social-cure/loneliness-isolation", "--turns", "1", "--coder", "alice"])
        try terminal.waitFor("1/37 turns coded")
        try terminal.waitFor("loneliness-isolation")
        // Its u does not undo a change it did not make.
        terminal.send("u")
        try terminal.waitFor("nothing to undo in this workspace")
        terminal.send("q")
        try terminal.waitForExit()
        #expect(try cli.ok(["segments", "--format", "csv"]).contains("loneliness-isolation"))
    }

    @Test func ctrlCQuitsAndRestoresTheTerminal() throws {
        try sampleProject()
        let terminal = try TUITerminal(directory: cli.directory,
                                       command: "\(CLIRunner.binary.path) tui GP02 --coder alice --project demo.qcode")
        defer { terminal.close() }
        try terminal.waitFor("turns coded")
        terminal.send("C-c")
        try terminal.waitForExit()
        #expect(terminal.exitStatus() == 0)
        // Back on the main screen: the workspace's title is gone.
        #expect(try !terminal.screen().contains("turns coded"))
    }

    @Test func refusesWithoutATerminal() throws {
        try sampleProject()
        let result = try cli.run(["tui", "GP02", "--coder", "alice"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("needs a terminal"))
    }
}

/// A private tmux server running one command in an 80x24 window.
struct TUITerminal {
    static let tmuxAvailable = system("command -v tmux >/dev/null 2>&1") == 0

    let socket: String
    let directory: URL
    let statusFile: URL

    init(directory: URL, command: String, width: Int = 80) throws {
        self.directory = directory
        socket = directory.appendingPathComponent("tmux.sock").path
        statusFile = directory.appendingPathComponent("tui-status")
        // The window stays open after the program ends so its last screen can be read.
        let script = "cd \(Self.quote(directory.path)) && env NO_COLOR=1 HOME=\(Self.quote(directory.path)) \(command); echo $? > \(Self.quote(statusFile.path)); sleep 60"
        let status = system("tmux -S \(Self.quote(socket)) -f /dev/null new-session -d -x \(width) -y 24 \(Self.quote(script)) </dev/null >/dev/null 2>&1")
        guard status == 0 else { throw TUITestError("could not start tmux (status \(status))") }
    }

    /// Sends tmux key names or literal text (`-l` before text sends it literally).
    func send(_ keys: String...) {
        var literal = false
        for key in keys {
            if key == "-l" { literal = true; continue }
            _ = system("tmux -S \(Self.quote(socket)) send-keys \(literal ? "-l " : "")\(Self.quote(key)) >/dev/null 2>&1")
            literal = false
        }
    }

    /// The visible screen as text.
    func screen() throws -> String {
        let file = directory.appendingPathComponent("capture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        _ = system("tmux -S \(Self.quote(socket)) capture-pane -p > \(Self.quote(file.path)) 2>/dev/null")
        return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    /// Waits (up to 15 s) until the screen shows `text`.
    func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for _ in 0..<150 {
            if try screen().contains(text) { return }
            usleep(100_000)
        }
        throw TUITestError("timed out waiting for \"\(text)\"; the screen shows:\n\(try screen())")
    }

    func waitForExit() throws {
        for _ in 0..<150 {
            if FileManager.default.fileExists(atPath: statusFile.path), exitStatus() != nil { return }
            usleep(100_000)
        }
        throw TUITestError("qcode tui did not exit; the screen shows:\n\(try screen())")
    }

    func exitStatus() -> Int? {
        (try? String(contentsOf: statusFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    func close() {
        _ = system("tmux -S \(Self.quote(socket)) kill-server >/dev/null 2>&1")
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct TUITestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
