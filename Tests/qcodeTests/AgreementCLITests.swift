import Foundation
import Testing

/// End-to-end: `qcode agree`, `disagreements` and `reconcile` on the shipped sample codings
/// (alice and ben double-coded GP02_interview, LW01_link-worker and SU07_referral).
@Suite struct AgreementCLITests {
    let cli = CLIRunner()

    private func json(_ arguments: [String]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok(arguments + ["--format", "json"]).utf8)) as? [String: Any])
    }

    /// Every statistic is a number in [-1, 1] or null.
    private func checkFigures(_ row: [String: Any], _ context: String) {
        for key in ["percent_agreement", "cohen_kappa", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1", "brennan_prediger"] {
            #expect(row.keys.contains(key), "\(context): no \(key)")
            if let value = row[key] as? Double {
                #expect(value >= -1 - 1e-9 && value <= 1 + 1e-9, "\(context) \(key) = \(value)")
            } else {
                #expect(row[key] is NSNull, "\(context) \(key) is neither a number nor null")
            }
        }
    }

    @Test(arguments: ["turn", "sentence", "paragraph", "character"])
    func projectAgreementJSONShape(unit: String) throws {
        try cli.sampleProject(survey: false)
        let report = try json(["agree", "--coders", "alice,ben", "--unit", unit])
        #expect(report["unit"] as? String == unit)
        #expect(report["coders"] as? [String] == ["alice", "ben"])
        #expect(Set(report["documents"] as? [String] ?? []) == ["GP02_interview", "LW01_link-worker", "SU07_referral"])
        let codes = try #require(report["codes"] as? [[String: Any]])
        let themes = try #require(report["themes"] as? [[String: Any]])
        #expect(codes.count > 10)
        #expect(themes.count >= 5)
        for row in codes + themes {
            checkFigures(row, "\(unit) \(row["code"] ?? "?")")
            #expect(row["units"] as? Int ?? 0 > 0)
            let counts = [row["both"], row["only_a"], row["only_b"], row["neither"]].compactMap { $0 as? Int }
            #expect(counts.reduce(0, +) == row["units"] as? Int)
        }
        let overall = try #require(report["overall"] as? [String: Any])
        checkFigures(try #require(overall["pooled"] as? [String: Any]), "pooled")
        checkFigures(try #require(overall["mean_over_codes"] as? [String: Any]), "mean")
    }

    @Test func projectAgreementTableAndCSV() throws {
        try cli.sampleProject(survey: false)
        let table = try cli.ok(["agree", "--coders", "alice,ben", "--code", "link-worker"])
        #expect(table.contains("Agreement by turn · coders alice, ben · 3 document(s)"))
        #expect(table.contains("link-worker/being-listened-to"))
        #expect(table.contains("pooled (") && table.contains("mean over"))
        let csv = try cli.ok(["agree", "--coders", "alice,ben", "--format", "csv", "--unit", "segment:80"])
        #expect(csv.hasPrefix("scope,code,units,"))
        #expect(!csv.contains("NaN") && !csv.contains(",nan") && !csv.contains(",inf"))
        let missing = try cli.run(["agree", "--coders", "alice,nobody"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "qcode: error: no coder 'nobody' (coders: alice, ben)\n")
    }

    @Test func disagreementsAndConfusion() throws {
        try cli.sampleProject(survey: false)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok(
            ["disagreements", "--coders", "alice,ben", "--format", "json"]).utf8)) as? [[String: Any]])
        #expect(!rows.isEmpty)
        for row in rows {
            let a = row["only_a"] as? [String] ?? [], b = row["only_b"] as? [String] ?? []
            #expect(!(a.isEmpty && b.isEmpty))
            #expect(Set(row.keys).isSuperset(of: ["document", "unit", "start", "end", "text"]))
        }
        let confusion = try cli.ok(["disagreements", "--coders", "alice,ben", "--confusion", "--code", "link-worker"])
        #expect(confusion.contains("Confusion matrix for the children of link-worker"))
        #expect(confusion.contains("Cohen's kappa"))
    }

    @Test func ratingsPublishedTwoByTwo() throws {
        // statpsych::ci.kappa(f00=31, f01=12, f10=4, f11=58): κ = 0.6756757, CI [0.531721, 0.8196303].
        var csv = "unit,coder,value\n"
        var unit = 0
        for (a, b, n) in [(0, 0, 31), (0, 1, 12), (1, 0, 4), (1, 1, 58)] {
            for _ in 0..<n {
                unit += 1
                csv += "u\(unit),A,\(a)\nu\(unit),B,\(b)\n"
            }
        }
        let path = try cli.write("ratings.csv", csv)
        let summary = try json(["agree", "--ratings", path])
        for key in ["units", "coders", "categories", "percent_agreement", "cohen_kappa", "cohen_kappa_se", "cohen_kappa_ci",
                    "scott_pi", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1", "brennan_prediger"] {
            #expect(summary.keys.contains(key), "missing \(key)")
        }
        #expect(summary["units"] as? Int == 105)
        #expect(abs((summary["cohen_kappa"] as? Double ?? 0) - 0.6756757) < 0.00005)
        let ci = summary["cohen_kappa_ci"] as? [Double] ?? []
        #expect(ci.count == 2 && abs(ci[0] - 0.531721) < 0.00005 && abs(ci[1] - 0.8196303) < 0.00005)
        #expect(abs((summary["scott_pi"] as? Double ?? 0) - 0.6736597) < 0.00005)
        let table = try cli.ok(["agree", "--ratings", path])
        #expect(table.contains("Cohen's kappa") && table.contains("0.676"))
    }

    @Test func ratingsErrorsNameFileAndLine() throws {
        let path = try cli.write("bad.csv", "unit,coder,value\n1,A,x\n1,B\n")
        let result = try cli.run(["agree", "--ratings", path])
        #expect(result.status == 1)
        #expect(result.stderr == "qcode: error: \(path): line 3: expected 3 fields, found 2\n")
        let absent = try cli.run(["agree", "--ratings", "nope.csv"])
        #expect(absent.stderr == "qcode: error: nope.csv: no such file\n")
        let both = try cli.run(["agree", "--ratings", path, "--coders", "a,b"])
        #expect(both.status != 0)
    }

    @Test func reconcileRoundTrip() throws {
        try cli.sampleProject(survey: false)
        let first = try cli.ok(["reconcile", "--coders", "alice,ben", "--into", "consensus"])
        #expect(first.contains("Wrote") && first.contains("consensus-decisions.csv"))
        let agreed = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok(
            ["segments", "--coder", "consensus", "--format", "json"]).utf8)) as? [[String: Any]])
        #expect(!agreed.isEmpty)

        // Decide every disagreement: keep the first, drop the rest.
        var lines = String(decoding: try cli.bytes("consensus-decisions.csv"), as: UTF8.self)
            .components(separatedBy: "\r\n").filter { !$0.isEmpty }
        for index in 1..<lines.count {
            var fields = lines[index].components(separatedBy: ",")
            fields[6] = index == 1 ? "keep" : "drop"
            lines[index] = fields.joined(separator: ",")
        }
        try cli.write("consensus-decisions.csv", lines.joined(separator: "\r\n") + "\r\n")
        let second = try cli.ok(["reconcile", "--coders", "alice,ben", "--into", "consensus"])
        #expect(second.contains("1 kept") && second.contains("0 undecided") && second.contains("added 1 coding(s)"))
        let third = try cli.ok(["reconcile", "--coders", "alice,ben", "--into", "consensus"])
        #expect(third.contains("added 0 coding(s)"))
        let after = try #require(try JSONSerialization.jsonObject(with: Data(try cli.ok(
            ["segments", "--coder", "consensus", "--format", "json"]).utf8)) as? [[String: Any]])
        #expect(after.count == agreed.count + 1)

        try cli.write("bad-decisions.csv", "document,unit,start,end,code,coded_by,decision,text\r\nGP02_interview,1,0,5,outcomes,alice,maybe,x\r\n")
        let bad = try cli.run(["reconcile", "--coders", "alice,ben", "--into", "consensus", "--decisions", "bad-decisions.csv"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "qcode: error: bad-decisions.csv: line 2: unknown decision 'maybe' (use keep, drop, or leave it empty)\n")
    }
}
