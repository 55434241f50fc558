import Foundation
import Testing

@testable import QCodeKit

/// `Project.presenceStatistics` and `Project.outcomeComparison` on a small project whose
/// figures were computed with scipy (and pingouin for g) by hand.
///
/// Eight cases with a document, C01–C08, and C09 without one. group: A (C01–C03), B (C04–C07),
/// none (C08). loneliness_followup − loneliness_baseline: C01 1, C02 3, C03 — (followup NA),
/// C04 −3, C05 — (no baseline), C06 −1, C07 4, C08 5. ann codes belonging/group in C01, C02,
/// C04, C07; belonging/place in C05; loneliness in C03, C04, C06, C08. bob codes C01 too.
@Suite struct StatisticsProjectTests {
    let project: Project

    init() throws {
        project = try TestProject.make()
        let folder = project.url.deletingLastPathComponent()
        let files = (1...8).map { number -> URL in
            let url = folder.appendingPathComponent(String(format: "C%02d_interview.txt", number))
            // Texts differ (identical ones would be skipped as duplicates).
            try! Data("Interviewer: How was it?\nP: It was fine, thank you. I met people. (\(number))\n".utf8).write(to: url)
            return url
        }
        _ = try project.importFiles(files, cases: .fromFileName("^(C[0-9]{2})"))
        let survey = """
            id,group,loneliness_baseline,loneliness_followup
            C01,A,4,5
            C02,A,4,7
            C03,A,4,NA
            C04,B,6,3
            C05,B,,9
            C06,B,5,4
            C07,B,2,6
            C08,,3,8
            C09,A,1,1
            """
        _ = try project.importCases(try CaseTable.parse(data: Data(survey.utf8), fileName: "survey.csv", idColumn: "id"),
                                    source: "survey.csv")
        let codebook = """
            codes:
              - name: belonging
                id: b
                children:
                  - {name: group, id: b-g}
                  - {name: place, id: b-p}
              - {name: loneliness, id: l}
            """
        _ = try project.importCodebook(try Codebook.parseYAML(codebook, fileName: "codebook.yaml"), source: "codebook.yaml")
        let documents = Dictionary(uniqueKeysWithValues: try project.documents().map { ($0.case!, $0.id) })
        var codings: [NewCoding] = []
        for (caseName, code) in [("C01", "b-g"), ("C02", "b-g"), ("C04", "b-g"), ("C07", "b-g"), ("C05", "b-p"),
                                 ("C03", "l"), ("C04", "l"), ("C06", "l"), ("C08", "l")] {
            codings.append(NewCoding(documentID: documents[caseName]!, codeID: code, coder: "ann", start: 28, end: 40))
        }
        codings.append(NewCoding(documentID: documents["C01"]!, codeID: "l", coder: "bob", start: 28, end: 40))
        try project.addCodings(codings)
    }

    func close(_ actual: Double?, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.map { abs($0 - expected) <= 1e-12 * max(1, abs(expected)) } == true,
                "\(String(describing: actual)) vs \(expected)", sourceLocation: sourceLocation)
    }

    @Test func presenceCountsCasesPerGroupAndLeavesOutCasesWithoutAValue() throws {
        let stats = try project.presenceStatistics(coder: "ann", by: "group")
        #expect(stats.values == ["A", "B"])
        #expect(stats.cases == 8 && stats.withoutValue == 1)
        #expect(stats.codes.map(\.code) == ["belonging", "belonging/group", "belonging/place", "loneliness"])
        let group = stats.codes[1]
        #expect(group.groups.map(\.cases) == [3, 4] && group.groups.map(\.present) == [2, 2])
        close(group.groups[0].percent, 200.0 / 3)
        // scipy: chi2_contingency([[2, 1], [2, 2]], correction=False), association, fisher_exact.
        close(group.chiSquare, 0.1944444444444445)
        #expect(group.df == 1)
        close(group.p, 0.6592430036926307)
        close(group.cramersV, 0.16666666666666669)
        close(group.fisherP, 1.0)
        #expect(group.hasSmallExpected && group.leftOut == 1 && group.notCoded == 0)
        // Themes roll up their children: belonging is in C01, C02, C04, C05, C07.
        #expect(stats.codes[0].groups.map(\.present) == [2, 3])
    }

    @Test func levelOneGivesThemesAndAdjustmentIsAcrossCodes() throws {
        let stats = try project.presenceStatistics(coder: "ann", by: "group", level: 1, adjustment: .holm)
        #expect(stats.codes.map(\.code) == ["belonging", "loneliness"])
        let raw = stats.codes.map(\.p)
        #expect(stats.codes.map(\.pAdjusted) == PValueAdjustment.holm.adjust(raw))
    }

    @Test func compareTakesTheChangeFromBaselineAndLeavesOutMissingValues() throws {
        let comparison = try project.outcomeComparison(coder: "ann", outcome: "loneliness_followup",
                                                       baseline: "loneliness_baseline")
        #expect(comparison.cases == 8 && comparison.withoutOutcome == 2)
        let group = try #require(comparison.codes.first { $0.code == "belonging/group" })
        // present: C01 1, C02 3, C04 −3, C07 4; absent: C06 −1, C08 5.
        #expect(group.present.n == 4 && group.absent.n == 2)
        close(group.present.mean, 1.25)
        close(group.present.sd, 3.095695936834452)
        close(group.present.median, 2)
        close(group.absent.sd, 4.242640687119285)
        // scipy ttest_ind(equal_var=False), mannwhitneyu(method="asymptotic"); pingouin hedges.
        close(group.welch?.t, -0.22217143437509063)
        close(group.welch?.df, 1.5662741211348163)
        close(group.welch?.p, 0.8496785236257681)
        close(group.mannWhitney?.u, 3)
        close(group.mannWhitney?.p, 0.8169613217153913)
        close(group.hedgesG, -0.17550538179051134)
        #expect(group.leftOut == 2)
    }

    @Test func compareWithoutBaselineUsesTheOutcome() throws {
        let comparison = try project.outcomeComparison(coder: "ann", outcome: "loneliness_followup")
        #expect(comparison.withoutOutcome == 1)
        let loneliness = try #require(comparison.codes.first { $0.code == "loneliness" })
        // present: C04 3, C06 4, C08 8 (C03 has NA); absent: C01 5, C02 7, C05 9, C07 6.
        #expect(loneliness.present.n == 3 && loneliness.absent.n == 4)
        close(loneliness.present.mean, 5)
        close(loneliness.absent.median, 6.5)
    }

    @Test func aTextOutcomeIsAnErrorNamingTheCaseAndValue() throws {
        #expect(throws: StatisticsError.notNumeric(attribute: "group", case: "C01", value: "A")) {
            try project.outcomeComparison(coder: "ann", outcome: "group")
        }
        #expect(throws: StatisticsError.notNumeric(attribute: "group", case: "C01", value: "A")) {
            try project.outcomeComparison(coder: "ann", outcome: "loneliness_followup", baseline: "group")
        }
    }

    @Test func unknownAttributesAndMissingCodersAreErrors() throws {
        #expect(throws: ExportError.noSuchAttribute("grup", known: ["group", "loneliness_baseline", "loneliness_followup"])) {
            try project.presenceStatistics(coder: "ann", by: "grup")
        }
        #expect(throws: ExportError.severalCoders(["ann", "bob"])) {
            try project.presenceStatistics(coder: nil, by: "group")
        }
    }

    @Test func jsonHasTheDocumentedKeysWithNullForUndefinedFigures() throws {
        let stats = try project.presenceStatistics(coder: "ann", by: "group")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(stats.codes)) as? [[String: Any]])
        #expect(Set(object[0].keys) == ["code", "chi2", "df", "p", "cramers_v", "fisher_p", "groups", "min_expected",
                                        "left_out", "not_coded"])
        let groups = try #require(object[0]["groups"] as? [[String: Any]])
        #expect(Set(groups[0].keys) == ["value", "cases", "present", "percent", "adjusted_residual"])
        // belonging/place: only C05 has it, in B; every figure is defined. No one in A has it.
        let comparison = try project.outcomeComparison(coder: "ann", outcome: "loneliness_followup", adjustment: .bh)
        let rows = try #require(try JSONSerialization.jsonObject(with: encoder.encode(comparison.codes)) as? [[String: Any]])
        #expect(Set(rows[0].keys) == ["code", "present", "absent", "welch_t", "welch_df", "welch_p", "mann_whitney_u",
                                      "mann_whitney_p", "hedges_g", "left_out", "not_coded", "welch_p_adjusted",
                                      "mann_whitney_p_adjusted"])
        let place = try #require(rows.first { $0["code"] as? String == "belonging/place" })
        #expect(place["welch_t"] is NSNull && place["hedges_g"] is NSNull)  // one case with the code
        #expect((place["present"] as? [String: Any])?["sd"] is NSNull)
    }
}
