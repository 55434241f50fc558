import Foundation
import Testing

/// `qcode docs rename|remove|replace` end to end on the shipped samples.
@Suite struct DocsLifecycleCLITests {
    private func segments(_ cli: CLIRunner, _ document: String) throws -> [[String: Any]] {
        let json = try cli.ok(["segments", "--doc", document, "--format", "json"])
        return try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
    }

    @Test func replaceKeepsCodingsOnTheirWordsAndUndoRestoresThem() throws {
        let cli = CLIRunner()
        try cli.sampleProject()
        let original = try String(contentsOfFile: cli.sample("Transcripts/GP02_interview.txt"), encoding: .utf8)
        let before = try segments(cli, "GP02_interview")
        #expect(!before.isEmpty)
        // A corrected transcript: one word fixed at the start, nothing else changed.
        let corrected = original.replacingOccurrences(of: "Interviewer:", with: "INTERVIEWER:")
        let file = try cli.write("GP02_corrected.txt", corrected)
        let replaced = try cli.run(["docs", "replace", "GP02_interview", file])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stderr.contains("replaced the text of GP02_interview"))
        let after = try segments(cli, "GP02_interview")
        #expect(after.count == before.count)
        #expect(after.map { $0["text"] as? String } == before.map { $0["text"] as? String })
        let undone = try cli.run(["undo"])
        #expect(undone.status == 0, "\(undone.stderr)")
        let restored = try segments(cli, "GP02_interview")
        #expect(restored.map { "\($0["start"]!)-\($0["end"]!)" } == before.map { "\($0["start"]!)-\($0["end"]!)" })
    }

    @Test func removeRefusesWithoutForceInOneLineAndRenameWorks() throws {
        let cli = CLIRunner()
        try cli.sampleProject()
        let refused = try cli.run(["docs", "remove", "GP02"])
        #expect(refused.status == 1)
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(refused.stderr.contains("give --force"))
        try cli.ok(["docs", "rename", "GP02", "GP02 main interview"])
        #expect(try cli.ok(["docs", "--format", "json"]).contains("\"GP02 main interview\""))
        let removed = try cli.run(["docs", "remove", "GP02", "--force"])
        #expect(removed.status == 0)
        #expect(removed.stderr.contains("removed GP02 main interview with"))
        #expect(try cli.ok(["docs", "--format", "json"]).contains("GP02") == false)
    }
}
