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
            code                 value   cases  present  %     adj.res  chi2   df  p      p.adj  V     fisher_p  fisher.adj
            social-cure          female  4      3        75.0  1.73     3.00*  1   0.083  0.500  0.71  0.400     1.000
                                 male    2      0        0.0   -1.73
            link-worker          female  4      3        75.0  1.73     3.00*  1   0.083  0.500  0.71  0.400     1.000
                                 male    2      0        0.0   -1.73
            social-determinants  female  4      3        75.0  1.73     3.00*  1   0.083  0.500  0.71  0.400     1.000
                                 male    2      0        0.0   -1.73
            healthcare-use       female  4      2        50.0  1.22     1.50*  1   0.221  0.500  0.50  0.467     1.000
                                 male    2      0        0.0   -1.22
            pathway              female  4      3        75.0  1.73     3.00*  1   0.083  0.500  0.71  0.400     1.000
                                 male    2      0        0.0   -1.73
            outcomes             female  4      2        50.0  1.22     1.50*  1   0.221  0.500  0.50  0.467     1.000
                                 male    2      0        0.0   -1.22
            p and fisher_p adjusted for 6 comparisons by Holm's method (family-wise error rate)
            * an expected count is below 5 for 6 of 6 code(s): the chi-square p may be inaccurate; prefer Fisher's exact p
            left out 1 of 7 case(s) with no value of sex

            """)
    }

    @Test func compareCSVGivesExactFiguresAndNotesOnStandardError() throws {
        try cli.sampleProject()
        let result = try cli.run(["stats", "compare", "--coder", "alice", "--outcome", "loneliness_followup",
                                  "--baseline", "loneliness_baseline", "--level", "1", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            code,n_present,mean_present,sd_present,median_present,n_absent,mean_absent,sd_absent,median_absent,welch_t,welch_df,welch_p,mann_whitney_u,mann_whitney_p,hedges_g,left_out\r
            social-cure,1,-4,,-4,2,-1,2.8284271247461903,-1,,,,0,0.5402913746074199,,4\r
            link-worker,1,-4,,-4,2,-1,2.8284271247461903,-1,,,,0,0.5402913746074199,,4\r
            social-determinants,1,-4,,-4,2,-1,2.8284271247461903,-1,,,,0,0.5402913746074199,,4\r
            healthcare-use,1,-4,,-4,2,-1,2.8284271247461903,-1,,,,0,0.5402913746074199,,4\r
            pathway,1,-4,,-4,2,-1,2.8284271247461903,-1,,,,0,0.5402913746074199,,4\r
            outcomes,1,-4,,-4,2,-1,2.8284271247461903,-1,,,,0,0.5402913746074199,,4\r

            """)
        #expect(result.stderr == "qcode: note: left out 4 of 7 case(s) with no value of loneliness_followup or loneliness_baseline\n")
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
