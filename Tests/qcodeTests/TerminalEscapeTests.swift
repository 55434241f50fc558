import Foundation
import Testing

/// Hostile names, labels, memos and coder names never reach the terminal raw: human-readable
/// output shows control characters as visible escapes, while JSON keeps them exactly.
@Suite struct TerminalEscapeTests {
    let cli = CLIRunner()

    /// A document name with a screen-clearing CSI, a code label that writes the clipboard
    /// (OSC 52), a memo with a C1 CSI (U+009B) and a coder name with a bell.
    static let name = "inter\u{1B}[2Jview"
    static let label = "\u{1B}]52;c;ZXZpbA==\u{07}"
    static let memo = "\u{9B}31mred\u{9B}0m"
    static let coder = "ali\u{07}ce"

    /// True when `text` holds a character a terminal acts on (C0 but tab and newline, DEL, C1).
    static func hasRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
    }

    private func hostileProject() throws {
        try cli.ok(["init", "demo.qcode"])
        let transcript = try cli.write(Self.name + ".txt", "Interviewer: How are you?\nP01: Fine, thanks.\n")
        let imported = try cli.run(["import", transcript])
        #expect(imported.status == 0)
        #expect(!Self.hasRawControl(imported.stderr))
        let codebook = try cli.write("codes.yaml", """
            codes:
              - name: theme
                id: t
                label: "\\e]52;c;ZXZpbA==\\a"
                children:
                  - {name: alpha, id: a}
            """)
        try cli.ok(["codebook", "import", codebook])
        let coded = try cli.run(["code", "inter", "alpha", "--turns", "2", "--coder", Self.coder, "--memo", Self.memo])
        #expect(coded.status == 0, "\(coded.stderr)")
        #expect(!Self.hasRawControl(coded.stdout + coded.stderr))
    }

    @Test func humanReadableOutputShowsEscapesAndJSONKeepsTheText() throws {
        try hostileProject()
        for arguments in [["docs"], ["segments"], ["log"], ["codebook", "tree"], ["codebook", "show"],
                          ["show", "inter", "--codes"], ["undo", "--coder", Self.coder], ["redo", "--coder", Self.coder]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!Self.hasRawControl(result.stdout), "\(arguments) printed a raw control character")
            #expect(!Self.hasRawControl(result.stderr), "\(arguments) printed a raw control character on stderr")
        }
        #expect(try cli.ok(["docs"]).contains("inter\\e[2Jview"))
        #expect(try cli.ok(["codebook", "tree"]).contains("\\e]52;c;ZXZpbA==^G"))
        let segments = try cli.ok(["segments"])
        #expect(segments.contains("\\u009B31mred\\u009B0m"))
        #expect(segments.contains("ali^Gce"))
        #expect(try cli.ok(["log"]).contains("inter\\e[2Jview"))

        let docs = try JSONSerialization.jsonObject(with: Data(try cli.ok(["docs", "--format", "json"]).utf8)) as? [[String: Any]]
        #expect(docs?.first?["name"] as? String == Self.name)
        let rows = try JSONSerialization.jsonObject(with: Data(try cli.ok(["segments", "--format", "json"]).utf8)) as? [[String: Any]]
        #expect(rows?.first?["memo"] as? String == Self.memo)
        #expect(rows?.first?["coder"] as? String == Self.coder)
        #expect(rows?.first?["document"] as? String == Self.name)
        let tree = try JSONSerialization.jsonObject(with: Data(try cli.ok(["codebook", "tree", "--format", "json"]).utf8)) as? [[String: Any]]
        #expect(tree?.first?["label"] as? String == Self.label)
        let log = try JSONSerialization.jsonObject(with: Data(try cli.ok(["log", "--format", "json"]).utf8)) as? [[String: Any]]
        #expect(log?.contains { ($0["summary"] as? String)?.contains(Self.name) == true } == true)
        // CSV keeps the exact text too.
        #expect(try cli.ok(["segments", "--format", "csv"]).contains(Self.memo))
    }

    @Test func errorMessagesShowEscapes() throws {
        try hostileProject()
        let result = try cli.run(["segments", "--code", "nope\u{1B}]0;pwned\u{07}"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nope\\e]0;pwned^G"))
        #expect(!Self.hasRawControl(result.stderr))
    }
}
