import Foundation
import Testing

/// Processes killed (SIGKILL) at random moments leave a sound project holding each
/// operation entirely or not at all.
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

    @Test func killedImportsAreAllOrNothing() throws {
        let cli = CLIRunner()
        try cli.ok(["init", "p.qcode"])
        var random = SafetySupport.Random(state: 20_240_601)
        let files = 40
        var outcomes = (none: 0, all: 0)
        let clock = ContinuousClock()
        let started = clock.now
        for trial in 0..<24 {
            let paths = try Self.writeTranscripts(cli, trial: trial, files: files, words: 1500)
            let running = try SafetySupport.start(["import", "--project", "p.qcode"] + paths, in: cli.directory)
            usleep(UInt32(random.below(300_001)))
            kill(running.process.processIdentifier, SIGKILL)
            _ = try running.wait()
            let check = try cli.run(["check", "--project", "p.qcode"])
            #expect(check.status == 0, "trial \(trial): \(check.stdout)\(check.stderr)")
            let present = try Self.documentNames(cli).filter { $0.hasPrefix("t\(trial)-") }.count
            #expect(present == 0 || present == files, "trial \(trial): \(present) of \(files) documents")
            if present == 0 { outcomes.none += 1 } else { outcomes.all += 1 }
        }
        print("kill test: imports, \(outcomes.none) killed before commit, \(outcomes.all) committed, in \(clock.now - started)")
        #expect(outcomes.none > 0, "no import was killed mid-way: make the files bigger")
    }

    @Test func killedCodingImportsAreAllOrNothing() throws {
        let cli = CLIRunner()
        try cli.ok(["init", "p.qcode"])
        try cli.ok(["import", "--project", "p.qcode", cli.sample("Transcripts/GP02_interview.txt")])
        try cli.ok(["codebook", "import", "--project", "p.qcode", cli.sample("Codebooks/social-prescribing.yaml")])
        var random = SafetySupport.Random(state: 99)
        var killed = 0
        for trial in 0..<8 {
            var csv = "document,coder,code,start,end\n"
            for i in 0..<4000 { csv += "GP02_interview,k\(trial),healthcare-use/gp-visit-reasons,\(i),\(i + 3)\n" }
            let file = try cli.write("k\(trial).csv", csv)
            let running = try SafetySupport.start(["codings", "import", "--project", "p.qcode", file], in: cli.directory)
            usleep(UInt32(random.below(300_001)))
            kill(running.process.processIdentifier, SIGKILL)
            _ = try running.wait()
            #expect(try cli.run(["check", "--project", "p.qcode"]).status == 0)
            let listed = try cli.run(["segments", "--project", "p.qcode", "--coder", "k\(trial)", "--format", "json"])
            let rows = listed.status == 0
                ? (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [Any])?.count ?? -1
                : (listed.stderr.contains("has codings") ? 0 : -1)
            #expect(rows == 0 || rows == 4000, "trial \(trial): \(rows) codings")
            if rows == 0 { killed += 1 }
        }
        print("kill test: codings imports, \(killed) of 8 killed before commit")
    }
}
