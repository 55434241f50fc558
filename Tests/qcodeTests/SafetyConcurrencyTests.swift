import Foundation
import Testing

/// Several coders' processes writing to one project file at once.
@Suite("Safety: concurrent coders", .serialized)
struct SafetyConcurrencyTests {
    static let code = "healthcare-use/gp-visit-reasons"

    @Test func fourCodersImportAtOnceAndEveryWriteLands() throws {
        let cli = CLIRunner()
        try cli.ok(["init", "p.qcode"])
        try cli.ok(["import", "--project", "p.qcode", cli.sample("Transcripts/GP02_interview.txt")])
        try cli.ok(["codebook", "import", "--project", "p.qcode", cli.sample("Codebooks/social-prescribing.yaml")])
        let coders = ["alice", "ben", "chen", "dana"]
        let rounds = 3
        let clock = ContinuousClock()
        let started = clock.now
        for round in 0..<rounds {
            var running: [SafetySupport.Running] = []
            for coder in coders {
                var csv = "document,coder,code,start,end\n"
                for i in 0..<1000 {
                    let start = round * 1000 + i
                    csv += "GP02_interview,\(coder),\(Self.code),\(start),\(start + 5)\n"
                }
                let file = try cli.write("\(coder)-\(round).csv", csv)
                running.append(try SafetySupport.start(["codings", "import", "--project", "p.qcode", file], in: cli.directory))
            }
            // A reader at the same time: reads never block writers in WAL mode.
            running.append(try SafetySupport.start(["segments", "--project", "p.qcode", "--format", "csv"], in: cli.directory))
            for process in running {
                let result = try process.wait()
                #expect(result.status == 0, "\(result.stderr)")
                #expect(!result.stderr.contains("locked"))
            }
        }
        let elapsed = clock.now - started
        print("concurrency: \(coders.count) coders × \(rounds) rounds × 1000 codings in \(elapsed)")
        for coder in coders {
            let json = try cli.ok(["segments", "--project", "p.qcode", "--coder", coder, "--format", "json"])
            let rows = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])?.count ?? -1
            #expect(rows == rounds * 1000, "\(coder) has \(rows) codings")
        }
        let check = try cli.run(["check", "--project", "p.qcode"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stderr.contains("no problems found"))
    }
}
