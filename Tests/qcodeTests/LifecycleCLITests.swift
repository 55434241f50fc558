import Foundation
import Testing

/// End to end: the lifecycle commands on the sample project (memos, the codebook's
/// definitions, coders, cases), each printing what it changed and undone by `qcode undo`.
@Suite struct LifecycleCLITests {
    let cli = CLIRunner()

    private func json(_ arguments: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try cli.ok(arguments).utf8))
    }

    // MARK: Memos

    @Test func memosRecordTheirAuthorAndAreListedFilteredAndUndone() throws {
        try cli.sampleProject()
        let saved = try cli.run(["memo", "--doc", "GP02", "A GP who refers often", "--coder", "alice"])
        #expect(saved.status == 0)
        #expect(saved.stderr == "qcode: memo saved on document GP02_interview by alice\n")
        let coding = try cli.run(["memo", "--coding", "1", "backache as a ticket"], environment: ["QCODE_CODER": "BEN"])
        #expect(coding.stderr == "qcode: memo saved on coding 1 (healthcare-use/gp-visit-reasons 616-763 in GP02_interview) by ben\n")
        let noCoder = try cli.run(["memo", "--doc", "GP02", "x"])
        #expect(noCoder.status == 1 && noCoder.stderr.contains("no coder"))

        let tsv = try cli.ok(["memos", "--doc", "GP02", "--format", "tsv"]).split(separator: "\n")
        #expect(tsv[0] == "kind\tdocument\tcoding\tcode\tstart\tend\tauthor\ttime\ttext")
        #expect(tsv[1].hasPrefix("document\tGP02_interview\t\t\t\t\talice\t20"))
        #expect(tsv[1].hasSuffix("\tA GP who refers often"))
        #expect(tsv[2].hasPrefix("coding\tGP02_interview\t1\thealthcare-use/gp-visit-reasons\t616\t763\tben\t20"))
        // The imported memos (no author recorded) follow in text order.
        #expect(tsv[3].hasPrefix("coding\tGP02_interview\t3\thealthcare-use/medication\t1861\t1955\t\t\t"))

        let mine = try #require(try json(["memos", "--coder", "Alice", "--format", "json"]) as? [[String: Any]])
        #expect(mine.count == 1)
        #expect(mine[0]["kind"] as? String == "document" && mine[0]["author"] as? String == "alice")
        #expect(mine[0]["coding_id"] is NSNull && (mine[0]["at"] as? String)?.hasSuffix("Z") == true)
        let csv = try cli.ok(["memos", "--coder", "ben", "--format", "csv"]).components(separatedBy: "\r\n")
        #expect(csv.count == 3 && csv[0] == "kind,document,coding,code,start,end,author,time,text")
        #expect(csv[1].hasPrefix("coding,GP02_interview,1,healthcare-use/gp-visit-reasons,616,763,ben,20"))
        let none = try cli.run(["memos", "--coder", "nobody"])
        #expect(none.status == 0 && none.stderr == "qcode: no memos by nobody\n")

        let cleared = try cli.run(["memo", "--doc", "GP02", "", "--coder", "alice"])
        #expect(cleared.stderr == "qcode: memo cleared on document GP02_interview\n")
        try cli.ok(["undo"])
        #expect(try cli.ok(["memos", "--coder", "alice", "--format", "tsv"]).contains("A GP who refers often"))
        try cli.ok(["undo"])
        try cli.ok(["undo"])
        #expect(try cli.ok(["memos", "--coder", "alice", "--format", "tsv"]).split(separator: "\n").count == 1)
        #expect(try cli.ok(["memos", "--coder", "ben", "--format", "tsv"]).split(separator: "\n").count == 1)
    }

    // MARK: Codebook

    @Test func codebookShowGivesOneCodesWholeDefinition() throws {
        try cli.sampleProject()
        let shown = try cli.run(["codebook", "show", "loneliness-isolation"])
        #expect(shown.status == 0)
        let lines = shown.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "path         social-cure/loneliness-isolation")
        #expect(lines[1] == "id           sc-lonely")
        #expect(lines[2] == "label        Loneliness and isolation")
        #expect(lines[3] == "colour       #117A5C")
        #expect(lines[4].hasPrefix("description  Loneliness (the painful feeling") && lines[4].hasSuffix("changes over time."))
        #expect(lines.contains { $0.hasPrefix("include      Descriptions of being alone") })
        #expect(lines.contains { $0.hasPrefix("exclude      Low mood without reference to people") })
        #expect(lines.contains("examples     Some weeks the only person I'd speak to was the lady on the checkout."))
        #expect(lines.contains("keywords     lonely, alone, on my own, isolated, nobody, four walls, no one to talk to"))
        #expect(lines.contains("parent       social-cure"))
        #expect(lines.contains("children"))
        #expect(shown.stdout.hasSuffix("""
            codings      alice: 3 (3 with children)
                         ben: 2 (2 with children)
                         total: 5 (5 with children)

            """))

        let parent = try #require(try json(["codebook", "show", "sc", "--format", "json"]) as? [String: Any])
        #expect(parent["path"] as? String == "social-cure" && parent["parent"] is NSNull)
        #expect((parent["children"] as? [String])?.first == "social-cure/group-membership")
        let coders = try #require(parent["coders"] as? [[String: Any]])
        #expect(coders.map { $0["coder"] as? String } == ["alice", "ben"])
        #expect(parent["codings"] as? Int == 0 && parent["with_children"] as? Int == 25)
        // Without a code: the list, as before.
        #expect(try cli.ok(["codebook", "show"]).hasPrefix("path"))
        let unknown = try cli.run(["codebook", "show", "lonelyness"])
        #expect(unknown.status == 1 && unknown.stderr.contains("lonelyness"))
    }

    @Test func codebookSetEditsInPlacePrintsEachFieldAndUndoes() throws {
        try cli.sampleProject()
        let before = try cli.ok(["codebook", "show", "sc", "--format", "json"])
        let set = try cli.run(["codebook", "set", "social-cure", "--label", "", "--colour", "#aabbcc",
                               "--keywords", "groups, people", "--include", "Passages about groups."])
        #expect(set.status == 0)
        #expect(set.stderr == """
            qcode: social-cure: label cleared
            qcode: social-cure: include set to "Passages about groups."
            qcode: social-cure: colour set to "#AABBCC"
            qcode: social-cure: keywords set to "groups, people"

            """)
        let after = try #require(try json(["codebook", "show", "sc", "--format", "json"]) as? [String: Any])
        #expect(after["label"] is NSNull && after["colour"] as? String == "#AABBCC")
        #expect(after["keywords"] as? [String] == ["groups", "people"])
        #expect(try cli.ok(["codebook", "tree"]).contains("social-cure  (0/25)"))
        let same = try cli.run(["codebook", "set", "sc", "--colour", "#AABBCC"])
        #expect(same.status == 0 && same.stderr == "qcode: social-cure: nothing changed\n")
        let bad = try cli.run(["codebook", "set", "sc", "--colour", "green"])
        #expect(bad.status == 1 && bad.stderr == "qcode: error: bad colour 'green'; expected #RRGGBB, e.g. #1B9E77\n")
        let nothing = try cli.run(["codebook", "set", "sc"])
        #expect(nothing.status != 0 && nothing.stderr.contains("give at least one of --label"))
        let undo = try cli.run(["undo"])
        #expect(undo.status == 0 && undo.stdout.contains("set label, include, colour, keywords of social-cure"))
        #expect(try cli.ok(["codebook", "show", "sc", "--format", "json"]) == before)
        let log = try cli.ok(["log", "--format", "tsv", "--limit", "2"])
        #expect(log.contains("\tcodebook.set\tset label, include, colour, keywords of social-cure"))
    }

    // MARK: Coders

    @Test func codersAreListedRenamedAndMergedAndEachChangeUndoes() throws {
        try cli.sampleProject()
        let table = try cli.ok(["coders"])
        #expect(table.hasPrefix("document           alice  ben  total\nFG01_focus-group   0      0    0\nGP02_interview     17     18   35\n"))
        #expect(table.hasSuffix("total              49     49   98\n"))
        let csv = try cli.ok(["coders", "--format", "csv"])
        #expect(csv.contains("SU07_referral,15,14,29\r\n"))
        let json = try #require(try json(["coders", "--format", "json"]) as? [[String: Any]])
        #expect(json.map { $0["coder"] as? String } == ["alice", "ben"])
        #expect((json[0]["documents"] as? [String: Int])?["LW01_link-worker"] == 17 && json[0]["total"] as? Int == 49)

        let rename = try cli.run(["coders", "rename", "ALICE", "Alice"])
        #expect(rename.status == 0 && rename.stderr == "qcode: renamed coder alice to Alice\n")
        let taken = try cli.run(["coders", "rename", "Alice", "BEN"])
        #expect(taken.status == 1)
        #expect(taken.stderr == "qcode: error: a coder named 'ben' already exists (names compare ignoring case); merge the two coders instead\n")
        let unknown = try cli.run(["coders", "merge", "carl", "ben"])
        #expect(unknown.status == 1 && unknown.stderr == "qcode: error: no coder 'carl' (coders: Alice, ben)\n")

        // carol codes one passage ben has coded too, and one he has not.
        try cli.ok(["code", "GP02", "healthcare-use/gp-workload", "--chars", "950-1091", "--coder", "carol"])
        try cli.ok(["code", "GP02", "outcomes", "--turns", "2", "--coder", "carol"])
        let merge = try cli.run(["coders", "merge", "carol", "ben"])
        #expect(merge.status == 0)
        #expect(merge.stderr == "qcode: merged coder carol into ben: 1 coding(s) moved, 1 duplicate(s) dropped\n")
        #expect(try cli.ok(["coders"]).hasSuffix("total              49     50   99\n"))
        let undo = try cli.run(["undo"])
        #expect(undo.status == 0 && undo.stdout.contains("merged coder carol into ben"))
        #expect(try cli.ok(["coders"]).hasPrefix("document           Alice  ben  carol  total\n"))
        try cli.ok(["undo"])
        try cli.ok(["undo"])
        try cli.ok(["undo"])
        #expect(try cli.ok(["coders"]) == table)
        let log = try cli.ok(["log", "--format", "tsv", "--limit", "20"])
        #expect(log.contains("\tcoder.merge\t") && log.contains("\tcoder.rename\trenamed coder alice to Alice"))
    }

    // MARK: Cases

    @Test func casesAreRenamedSetMergedUnlinkedAndRemovedAndEachChangeUndoes() throws {
        try cli.sampleProject()
        let start = try cli.ok(["cases", "list", "--format", "json"])

        let bad = try cli.run(["cases", "set", "SU07", "age=old"])
        #expect(bad.status == 1 && bad.stderr == "qcode: error: 'old' is not a valid integer value for attribute 'age'\n")
        let age = try cli.run(["cases", "set", "SU07", "AGE=72"])
        #expect(age.stderr == "qcode: SU07: age set to 72 (was 71)\n")
        let new = try cli.run(["cases", "set", "SU07", "choir=yes"])
        #expect(new.stderr == "qcode: added attribute choir (boolean)\nqcode: SU07: choir set to yes\n")
        let unset = try cli.run(["cases", "unset", "SU07", "Choir"])
        #expect(unset.stderr == "qcode: SU07: choir cleared (was yes)\n")
        let rename = try cli.run(["cases", "rename", "SU07", "SU07b"])
        #expect(rename.stderr == "qcode: renamed case SU07 to SU07b\n")

        let refused = try cli.run(["cases", "merge", "SU07b", "SU12"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("qcode: error: cases SU07b and SU12 have different values for age ('72' vs '52'), "))
        #expect(refused.stderr.hasSuffix("give --prefer a to keep SU07b's or --prefer b to keep SU12's\n"))
        let merged = try cli.run(["cases", "merge", "SU07b", "SU12", "--prefer", "b"])
        #expect(merged.status == 0)
        #expect(merged.stderr.hasPrefix("qcode: merged case SU07b into SU12: 2 document(s) moved, 0 value(s) taken\nqcode: age: kept '52'"))
        #expect(try cli.ok(["cases", "show", "SU12", "--format", "csv"]).contains("documents,\"SU07_followup, SU07_referral, SU12_followup\""))

        let unlink = try cli.run(["cases", "unlink", "GP02"])
        #expect(unlink.stderr == "qcode: unlinked GP02_interview from case GP02\n")
        let remove = try cli.run(["cases", "remove", "SU12"])
        #expect(remove.stderr == "qcode: removed case SU12; 3 document(s) unlinked: SU07_followup, SU07_referral, SU12_followup\n")
        let unknown = try cli.run(["cases", "remove", "SU99"])
        #expect(unknown.status == 1 && unknown.stderr == "qcode: error: no case 'SU99' (see 'qcode cases list')\n")

        for _ in 0..<7 { try cli.ok(["undo"]) }
        #expect(try cli.ok(["cases", "list", "--format", "json"]) == start)
        let log = try cli.ok(["log", "--format", "tsv", "--limit", "20"])
        for action in ["case.set", "case.unset", "case.rename", "case.merge", "case.unlink", "case.remove"] {
            #expect(log.contains("\t\(action)\t"), "\(action)")
        }
    }

    @Test func casesImportMatchesAColumnThatDiffersOnlyInCase() throws {
        try cli.sampleProject()
        try cli.write("more.csv", "participant_id,AGE,Sex\nSU01,68,female\n")
        let result = try cli.run(["cases", "import", "more.csv"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("qcode: note: more.csv: column 'AGE' matched the existing attribute 'age'\n"))
        #expect(result.stderr.contains("attributes: age (integer), sex (text)"))
        let list = try cli.ok(["cases", "list", "--format", "csv"])
        #expect(!list.contains("AGE") && !list.contains("age_2"))
        #expect(try cli.ok(["cases", "show", "SU01", "--format", "csv"]).contains("age,68"))
    }
}
