import Foundation
import Testing

/// End-to-end: the real binary on the shipped samples, checking the output contract.
@Suite struct PipelineTests {
    let cli = CLIRunner()

    private func json(_ arguments: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try cli.ok(arguments + ["--format", "json"]).utf8))
    }

    @Test func docsListsEveryTranscriptWithTurnsAndCases() throws {
        try cli.sampleProject()
        let docs = try #require(try json(["docs"]) as? [[String: Any]])
        #expect(docs.count == 9)
        for doc in docs {
            #expect(Set(doc.keys).isSuperset(of: ["id", "name", "case", "characters", "turns", "speakers"]))
            #expect((doc["turns"] as? Int ?? 0) > 5, "\(doc["name"] ?? "?") has too few turns")
        }
        let gp = try #require(docs.first { $0["name"] as? String == "GP02_interview" })
        #expect(gp["case"] as? String == "GP02")
        #expect(gp["speakers"] as? [String] == ["Interviewer", "GP02"])
        let focus = try #require(docs.first { $0["name"] as? String == "FG01_focus-group" })
        #expect((focus["speakers"] as? [String] ?? []).count >= 6)
    }

    @Test func segmentsTextEqualsTheDocumentSlice() throws {
        try cli.sampleProject()
        let segments = try #require(try json(["segments"]) as? [[String: Any]])
        #expect(segments.count == 98)
        var texts: [String: [Unicode.Scalar]] = [:]
        for segment in segments {
            let name = try #require(segment["document"] as? String)
            if texts[name] == nil {
                let shown = try #require(try json(["show", name]) as? [String: Any])
                texts[name] = Array((shown["text"] as? String ?? "").unicodeScalars)
            }
            let start = try #require(segment["start"] as? Int), end = try #require(segment["end"] as? Int)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: texts[name]![start..<end])
            #expect(String(view) == segment["text"] as? String)
            #expect(Set(segment.keys).isSuperset(of: ["document", "case", "code", "coder", "start", "end", "text", "memo"]))
        }
    }

    @Test func segmentFiltersByCodeSubtreeCoderAndAttribute() throws {
        try cli.sampleProject()
        let all = try #require(try json(["segments", "--coder", "alice"]) as? [[String: Any]])
        let linkWorker = try #require(try json(["segments", "--coder", "alice", "--code", "link-worker"]) as? [[String: Any]])
        #expect(!linkWorker.isEmpty && linkWorker.count < all.count)
        #expect(linkWorker.allSatisfy { ($0["code"] as? String ?? "").hasPrefix("link-worker/") })
        let serviceUsers = try #require(try json(["segments", "--where", "group=service user"]) as? [[String: Any]])
        #expect(!serviceUsers.isEmpty)
        #expect(serviceUsers.allSatisfy { ($0["case"] as? String ?? "").hasPrefix("SU") })
    }

    @Test func showJSONGivesTurnsWithScalarOffsets() throws {
        try cli.sampleProject()
        let shown = try #require(try json(["show", "LW01"]) as? [String: Any])
        let text = Array((shown["text"] as? String ?? "").unicodeScalars)
        #expect(!text.contains("\r"))
        let turns = try #require(shown["turns"] as? [[String: Any]])
        #expect(turns.first?["index"] as? Int == 1)
        #expect(turns.first?["speaker"] as? String == "I")
        #expect(turns.first?["time"] as? Double != nil)
        for turn in turns {
            let start = try #require(turn["start"] as? Int), end = try #require(turn["end"] as? Int)
            #expect(0 <= start && start < end && end <= text.count)
        }
    }

    @Test func codeByTurnsThenUncode() throws {
        try cli.sampleProject()
        try cli.ok(["code", "GP02", "social-cure/loneliness-isolation", "--turns", "2-3", "--coder", "carol"])
        let mine = try #require(try json(["segments", "--coder", "carol"]) as? [[String: Any]])
        #expect(mine.count == 2)
        let again = try cli.run(["code", "GP02", "social-cure/loneliness-isolation", "--turns", "2", "--coder", "carol"])
        #expect(again.status == 0 && again.stderr.contains("already coded"))
        try cli.ok(["uncode", "GP02", "loneliness-isolation", "--turns", "2", "--coder", "carol"])
        #expect((try json(["segments", "--coder", "carol"]) as? [[String: Any]])?.count == 1)
    }

    @Test func codeWithoutCodeOrRangeOpensTheWorkspaceWhichNeedsATerminal() throws {
        try cli.sampleProject()
        let result = try cli.run(["code", "GP02", "--coder", "carol"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("needs a terminal"))
        let missingCode = try cli.run(["code", "GP02", "--turns", "2", "--coder", "carol"])
        #expect(missingCode.status != 0)
        #expect(missingCode.stderr.contains("name the code"))
    }

    @Test func badInputIsAOneLineErrorAndChangesNothing() throws {
        try cli.sampleProject()
        let before = try cli.ok(["docs", "--format", "json"])
        let binary = try cli.write("binary.txt", "abc\u{0}\u{1}\u{2}def")
        let result = try cli.run(["import", cli.sample("Transcripts/GP02_interview.txt"), binary, try cli.write("new.txt", "Interviewer: hello\nP01: hi there\nInterviewer: bye\nP01: bye now\n")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("binary.txt"))
        #expect(try cli.ok(["docs", "--format", "json"]) == before)
        let unknown = try cli.run(["segments", "--code", "social-cur/belonging"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean"))
    }

    @Test func reimportingTheSameFileIsSkipped() throws {
        try cli.sampleProject()
        let result = try cli.run(["import", cli.sample("Transcripts/GP02_interview.txt")])
        #expect(result.status == 0)
        #expect(result.stderr.contains("skipped"))
    }

    @Test func projectIsFoundInTheCurrentFolderOrByEnvironment() throws {
        let none = try cli.run(["docs"])
        #expect(none.status != 0 && none.stderr.contains("no project here"))
        try cli.ok(["init", "a.qcode"])
        #expect(try cli.run(["docs"]).status == 0)
        try cli.ok(["init", "b.qcode"])
        let two = try cli.run(["docs"])
        #expect(two.status != 0 && two.stderr.contains("several projects"))
        #expect(try cli.run(["docs"], environment: ["QCODE_PROJECT": "b.qcode"]).status == 0)
    }
}
