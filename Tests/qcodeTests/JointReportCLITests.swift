import Foundation
import Testing

/// End-to-end: `qcode export joint`, `qcode report` and the speaker in `export quotes`, on
/// the shipped samples.
@Suite struct JointReportCLITests {
    let cli = CLIRunner()

    private func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    /// The sample project, with alice also coding FG01's turn 2 (speaker LW02) as social-cure.
    private func project() throws {
        try cli.sampleProject()
        try cli.ok(["code", "FG01", "social-cure", "--turns", "2", "--coder", "alice"])
    }

    @Test func jointCountsCasesAsTheMatrixDoesAndQuotesOnlyTheCodersSegments() throws {
        try project()
        let cells = try json(try cli.ok(["export", "joint", "--coder", "alice", "--by", "group", "--level", "1",
                                         "--quotes", "3", "--format", "json"]))
        #expect(cells.allSatisfy { Set($0.keys) == ["code", "value", "cases", "coded_cases", "percent", "quotes"] })
        let values = ["GP", "provider", "service user", "(missing)"]
        #expect(cells.map { $0["value"] as? String } == Array(repeating: values, count: 6).flatMap { $0 })

        // Expected counts from the matrix: per group, cases with 1, and cases with any value.
        let matrix = try json(try cli.ok(["export", "matrix", "--coder", "alice", "--level", "1", "--format", "json"]))
        for cell in cells {
            let code = (cell["code"] as! String).replacingOccurrences(of: "-", with: "_")
            let group = matrix.filter { ($0["group"] as? String ?? "(missing)") == cell["value"] as? String }
            let coded = group.filter { !($0[code] is NSNull) && $0[code] != nil }
            #expect(cell["cases"] as? Int == coded.filter { $0[code] as? Int == 1 }.count, "\(cell)")
            #expect(cell["coded_cases"] as? Int == coded.count, "\(cell)")
            if coded.isEmpty { #expect(cell["percent"] is NSNull) } else {
                #expect(abs((cell["percent"] as! Double) - Double(cell["cases"] as! Int) / Double(coded.count) * 100) < 1e-9)
            }
        }

        // Every quote is (the start of) one of alice's segments of the code, in the cell's group.
        let segments = try json(try cli.ok(["export", "segments", "--coder", "alice", "--attributes", "--format", "json"]))
        var quoted = 0
        for cell in cells {
            for quote in cell["quotes"] as! [[String: Any]] {
                quoted += 1
                let text = (quote["text"] as! String).replacingOccurrences(of: "…", with: "")
                let match = segments.first { segment in
                    (segment["code"] as! String).hasPrefix(cell["code"] as! String)
                        && segment["case"] as? String == quote["case"] as? String
                        && (segment["text"] as! String).split(whereSeparator: \.isWhitespace).joined(separator: " ").hasPrefix(text)
                }
                #expect(match != nil, "quote not one of alice's segments: \(quote)")
                #expect((match?["group"] as? String ?? "(missing)") == cell["value"] as? String)
            }
        }
        #expect(quoted > 10)
        let benOnly = try json(try cli.ok(["export", "segments", "--coder", "ben", "--format", "json"])).map { $0["text"] as! String }
        let aliceTexts = Set(segments.map { $0["text"] as! String })
        let quotes = cells.flatMap { $0["quotes"] as! [[String: Any]] }.map { $0["text"] as! String }
        #expect(!quotes.contains { quote in benOnly.contains(quote) && !aliceTexts.contains(quote) })
    }

    @Test func jointStatsEqualStatsPresence() throws {
        try project()
        let cells = try json(try cli.ok(["export", "joint", "--coder", "alice", "--by", "group", "--level", "1",
                                         "--quotes", "0", "--stats", "--format", "json"]))
        let presence = try json(try cli.run(["stats", "presence", "--coder", "alice", "--by", "group", "--level", "1",
                                             "--format", "json"]).stdout)
        #expect(presence.count == 6 && cells.count == 24)
        for code in presence {
            let name = try #require(code["code"] as? String)
            for cell in cells where cell["code"] as? String == name {
                let stats = try #require(cell["stats"] as? [String: Any])
                #expect(Set(stats.keys) == ["chi2", "df", "p", "cramers_v", "fisher_p"])
                for key in ["chi2", "df", "p", "cramers_v", "fisher_p"] {
                    #expect("\(stats[key] ?? "none")" == "\(code[key] ?? "none")", "\(name) \(key)")
                }
            }
        }
        let markdown = try cli.ok(["export", "joint", "--coder", "alice", "--by", "group", "--level", "1", "--quotes", "0", "--stats"])
        #expect(markdown.contains("| Code | GP | provider | service user | (missing) | Statistics |"))
        let plain = try json(try cli.ok(["export", "joint", "--coder", "alice", "--by", "group", "--format", "json"]))
        #expect(plain.allSatisfy { $0["stats"] == nil })
    }

    @Test func focusGroupQuotesNameTheSpeaker() throws {
        try project()
        let cells = try json(try cli.ok(["export", "joint", "--coder", "alice", "--by", "group", "--level", "1", "--format", "json"]))
        let missing = try #require(cells.first { $0["code"] as? String == "social-cure" && $0["value"] as? String == "(missing)" })
        let quote = try #require((missing["quotes"] as? [[String: Any]])?.first)
        #expect(quote["case"] as? String == "FG01" && quote["speaker"] as? String == "LW02" && quote["document"] as? String == "FG01_focus-group")
        #expect((cells.flatMap { $0["quotes"] as! [[String: Any]] }.filter { $0["case"] as? String != "FG01" }).allSatisfy { $0["speaker"] is NSNull })
        let markdown = try cli.ok(["export", "joint", "--coder", "alice", "--by", "group", "--level", "1", "--quotes", "1"])
        #expect(markdown.hasPrefix("# Codes by group (coder alice)\n\n| Code | GP | provider | service user | (missing) |\n|---|---|---|---|---|\n"))
        #expect(markdown.contains("— FG01, speaker LW02 |"))
        let quotes = try cli.ok(["export", "quotes", "--coder", "alice", "--code", "social-cure", "--attributes", "group"])
        #expect(quotes.contains("> — FG01, speaker LW02\n"))
        #expect(quotes.contains("> — SU07 (group: service user)\n"))
    }

    @Test func jointFilesFollowTheExtension() throws {
        try project()
        let result = try cli.run(["export", "joint", "--coder", "alice", "--by", "group", "--level", "1", "--out", "joint.csv"])
        #expect(result.status == 0)
        #expect(result.stderr == "qcode: wrote 6 code(s) x 4 value(s) to joint.csv\n")
        let csv = String(decoding: try cli.bytes("joint.csv"), as: UTF8.self)
        #expect(csv.hasPrefix("code,label,GP: cases,GP: coded cases,GP: percent,GP: quotes,provider: cases,"))
        try cli.ok(["export", "joint", "--coder", "alice", "--by", "age", "--out", "joint.html"])
        let html = String(decoding: try cli.bytes("joint.html"), as: UTF8.self)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<table class=\"joint\">") && html.contains("<th scope=\"col\">71</th>"))
    }

    @Test func jointErrorsAreOneLine() throws {
        try project()
        let attribute = try cli.run(["export", "joint", "--coder", "alice", "--by", "grup"])
        #expect(attribute.status == 1)
        #expect(attribute.stderr.hasPrefix("qcode: error: no attribute 'grup' (attributes: group, age, sex,"))
        #expect(attribute.stderr.split(separator: "\n").count == 1)
        let coder = try cli.run(["export", "joint", "--by", "group"])
        #expect(coder.status == 1)
        #expect(coder.stderr == "qcode: error: codings by 2 coders (alice, ben) where one is needed (one coder, or a consensus coder): choose one with --coder\n")
    }

    @Test func reportIsOnePageWithChartsThatFetchesNothing() throws {
        try project()
        try cli.ok(["docs", "done", "GP02", "--coder", "ben"])
        let result = try cli.run(["report", "--coder", "alice", "--by", "group", "--level", "2", "--out", "report.html"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "qcode: wrote report.html\n")
        let html = String(decoding: try cli.bytes("report.html"), as: UTF8.self)
        for id in ["overview", "frequencies", "groups", "cooccurrence", "agreement", "codebook"] {
            #expect(html.contains("<section id=\"\(id)\""), "no section \(id)")
        }
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 >= 5)
        #expect(html.contains("<title>Report: demo</title>"))
        #expect(html.contains("<th class=\"num\">Documents marked done</th>"))
        #expect(html.contains("<tr><td>ben</td><td class=\"num\">49</td><td class=\"num\">3 / 9</td><td class=\"num\">1 / 9</td></tr>"))
        #expect(html.contains("<tr><td>alice</td><td class=\"num\">50</td><td class=\"num\">4 / 9</td><td class=\"num\">0 / 9</td></tr>"))
        #expect(html.contains("turn(s) where the coders applied different codes"))
        #expect(html.contains("<strong>alice</strong>, <strong>ben</strong>"))
        for forbidden in ["http:", "https:", "src=", "<script", "<link"] { #expect(!html.contains(forbidden), "\(forbidden)") }
        // Two coders' disagreements, as `qcode disagreements` counts them.
        let disagreements = try cli.ok(["disagreements", "--coders", "alice,ben", "--format", "json"])
        let units = try json(disagreements).count
        #expect(html.contains("<strong>\(units)</strong> turn(s)"))
    }

    @Test func reportWithOneCoderHasNoAgreement() throws {
        try project()
        try cli.ok(["report", "--coder", "alice", "--coders", "alice", "--out", "one.html"])
        let html = String(decoding: try cli.bytes("one.html"), as: UTF8.self)
        #expect(html.contains("Agreement needs two or more coders; 1 coded."))
        #expect(html.contains("Give <code>--by ATTRIBUTE</code> to compare groups of cases."))
        let bad = try cli.run(["report", "--coder", "alice", "--level", "0", "--out", "x.html"])
        #expect(bad.status != 0 && bad.stderr.contains("--level must be 1 or more"))
    }
}

/// `--format table` of the count tables: plain when piped or with NO_COLOR.
@Suite struct ShadedTableCLITests {
    let cli = CLIRunner()

    @Test func tableFormatIsPlainTextWhenPiped() throws {
        try cli.sampleProject()
        let matrix = try cli.ok(["export", "matrix", "--coder", "alice", "--level", "1", "--format", "table", "--no-dictionary"])
        let lines = matrix.split(separator: "\n")
        #expect(lines.first?.hasPrefix("case  group") == true)
        #expect(lines.count == 8)
        #expect(!matrix.contains("\u{1B}"))
        let cooccurrence = try cli.ok(["export", "cooccurrence", "--level", "1", "--unit", "document", "--coder", "alice", "--format", "table"])
        #expect(cooccurrence.hasPrefix("code                 social-cure  link-worker  "))
        #expect(!cooccurrence.contains("\u{1B}"))
        let result = try cli.run(["export", "matrix", "--coder", "alice", "--format", "table", "--out", "m.txt", "--no-dictionary"])
        #expect(result.status == 0)
        #expect(!String(decoding: try cli.bytes("m.txt"), as: UTF8.self).contains("\u{1B}"))
    }

    /// On a terminal (a pseudo-terminal made by `script`), counts are shaded unless NO_COLOR is set.
    @Test func tableFormatIsShadedOnATerminalUnlessNoColour() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        try cli.sampleProject()
        func onTerminal(_ environment: [String: String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            let command = "'\(CLIRunner.binary.path)' export matrix --coder alice --level 1 --format table --no-dictionary"
            process.arguments = ["-qec", command, "/dev/null"]
            process.currentDirectoryURL = cli.directory
            process.environment = ["PATH": "/usr/bin:/bin", "HOME": cli.directory.path, "TERM": "xterm-256color"]
                .merging(environment) { _, new in new }
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let coloured = try onTerminal([:])
        #expect(coloured.contains("\u{1B}[48;5;25;38;5;231m1\u{1B}[0m"))
        #expect(!(try onTerminal(["NO_COLOR": "1"])).contains("\u{1B}["))
    }
}
