import Foundation
import Testing

@testable import QCodeKit

@Suite struct BinaryAgreementTests {
    @Test func handWorkedTwoByTwo() throws {
        // 10 units: both 2, only A 2, only B 2, neither 4.
        let t = BinaryAgreement(both: 2, onlyA: 2, onlyB: 2, neither: 4)
        expectAgreementClose(t.percentAgreement.value, 0.6)
        // p_e = 0.4·0.4 + 0.6·0.6 = 0.52; κ = (0.6 - 0.52) / 0.48 = 1/6.
        expectAgreementClose(t.cohenKappa.value?.kappa, 1.0 / 6, 1e-12)
        expectAgreementClose(t.brennanPrediger.value?.value, 0.2, 1e-12)
    }

    @Test func publishedTwoByTwoStatpsych() throws {
        // statpsych::ci.kappa(.05, f00=31, f01=12, f10=4, f11=58): rows coder A.
        let t = BinaryAgreement(both: 58, onlyA: 4, onlyB: 12, neither: 31)
        let kappa = try #require(t.cohenKappa.value)
        expectAgreementClose(kappa.kappa, 0.6756757, 0.00005)
        expectAgreementClose(kappa.standardError, 0.07344761, 0.00005)
        expectAgreementClose(kappa.confidenceInterval95.lower, 0.531721, 0.00005)
        expectAgreementClose(kappa.confidenceInterval95.upper, 0.8196303, 0.00005)
        // Fleiss' kappa for two coders is the intraclass kappa (Scott's pi).
        expectAgreementClose(t.fleissKappa.value?.value, 0.6736597, 0.00005)
    }

    /// Every figure equals the general implementation's on the same data unit by unit.
    @Test(arguments: [2, 3, 5])
    func matchesTheGeneralStatistics(coders m: Int) throws {
        var rng = SplitMix64(seed: UInt64(m))
        for _ in 0..<20 {
            let n = 3 + Int(rng.next(below: 40))
            var matrix = [[String?]](repeating: [], count: m)
            var tally = BinaryAgreement(coders: m)
            var pair = BinaryAgreement.PairCounts()
            for _ in 0..<n {
                var coded = 0
                var values: [Int] = []
                for c in 0..<m {
                    let v = rng.next(below: 3) == 0 ? 1 : 0
                    matrix[c].append(String(v))
                    values.append(v)
                    coded += v
                }
                tally.add(units: 1, codedBy: coded)
                if m == 2 {
                    switch (values[0], values[1]) {
                    case (1, 1): pair.both += 1
                    case (1, 0): pair.onlyA += 1
                    case (0, 1): pair.onlyB += 1
                    default: pair.neither += 1
                    }
                }
            }
            if m == 2 { tally = BinaryAgreement(both: pair.both, onlyA: pair.onlyA, onlyB: pair.onlyB, neither: pair.neither) }
            let table = try RatingsTable(codersByUnits: matrix, categories: ["0", "1"])
            let s = try AgreementSummary(table: table, level: .nominal)
            #expect(tally.units == n)
            #expect(tally.percentAgreement.value.map { abs($0 - s.percentAgreement!) < 1e-9 } ?? (s.percentAgreement == nil))
            func same(_ a: Double?, _ b: Double?, _ what: String) {
                if let a, let b { #expect(abs(a - b) < 1e-9, "\(what): \(a) vs \(b)") } else { #expect(a == nil && b == nil, "\(what)") }
            }
            same(tally.fleissKappa.value?.value, s.fleissKappa, "fleiss")
            same(tally.fleissKappa.value?.standardError, s.fleissKappaSE, "fleiss se")
            same(tally.gwetAC1.value?.value, s.gwetAC1, "ac1")
            same(tally.gwetAC1.value?.standardError, s.gwetAC1SE, "ac1 se")
            same(tally.brennanPrediger.value?.value, s.brennanPrediger, "bp")
            same(tally.brennanPrediger.value?.standardError, s.brennanPredigerSE, "bp se")
            same(tally.krippendorffAlpha.value, s.krippendorffAlpha, "alpha")
            if m == 2 {
                same(tally.cohenKappa.value?.kappa, s.cohenKappa, "cohen")
                same(tally.cohenKappa.value?.standardError, s.cohenKappaSE, "cohen se")
            } else {
                #expect(tally.cohenKappa.undefinedReason == .notTwoCoders)
            }
        }
    }

    @Test func nobodyCodedAnything() {
        let t = BinaryAgreement(both: 0, onlyA: 0, onlyB: 0, neither: 10)
        #expect(t.percentAgreement.value == 1)
        #expect(t.cohenKappa.undefinedReason == .chanceAgreementIsOne)
        #expect(t.fleissKappa.undefinedReason == .chanceAgreementIsOne)
        #expect(t.krippendorffAlpha.undefinedReason == .noVariation)
        #expect(t.gwetAC1.value?.value == 1)
        #expect(t.brennanPrediger.value?.value == 1)
    }

    @Test func noUnits() {
        let t = BinaryAgreement(coders: 3)
        for reason in [t.percentAgreement.undefinedReason, t.fleissKappa.undefinedReason, t.krippendorffAlpha.undefinedReason,
                       t.gwetAC1.undefinedReason, t.brennanPrediger.undefinedReason] {
            #expect(reason == .noPairableUnits)
        }
    }

    @Test func oneCoderCodesNothingGivesKappaZero() {
        let t = BinaryAgreement(both: 0, onlyA: 4, onlyB: 0, neither: 6)
        #expect(t.cohenKappa.value?.kappa == 0)
        expectAgreementClose(t.percentAgreement.value, 0.6, 1e-12)
    }

    @Test func poolingAddsTables() {
        let pooled = BinaryAgreement(both: 1, onlyA: 2, onlyB: 3, neither: 4) + BinaryAgreement(both: 10, onlyA: 0, onlyB: 1, neither: 5)
        #expect(pooled.pair == BinaryAgreement.PairCounts(both: 11, onlyA: 2, onlyB: 4, neither: 9))
        #expect(pooled.unitsByCount == [9, 6, 11])
    }
}
