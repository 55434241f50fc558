import Foundation
import Testing

/// End-to-end: first-contact mistakes from issue 10 get errors that name the real problem.
@Suite struct FirstContactCLITests {
    let cli = CLIRunner()

    private func project() throws {
        try cli.ok(["init", "demo.qcode"])
        let transcript = try cli.write("Interview_P01.txt", """
            Interviewer: How did you come to the group?
            P01: My GP sent me. The choir changed that.
            """)
        try cli.ok(["import", transcript])
        try cli.ok(["codebook", "import", cli.sample("Codebooks/social-prescribing.yaml")])
    }

    @Test func unknownCodeWithAMatchNamesTheCode() throws {
        try project()
        let result = try cli.run(["code", "Interview_P01", "no-such-code", "--match", "absent words", "--coder", "ann"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no code 'no-such-code'"))
        #expect(!result.stderr.contains("nothing"))
        #expect(result.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1)
    }

    @Test func documentNameInTheWrongCaseIsFound() throws {
        try project()
        let shown = try cli.ok(["show", "interview_p01", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect(json["name"] as? String == "Interview_P01")
    }
}
