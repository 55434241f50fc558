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
}
