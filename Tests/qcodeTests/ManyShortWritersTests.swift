import Foundation
import Testing

/// Many short `qcode code` processes writing one project at once, as people and scripts
/// really work: each waits for the lock and every write lands.
@Suite("Safety: many short writers", .serialized)
struct ManyShortWritersTests {
    static let codes = ["social-cure/loneliness-isolation", "social-cure/community-belonging",
                        "link-worker/trust-and-rapport", "healthcare-use/gp-visit-reasons", "social-cure/meaning-purpose"]

    @Test func fourCodersMakingOneHundredFiftyCallsEachLoseNothing() throws {
        let cli = CLIRunner()
        try cli.ok(["init", "p.qcode"])
        try cli.ok(["import", "--project", "p.qcode", cli.sample("Transcripts/GP02_interview.txt")])
        try cli.ok(["codebook", "import", "--project", "p.qcode", cli.sample("Codebooks/social-prescribing.yaml")])
        let coders = ["alice", "ben", "chen", "dana"]
        let calls = 150
        // One shell loop per coder: 150 separate processes each, four loops at once.
        var loops: [Process] = []
        for coder in coders {
            var script = ""
            for call in 0..<calls {
                let turn = call % 37 + 1
                let code = Self.codes[call / 37]
                script += "QCODE_CODER=\(coder) '\(CLIRunner.binary.path)' code --project p.qcode GP02 \(code) --turns \(turn)-\(turn) >/dev/null 2>>errors-\(coder).txt || echo \(call) >> failed-\(coder).txt\n"
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script]
            process.currentDirectoryURL = cli.directory
            process.environment = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1", "HOME": cli.directory.path]
            try process.run()
            loops.append(process)
        }
        for process in loops { process.waitUntilExit() }
        for coder in coders {
            let failed = (try? String(contentsOf: cli.directory.appendingPathComponent("failed-\(coder).txt"), encoding: .utf8)) ?? ""
            let errors = (try? String(contentsOf: cli.directory.appendingPathComponent("errors-\(coder).txt"), encoding: .utf8)) ?? ""
            #expect(failed.isEmpty, "\(coder): calls failed: \(failed) \(errors.split(separator: "\n").filter { $0.contains("error") }.prefix(3))")
            let json = try cli.ok(["segments", "--project", "p.qcode", "--coder", coder, "--format", "json"])
            let rows = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])?.count ?? -1
            #expect(rows == calls, "\(coder) has \(rows) codings")
        }
    }
}
