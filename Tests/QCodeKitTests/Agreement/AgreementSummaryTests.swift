import Foundation
import Testing

@testable import QCodeKit

@Suite("AgreementSummary and RatingsCalculator")
struct AgreementSummaryTests {
    static let twoCoderCSV = """
        unit,coder,value
        1,Ben,a
        1,Gerry,b
        2,Ben,a
        2,Gerry,a
        3,Ben,b
        3,Gerry,b
        4,Ben,b
        4,Gerry,b
        5,Ben,d
        5,Gerry,b
        6,Ben,c
        6,Gerry,c
        7,Ben,c
        7,Gerry,c
        8,Ben,c
        8,Gerry,c
        9,Ben,e
        9,Gerry,e
        10,Ben,d
        10,Gerry,d
        11,Ben,d
        11,Gerry,d
        12,Ben,a
        12,Gerry,d

        """

    @Test func twoCoderSummary() throws {
        let s = try RatingsCalculator.summary(csv: Data(Self.twoCoderCSV.utf8), level: .nominal, categories: nil)
        #expect(s.units == 12 && s.coders == 2 && s.categories == 5)
        expectAgreementClose(s.krippendorffAlpha, 0.6919642857142858, 1e-12)
        expectAgreementClose(s.cohenKappa, 0.6842105263157895, 1e-12)
        expectAgreementClose(s.scottPi, 0.6785714285714286, 1e-12)
        expectAgreementClose(s.fleissKappa, 0.6785714285714286, 1e-12)
        expectAgreementClose(s.percentAgreement, 0.75, 1e-12)
        #expect(s.cohenKappaCI?.count == 2)
        #expect(s.cohenKappaLinear == nil)
        #expect(s.notes.map(\.statistic) == ["cohen_kappa_linear", "cohen_kappa_quadratic"])
    }

    @Test func jsonHasEveryKeyWithNulls() throws {
        let csv = "unit,coder,value\n1,A,1\n1,B,1\n1,C,2\n2,A,2\n2,B,2\n2,C,2\n"
        let s = try RatingsCalculator.summary(csv: Data(csv.utf8), level: .interval, categories: nil)
        let data = try JSONEncoder().encode(s)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in [
            "units", "coders", "categories", "percent_agreement", "cohen_kappa", "cohen_kappa_se", "cohen_kappa_ci",
            "scott_pi", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1", "brennan_prediger",
        ] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        #expect(object["cohen_kappa"] is NSNull)
        #expect(object["cohen_kappa_ci"] is NSNull)
        #expect(object["scott_pi"] is NSNull)
        #expect(object["units"] as? Int == 2)
        #expect(object["level"] as? String == "interval")
        let decoded = try JSONDecoder().decode(AgreementSummary.self, from: data)
        #expect(decoded == s)
        #expect(try s.jsonString().contains("\"cohen_kappa\" : null"))
    }

    @Test func bootstrapInSummaryIsReproducible() throws {
        let data = Data(Self.twoCoderCSV.utf8)
        let a = try RatingsCalculator.summary(csv: data, level: .nominal, categories: nil, bootstrap: 500, seed: 7)
        let b = try RatingsCalculator.summary(csv: data, level: .nominal, categories: nil, bootstrap: 500, seed: 7)
        #expect(a.krippendorffAlphaCI != nil)
        #expect(a == b)
    }

    /// Snapshot; the Fleiss/AC1/BP SEs agree with irrCAC 0.4.4 (0.16831, 0.1621, 0.1632).
    @Test func renderTable() throws {
        let s = try RatingsCalculator.summary(
            csv: Data(Self.twoCoderCSV.utf8), level: .nominal, categories: ["a", "b", "c", "d", "e"])
        let text = s.renderTable()
        #expect(
            text == """
                Units 12 (12 pairable) · Coders 2 · Categories 5 · Ratings 24 · Level nominal

                Statistic                         Value      SE  95% CI
                Percent agreement                 0.750
                Cohen's kappa                     0.684   0.153  [0.385, 0.984]
                  linear weights                      —          needs ordered categories (ordinal, interval or ratio level)
                  quadratic weights                   —          needs ordered categories (ordinal, interval or ratio level)
                Scott's pi                        0.679
                Fleiss' kappa                     0.679   0.168
                Krippendorff's alpha (nominal)    0.692
                Gwet's AC1                        0.690   0.162
                Brennan-Prediger                  0.688   0.163

                """)
    }

    @Test func ratingsErrorsAreOneLine() {
        #expect(throws: RatingsError.fieldCount(line: 17, expected: 3, found: 2)) {
            var csv = "unit,coder,value\n"
            for u in 0..<15 { csv += "\(u),A,x\n" }
            csv += "15,A\n"
            _ = try RatingsCalculator.summary(csv: Data(csv.utf8), level: .nominal, categories: nil)
        }
        #expect(RatingsError.fieldCount(line: 17, expected: 3, found: 2).description == "line 17: expected 3 fields, found 2")
        #expect(throws: RatingsError.notNumeric(category: "x", level: .ratio)) {
            _ = try RatingsCalculator.summary(csv: Data("unit,coder,value\n1,A,x\n".utf8), level: .ratio, categories: nil)
        }
    }
}

@Suite("AgreementSummary degenerate inputs")
struct AgreementSummaryDegenerateTests {
    @Test func headerOnly() throws {
        let s = try RatingsCalculator.summary(csv: Data("unit,coder,value\n".utf8), level: .ordinal, categories: nil)
        #expect(s.units == 0 && s.coders == 0 && s.categories == 0)
        #expect(s.percentAgreement == nil && s.krippendorffAlpha == nil && s.fleissKappa == nil)
        #expect(s.notes.contains { $0.statistic == "krippendorff_alpha" && $0.reason == .noPairableUnits })
        #expect(s.renderTable().contains("Krippendorff's alpha (ordinal)        —"))
    }

    @Test func oneCoderAndBootstrapWithoutPairs() throws {
        let s = try RatingsCalculator.summary(
            csv: Data("unit,coder,value\n1,A,x\n2,A,y\n".utf8), level: .nominal, categories: nil, bootstrap: 100)
        #expect(s.cohenKappa == nil && s.krippendorffAlphaCI == nil)
        #expect(s.notes.contains { $0.statistic == "krippendorff_alpha_ci" })
        #expect(s.notes.contains { $0.statistic == "cohen_kappa" && $0.reason == .notTwoCoders })
    }

    @Test func ordinalTwoCodersGivesWeightedKappas() throws {
        let csv = "unit,coder,value\n1,A,1\n1,B,2\n2,A,3\n2,B,3\n3,A,2\n3,B,2\n4,A,1\n4,B,3\n"
        let s = try RatingsCalculator.summary(csv: Data(csv.utf8), level: .ordinal, categories: nil)
        let t = try ratingsTable([[1, 3, 2, 1], [2, 3, 2, 3]])
        expectAgreementClose(s.cohenKappaLinear, CohenKappa.compute(t, weights: .linear).value?.kappa ?? .nan, 1e-12)
        expectAgreementClose(s.cohenKappaQuadratic, CohenKappa.compute(t, weights: .quadratic).value?.kappa ?? .nan, 1e-12)
    }
}
