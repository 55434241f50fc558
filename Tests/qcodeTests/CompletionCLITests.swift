import Foundation
import Testing

/// Shell completion of project names (ArgumentParser's `---completion` protocol, as the
/// generated bash, zsh and fish scripts call it).
@Suite struct CompletionCLITests {
    let cli = CLIRunner()

    /// `qcode ---completion SUBCOMMAND -- ARGUMENT INDEX CURSOR WORDS...` with the cursor at
    /// the end of the last word.
    private func complete(_ subcommand: [String], _ argument: String, words: [String],
                          environment: [String: String] = [:]) throws -> CLIRunner.Result {
        let last = words.last ?? ""
        return try cli.run(["---completion"] + subcommand + ["--", argument, String(words.count - 1), String(last.count)] + words,
                           environment: environment)
    }

    @Test func documentsCodesAndCodersComeFromTheProject() throws {
        try cli.ok(["init", "p.qcode"])
        try cli.write("P01.txt", "Interviewer: How was it?\nP01: Fine.\n")
        try cli.write("P02.txt", "Interviewer: And you?\nP02: Lonely.\n")
        try cli.write("GP03.txt", "Interviewer: And you?\nGP03: Busy.\n")
        try cli.ok(["import", "P01.txt", "P02.txt", "GP03.txt", "--quiet"])
        try cli.ok(["codebook", "add", "health"])
        try cli.ok(["codebook", "add", "health/gp-visits"])
        try cli.ok(["codebook", "add", "loneliness"])
        try cli.ok(["code", "P02", "loneliness", "--turns", "2", "--coder", "ann"])

        let documents = try complete(["code"], "positional@0", words: ["qcode", "code", "p"])
        #expect(documents.status == 0 && documents.stdout == "P01\nP02\n", "\(documents.stderr)")
        let codes = try complete(["code"], "positional@1", words: ["qcode", "code", "P01", "heal"])
        #expect(codes.stdout == "health\nhealth/gp-visits\n")
        let coders = try complete(["segments"], "--coder", words: ["qcode", "segments", "--coder", ""])
        #expect(coders.stdout == "ann\n")
        let shown = try complete(["show"], "positional@0", words: ["qcode", "show", "G"])
        #expect(shown.stdout == "GP03\n")
    }

    @Test func theProjectOnTheCommandLineOrInTheEnvironmentIsUsedAndFailureIsSilent() throws {
        let other = cli.directory.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try cli.ok(["init", "elsewhere/study.qcode"])
        try cli.write("P07.txt", "Interviewer: Hi.\nP07: Hello.\n")
        try cli.ok(["import", "P07.txt", "--project", "elsewhere/study.qcode", "--quiet"])
        let before = try cli.bytes("elsewhere/study.qcode")

        let byFlag = try complete(["show"], "positional@0", words: ["qcode", "show", "--project", "elsewhere/study.qcode", ""])
        #expect(byFlag.stdout == "P07\n")
        let byEquals = try complete(["show"], "positional@0", words: ["qcode", "show", "--project=elsewhere/study.qcode", "P"])
        #expect(byEquals.stdout == "P07\n")
        let byEnvironment = try complete(["show"], "positional@0", words: ["qcode", "show", ""],
                                         environment: ["QCODE_PROJECT": "elsewhere/study.qcode"])
        #expect(byEnvironment.stdout == "P07\n")
        // No project here, a missing one, or a file that is not a project: no completions, no noise.
        for words in [["qcode", "show", ""], ["qcode", "show", "--project", "nope.qcode", ""], ["qcode", "show", "--project", "P07.txt", ""]] {
            let none = try complete(["show"], "positional@0", words: words)
            #expect(none.status == 0 && none.stdout == "" && none.stderr == "", "\(words): \(none.stderr)")
        }
        // Completion only reads.
        #expect(try cli.bytes("elsewhere/study.qcode") == before)
    }
}
