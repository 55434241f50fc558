import Foundation
import Testing

/// End-to-end: `qcode stats presence` and `qcode stats compare` on the shipped samples.
@Suite struct StatsCLITests {
    let cli = CLIRunner()

    @Test func presenceTableWithHolmAdjustment() throws {
        try cli.sampleProject()
        let result = try cli.run(["stats", "presence", "--coder", "ben", "--by", "sex", "--level", "1", "--adjust", "holm"])
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(result.stdout == """
            code                 value   cases  present  %      adj.res  chi2   df  p      p.adj  V  fisher_p  fisher.adj
            social-cure          female  3      3        100.0
                                 male    0      0
            link-worker          female  3      3        100.0
                                 male    0      0
            social-determinants  female  3      3        100.0
                                 male    0      0
            healthcare-use       female  3      2        66.7            0.00*  0   1.000  1.000
                                 male    0      0
            pathway              female  3      3        100.0
                                 male    0      0
            outcomes             female  3      2        66.7            0.00*  0   1.000  1.000
                                 male    0      0
            p and fisher_p adjusted for 2 comparisons by Holm's method (family-wise error rate)
            * an expected count is below 5 for 2 of 6 code(s): the chi-square p may be inaccurate; prefer Fisher's exact p
            left out 1 of 7 case(s) with no value of sex
            left out per code the cases coder ben never coded (up to 3 for a code)

            """)
    }

    @Test func compareCSVGivesExactFiguresAndNotesOnStandardError() throws {
        try cli.sampleProject()
        let result = try cli.run(["stats", "compare", "--coder", "alice", "--outcome", "loneliness_followup",
                                  "--baseline", "loneliness_baseline", "--level", "1", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            code,n_present,mean_present,sd_present,median_present,n_absent,mean_absent,sd_absent,median_absent,welch_t,welch_df,welch_p,mann_whitney_u,mann_whitney_p,hedges_g,left_out\r
            social-cure,1,-4,,-4,0,,,,,,,,,,6\r
            link-worker,1,-4,,-4,0,,,,,,,,,,6\r
            social-determinants,1,-4,,-4,0,,,,,,,,,,6\r
            healthcare-use,1,-4,,-4,0,,,,,,,,,,6\r
            pathway,1,-4,,-4,0,,,,,,,,,,6\r
            outcomes,1,-4,,-4,0,,,,,,,,,,6\r

            """)
        #expect(result.stderr == """
            qcode: note: left out 4 of 7 case(s) with no value of loneliness_followup or loneliness_baseline
            qcode: note: left out per code the cases coder alice never coded (up to 2 for a code)

            """)
    }

    @Test func presenceJSONHasTheIssuesKeys() throws {
        try cli.sampleProject()
        let result = try cli.run(["stats", "presence", "--coder", "alice", "--by", "group", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("qcode: note: an expected count is below 5 for "))
        let codes = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(codes.count == 48)
        #expect(Set(codes[0].keys).isSuperset(of: ["code", "chi2", "df", "p", "cramers_v", "fisher_p", "groups"]))
        let groups = try #require(codes[0]["groups"] as? [[String: Any]])
        #expect(groups.map { $0["value"] as? String } == ["GP", "provider", "service user"])
        #expect(Set(groups[0].keys) == ["value", "cases", "present", "percent", "adjusted_residual"])
        #expect(codes[0]["fisher_p"] is NSNull)  // three groups: no Fisher's exact p
    }

    @Test func compareJSONHasTheIssuesKeys() throws {
        try cli.sampleProject()
        let output = try cli.ok(["stats", "compare", "--coder", "alice", "--outcome", "age", "--level", "1",
                                 "--format", "json", "--adjust", "bh"])
        let codes = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(codes.count == 6)
        #expect(Set(codes[0].keys).isSuperset(of: ["code", "present", "absent", "welch_t", "welch_df", "welch_p",
                                                   "mann_whitney_u", "mann_whitney_p", "hedges_g", "welch_p_adjusted"]))
        #expect(Set((codes[0]["present"] as? [String: Any] ?? [:]).keys) == ["n", "mean", "sd", "median"])
    }

    @Test func aTextOutcomeOrAnUnknownAttributeIsOneLineError() throws {
        try cli.sampleProject()
        let text = try cli.run(["stats", "compare", "--coder", "alice", "--outcome", "sex"])
        #expect(text.status == 1 && text.stdout.isEmpty)
        #expect(text.stderr == "qcode: error: attribute 'sex' is not numeric (case GP02 has 'female'); compare needs a numeric outcome\n")
        let unknown = try cli.run(["stats", "presence", "--coder", "alice", "--by", "gender"])
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("qcode: error: no attribute 'gender' (attributes: group, age, sex,"))
        #expect(unknown.stderr.split(separator: "\n").count == 1)
        let coders = try cli.run(["stats", "presence", "--by", "group"])
        #expect(coders.status == 1 && coders.stderr.contains("choose one with --coder"))
    }
}
