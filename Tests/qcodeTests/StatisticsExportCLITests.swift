import Foundation
import Testing

/// End-to-end: SPSS and Stata files, --raw, missing for never-coded cases, and one coder for
/// co-occurrence and crosstabs, on the shipped samples (whole outputs compared).
@Suite struct StatisticsExportCLITests {
    let cli = CLIRunner()

    @Test func matrixSavAndDtaFiles() throws {
        try cli.sampleProject()
        let sav = try cli.run(["export", "matrix", "--coder", "alice", "--level", "1", "--out", "m.sav", "--no-dictionary"])
        #expect(sav.status == 0)
        #expect(sav.stdout == "")
        #expect(sav.stderr == "qcode: wrote 7 row(s) to m.sav\n")
        #expect(try cli.bytes("m.sav").prefix(4) == Data("$FL2".utf8))
        let dta = try cli.run(["export", "matrix", "--coder", "alice", "--level", "1", "--format", "dta", "--out", "m.bin", "--no-dictionary"])
        #expect(dta.stderr == "qcode: wrote 7 row(s) to m.bin\n")
        #expect(try cli.bytes("m.bin").prefix(11) == Data("<stata_dta>".utf8))
        let segments = try cli.run(["export", "segments", "--attributes", "--out", "s.dta"])
        #expect(segments.stderr == "qcode: wrote 98 segment(s) to s.dta\n")
        let crosstab = try cli.run(["export", "crosstab", "--attribute", "group", "--coder", "ben", "--level", "1", "--out", "x.sav"])
        #expect(crosstab.stderr == "qcode: wrote 6 row(s) to x.sav\n")
    }

    @Test func statisticsFilesNeedAFile() throws {
        try cli.sampleProject()
        let result = try cli.run(["export", "matrix", "--coder", "alice", "--format", "sav"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "qcode: error: --format sav writes a file: give --out FILE\n")
        let unwritable = try cli.run(["export", "segments", "--out", "no/such/folder/s.sav"])
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr == "qcode: error: no/such/folder/s.sav: cannot write there\n")
    }

    @Test func casesTheCoderNeverCodedAreEmptyNotZero() throws {
        try cli.sampleProject()
        let csv = try cli.ok(["export", "matrix", "--coder", "alice", "--level", "1", "--no-dictionary"])
        #expect(csv == """
            case,group,age,sex,imd_quintile,loneliness_baseline,loneliness_followup,belonging_baseline,belonging_followup,groups_joined,gp_visits_before,gp_visits_after,referral_date,social_cure,link_worker,social_determinants,healthcare_use,pathway,outcomes\r
            FG01,,,,,,,,,,,,,,,,,,\r
            GP02,GP,44,female,,,,,,,,,,1,1,1,1,1,1\r
            HC01,provider,45,male,,,,,,,,,,,,,,,\r
            LW01,provider,36,female,,,,,,,,,,1,1,1,1,1,0\r
            SU03,service user,34,male,1,8,5,2.4,4.6,2,6,2,2018-03-12,,,,,,\r
            SU07,service user,71,female,2,8,4,3.1,5.4,2,7,3,2018-03-05,1,1,1,1,1,1\r
            SU12,service user,52,female,1,7,8,3,2.6,1,5,6,2018-03-26,,,,,,\r

            """)
        try cli.ok(["export", "matrix", "--coder", "alice", "--level", "1", "--out", "m.csv"])
        let dictionary = String(decoding: try cli.bytes("m.dictionary.csv"), as: UTF8.self)
        #expect(dictionary.contains("\r\nsocial_cure,code,social-cure,Social cure processes,"))
        #expect(dictionary.contains("(coder alice); missing (empty in CSV, null in JSON, system-missing in SPSS and Stata) when the coder has no coding in any of its documents and has not marked any of its documents fully coded (qcode docs done): not coded is not absent\"\r\n"))
    }

    @Test func rawTurnsOffFormulaGuarding() throws {
        try cli.sampleProject()
        let survey = try cli.write("notes.csv", "participant_id,note\nSU07,=HYPERLINK(\"x\")\n")
        let arguments = ["export", "matrix", "--coder", "ben", "--level", "1", "--join", survey, "--no-dictionary"]
        let guarded = try cli.ok(arguments).components(separatedBy: "\r\n").first { $0.hasPrefix("SU07,") }
        let raw = try cli.ok(arguments + ["--raw"]).components(separatedBy: "\r\n").first { $0.hasPrefix("SU07,") }
        #expect(guarded == "SU07,service user,71,female,2,8,4,3.1,5.4,2,7,3,2018-03-05,\"'=HYPERLINK(\"\"x\"\")\",1,1,1,1,1,1")
        #expect(raw == "SU07,service user,71,female,2,8,4,3.1,5.4,2,7,3,2018-03-05,\"=HYPERLINK(\"\"x\"\")\",1,1,1,1,1,1")
        let json = try cli.ok(arguments + ["--format", "json"])
        #expect(json.contains("\"note\":\"=HYPERLINK(\\\"x\\\")\""))
    }

    @Test func cooccurrenceAndCrosstabNeedACoder() throws {
        try cli.sampleProject()
        for arguments in [["export", "cooccurrence"], ["export", "crosstab", "--attribute", "group"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 1)
            #expect(result.stdout == "")
            #expect(result.stderr == "qcode: error: codings by 2 coders (alice, ben) where one is needed (one coder, or a consensus coder): choose one with --coder\n")
        }
    }

    @Test func cooccurrencePairsWithCCoefficientAndJaccard() throws {
        try cli.sampleProject()
        let output = try cli.ok(["export", "cooccurrence", "--level", "1", "--unit", "turn", "--coder", "alice", "--pairs"])
        #expect(output == """
            code_a,code_b,unit,n_a,n_b,n_ab,c_coefficient,jaccard\r
            social-cure,link-worker,turn,11,12,0,0,0\r
            social-cure,social-determinants,turn,11,5,0,0,0\r
            social-cure,healthcare-use,turn,11,5,1,0.066667,0.066667\r
            social-cure,pathway,turn,11,9,0,0,0\r
            social-cure,outcomes,turn,11,2,2,0.181818,0.181818\r
            link-worker,social-determinants,turn,12,5,0,0,0\r
            link-worker,healthcare-use,turn,12,5,0,0,0\r
            link-worker,pathway,turn,12,9,1,0.05,0.05\r
            link-worker,outcomes,turn,12,2,0,0,0\r
            social-determinants,healthcare-use,turn,5,5,0,0,0\r
            social-determinants,pathway,turn,5,9,0,0,0\r
            social-determinants,outcomes,turn,5,2,0,0,0\r
            healthcare-use,pathway,turn,5,9,0,0,0\r
            healthcare-use,outcomes,turn,5,2,0,0,0\r
            pathway,outcomes,turn,9,2,0,0,0\r

            """)
    }
}
