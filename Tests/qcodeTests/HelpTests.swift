import Foundation
import Testing

/// The help of every command: whole-text snapshots, and every example in it run on the
/// shipped samples.
///
/// Snapshots live in `Tests/qcodeTests/Snapshots/help/`, one file per command
/// (`qcode-export-segments.txt`). After changing help on purpose, regenerate them with
/// `QCODE_UPDATE_SNAPSHOTS=1 swift test --filter HelpTests` and review the diff.
@Suite struct HelpTests {
    static let snapshots = CLIRunner.packageRoot.appendingPathComponent("Tests/qcodeTests/Snapshots/help")
    static let updating = ProcessInfo.processInfo.environment["QCODE_UPDATE_SNAPSHOTS"] == "1"

    /// Every command path (`[]` for qcode itself, `["export", "segments"]`...), found by
    /// reading the SUBCOMMANDS section of each help, with that help.
    static func allHelp(_ cli: CLIRunner) throws -> [(path: [String], help: String)] {
        var found: [(path: [String], help: String)] = []
        var queue: [[String]] = [[]]
        while !queue.isEmpty {
            let path = queue.removeFirst()
            let result = try cli.run(path + ["--help"])
            #expect(result.status == 0, "qcode \(path.joined(separator: " ")) --help: \(result.stderr)")
            found.append((path, result.stdout))
            queue += subcommands(in: result.stdout).filter { $0 != "help" }.map { path + [$0] }
        }
        return found
    }

    /// The names listed under SUBCOMMANDS: in a help text.
    static func subcommands(in help: String) -> [String] {
        guard let section = help.range(of: "\nSUBCOMMANDS:\n") else { return [] }
        var names: [String] = []
        for line in help[section.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty || !line.hasPrefix("  ") { break }
            // A name starts at column 2; wrapped abstracts are indented further.
            guard !line.hasPrefix("   "), let name = line.split(separator: " ").first else { continue }
            names.append(String(name.hasSuffix(",") ? name.dropLast() : name))  // "pseudonymise, pseudonymize"
        }
        return names
    }

    static func snapshotName(_ path: [String]) -> String { (["qcode"] + path).joined(separator: "-") + ".txt" }

    @Test func everyCommandsHelpMatchesItsSnapshot() throws {
        let cli = CLIRunner()
        let helps = try Self.allHelp(cli)
        #expect(helps.count > 40, "found only \(helps.count) commands")
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
        }
        for (path, help) in helps {
            let file = Self.snapshots.appendingPathComponent(Self.snapshotName(path))
            if Self.updating {
                try Data(help.utf8).write(to: file)
                continue
            }
            let expected = try? String(contentsOf: file, encoding: .utf8)
            #expect(expected != nil, "no snapshot \(file.lastPathComponent): run with QCODE_UPDATE_SNAPSHOTS=1")
            if let expected, expected != help {
                Issue.record("""
                    qcode \(path.joined(separator: " ")) --help differs from \(file.lastPathComponent) \
                    (QCODE_UPDATE_SNAPSHOTS=1 regenerates):
                    \(Self.firstDifference(expected, help))
                    """)
            }
        }
        // No snapshot of a command that is gone.
        let names = Set(helps.map { Self.snapshotName($0.path) })
        let stored = try FileManager.default.contentsOfDirectory(atPath: Self.snapshots.path).filter { $0.hasSuffix(".txt") }
        for stale in stored where !names.contains(stale) {
            if Self.updating {
                try FileManager.default.removeItem(at: Self.snapshots.appendingPathComponent(stale))
            } else {
                Issue.record("snapshot \(stale) names no command: delete it (QCODE_UPDATE_SNAPSHOTS=1 does)")
            }
        }
    }

    /// The first line that differs, as expected / actual.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) where index >= a.count || index >= b.count || a[index] != b[index] {
            let want = index < a.count ? String(a[index]) : "(end)"
            let got = index < b.count ? String(b[index]) : "(end)"
            return "line \(index + 1):\n  expected: \(want)\n  actual:   \(got)"
        }
        return "(same lines)"
    }

    /// The example command lines of a help text: the `  qcode ...` lines after "Examples:",
    /// up to a blank line, with any trailing note (two spaces, then parentheses) apart. A
    /// line there that is not an example is an example wrapped at 80 columns: an issue.
    static func examples(in help: String, sourceLocation: SourceLocation = #_sourceLocation) -> [(line: String, note: String?)] {
        var found: [(line: String, note: String?)] = []
        var inExamples = false
        for raw in help.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line == "Examples:" { inExamples = true; continue }
            guard inExamples else { continue }
            if line.isEmpty { inExamples = false; continue }
            guard raw.hasPrefix("  qcode ") else {
                Issue.record("an example is wrapped (keep examples under 78 characters): \(raw)", sourceLocation: sourceLocation)
                continue
            }
            if let note = line.range(of: #"\s{2,}\(.*\)$"#, options: .regularExpression) {
                found.append((line[..<note.lowerBound].trimmingCharacters(in: .whitespaces),
                              line[note].trimmingCharacters(in: .whitespaces)))
            } else {
                found.append((line, nil))
            }
        }
        return found
    }

    /// Splits a command line as a POSIX shell would for plain words and '...' / "..." quotes.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    @Test func everyExampleInTheHelpWorksOnTheSamples() throws {
        let cli = CLIRunner()
        let all = try Self.allHelp(cli).flatMap { Self.examples(in: $0.help) }
        #expect(all.count >= 6, "found only \(all.count) examples")
        try cli.sampleProject()
        // The user's own name map, which the pseudonymise example reads.
        try cli.write("names.csv", "name,pseudonym\nSam Okafor,Participant A\nDr Patel,Dr A\n")

        for (line, note) in all {
            let arguments = Array(Self.words(line).dropFirst())
            if note?.contains("terminal workspace") == true {
                // Opens the workspace: run it in a real terminal, see it open, quit.
                guard TUITerminal.tmuxAvailable else { continue }
                let command = ([CLIRunner.binary.path] + arguments).map(TUITerminal.quote).joined(separator: " ")
                let terminal = try TUITerminal(directory: cli.directory, command: command)
                defer { terminal.close() }
                try terminal.waitFor("turns coded")
                terminal.send("q")
                try terminal.waitForExit()
                #expect(terminal.exitStatus() == 0, "\(line)")
                continue
            }
            let result = try cli.run(arguments)
            #expect(result.status == 0, "example failed: \(line)\n\(result.stderr)")
            #expect(!result.stderr.contains("warning"), "example warns: \(line)\n\(result.stderr)")
            // Each example that writes a new file writes it afresh next time.
            for file in ["anon.qcode", "alice.qcode", "blank.qcode"] {
                try? FileManager.default.removeItem(at: cli.directory.appendingPathComponent(file))
            }
        }
    }
}
