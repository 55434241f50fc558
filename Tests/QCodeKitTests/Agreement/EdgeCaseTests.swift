import Foundation
import Testing

@testable import QCodeKit

@Suite("Edge cases: every statistic gives a value or a reason, never NaN")
struct EdgeCaseTests {
    struct All {
        var percent: Result<Double, AgreementUndefined>
        var cohen: Result<CohenKappa, AgreementUndefined>
        var scott: Result<AgreementCoefficient, AgreementUndefined>
        var fleiss: Result<AgreementCoefficient, AgreementUndefined>
        var ac1: Result<AgreementCoefficient, AgreementUndefined>
        var bp: Result<AgreementCoefficient, AgreementUndefined>
        var alpha: Result<KrippendorffAlpha.Estimate, AgreementUndefined>

        init(_ t: RatingsTable, level: MeasurementLevel = .nominal) throws {
            let counts = CategoryCounts(t)
            percent = PercentAgreement.compute(counts)
            cohen = CohenKappa.compute(t)
            scott = ScottPi.compute(t)
            fleiss = FleissKappa.compute(counts)
            ac1 = GwetAC1.compute(counts)
            bp = BrennanPrediger.compute(counts)
            alpha = try KrippendorffAlpha.compute(t, level: level)
        }

        var numbers: [Double] {
            [percent.value, cohen.value?.kappa, cohen.value?.standardError, scott.value?.value, fleiss.value?.value,
             fleiss.value?.standardError, ac1.value?.value, bp.value?.value, alpha.value?.alpha].compactMap { $0 }
        }
    }

    @Test func allAgree() throws {
        let s = try All(try ratingsTable([[1, 2, 3, 1], [1, 2, 3, 1]]))
        #expect(s.percent.value == 1)
        #expect(s.cohen.value?.kappa == 1)
        #expect(s.cohen.value?.standardError == 0)
        #expect(s.scott.value?.value == 1)
        #expect(s.fleiss.value?.value == 1)
        #expect(s.ac1.value?.value == 1)
        #expect(s.bp.value?.value == 1)
        #expect(s.alpha.value?.alpha == 1)
    }

    @Test func noneAgree() throws {
        let s = try All(try ratingsTable([[1, 2, 1, 2], [2, 1, 2, 1]]))
        #expect(s.percent.value == 0)
        expectAgreementClose(s.cohen.value?.kappa, -1, 1e-12)
        expectAgreementClose(s.scott.value?.value, -1, 1e-12)
        expectAgreementClose(s.bp.value?.value, -1, 1e-12)
        // alpha = 1 - (n - 1) D_o / D_e with n = 8: 1 - 7 · 8 / (4 · 4 · 2) = -0.75.
        expectAgreementClose(s.alpha.value?.alpha, -0.75, 1e-12)
        #expect(s.numbers.allSatisfy { $0.isFinite })
    }

    @Test func oneCategoryOnly() throws {
        let s = try All(try ratingsTable([[1, 1, 1], [1, 1, 1], [1, nil, 1]]))
        #expect(s.percent.value == 1)
        #expect(s.cohen.undefinedReason == .notTwoCoders)
        #expect(s.fleiss.undefinedReason == .chanceAgreementIsOne)
        #expect(s.ac1.undefinedReason == .tooFewCategories)
        #expect(s.bp.undefinedReason == .chanceAgreementIsOne)
        #expect(s.alpha.undefinedReason == .noVariation)
        let two = try All(try ratingsTable([[1, 1], [1, 1]]))
        #expect(two.cohen.undefinedReason == .chanceAgreementIsOne)
        #expect(two.scott.undefinedReason == .chanceAgreementIsOne)
    }

    @Test func oneCategoryUsedOfTwoDeclared() throws {
        // With a declared second category, AC1 and BP are defined (q = 2) and equal 1.
        let t = try ratingsTable([[1, 1, 1], [1, 1, 1]], categories: ["1", "2"])
        let counts = CategoryCounts(t)
        #expect(GwetAC1.compute(counts).value?.value == 1)
        #expect(BrennanPrediger.compute(counts).value?.value == 1)
        #expect(FleissKappa.compute(counts).undefinedReason == .chanceAgreementIsOne)
        #expect(FleissKappa.perCategory(counts)[1].undefinedReason == .categoryNotUsed)
    }

    @Test func emptyInput() throws {
        let t = try RatingsTable(ratings: [])
        let s = try All(t)
        #expect(s.percent.undefinedReason == .noPairableUnits)
        #expect(s.cohen.undefinedReason == .notTwoCoders)
        #expect(s.fleiss.undefinedReason == .noPairableUnits)
        #expect(s.ac1.undefinedReason == .noPairableUnits)
        #expect(s.bp.undefinedReason == .noPairableUnits)
        #expect(s.alpha.undefinedReason == .noPairableUnits)
        #expect(CohenKappa.compute(try ContingencyTable(counts: [])).undefinedReason == .noPairableUnits)
    }

    @Test func oneCoder() throws {
        let s = try All(try ratingsTable([[1, 2, 3]]))
        #expect(s.percent.undefinedReason == .noPairableUnits)
        #expect(s.cohen.undefinedReason == .notTwoCoders)
        #expect(s.fleiss.undefinedReason == .noPairableUnits)
        #expect(s.alpha.undefinedReason == .noPairableUnits)
    }

    @Test func missingValuesEverywhereButOneUnit() throws {
        // Only unit 3 is rated by both coders.
        let t = try ratingsTable([[1, nil, 2], [nil, 2, 2]])
        let s = try All(t)
        #expect(s.percent.value == 1)
        #expect(s.cohen.undefinedReason == .chanceAgreementIsOne)
        #expect(s.alpha.undefinedReason == .noVariation)
        // Fleiss with Gwet's treatment keeps single-rated units in π: π = (1/3, 2/3).
        expectAgreementClose(s.fleiss.value?.chanceAgreement, 5.0 / 9, 1e-12)
        expectAgreementClose(s.fleiss.value?.value, 1, 1e-12)
        #expect(s.numbers.allSatisfy { $0.isFinite })
    }

    @Test func unitsWithAllRatingsMissingAreIgnored() throws {
        let a = try ratingsTable([[1, 2, 1, 2, 2], [1, 2, 2, 2, 1]])
        let b = try ratingsTable([[1, 2, 1, 2, 2, nil], [1, 2, 2, 2, 1, nil]])
        #expect(try All(a).numbers == (try All(b).numbers))
    }

    @Test func twoCoderRelationsAcrossFunctions() throws {
        // Complete two-coder nominal data:
        //   Fleiss (Gwet's form) = Scott's pi exactly;
        //   alpha = 1 - (2N - 1)/(2N) · (1 - π), i.e. alpha ≈ π with a small-sample correction;
        //   percent agreement = the contingency diagonal.
        let t = try ratingsTable([[1, 1, 2, 2, 4, 3, 3, 3, 5, 4, 4, 1], [2, 1, 2, 2, 2, 3, 3, 3, 5, 4, 4, 4]])
        let counts = CategoryCounts(t)
        let pi = try #require(ScottPi.compute(t).value?.value)
        expectAgreementClose(FleissKappa.compute(counts).value?.value, pi, 1e-12, "Fleiss = Scott")
        let n = 2.0 * 12
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .nominal).value?.alpha, 1 - (n - 1) / n * (1 - pi), 1e-12)
        expectAgreementClose(PercentAgreement.compute(counts).value, PercentAgreement.compute(ContingencyTable(t)).value ?? -1, 1e-12)
        // AC1 for two coders from the contingency table (FORMULAS.md) = Gwet's general form.
        let ct = ContingencyTable(t)
        let (p, rows, cols) = try #require(ct.proportions())
        let q = ct.categoryCount
        let po = (0..<q).reduce(0.0) { $0 + p[$1 * q + $1] }
        let pe = (0..<q).reduce(0.0) { s, k in let m = (rows[k] + cols[k]) / 2; return s + m * (1 - m) } / Double(q - 1)
        expectAgreementClose(GwetAC1.compute(counts).value?.value, (po - pe) / (1 - pe), 1e-12, "AC1")
    }

    @Test func interlevelNumericRequirement() throws {
        let t = try RatingsTable(ratings: [("1", "A", "low"), ("1", "B", "high")])
        #expect(throws: RatingsError.notNumeric(category: "high", level: .interval)) {
            try KrippendorffAlpha.compute(t, level: .interval)
        }
        // Ordinal uses category order only; declared order low < high.
        let ordered = try RatingsTable(
            ratings: [("1", "A", "low"), ("1", "B", "high"), ("2", "A", "low"), ("2", "B", "low")],
            categories: ["low", "high"])
        #expect(ordered.categories == ["low", "high"])
        #expect((try KrippendorffAlpha.compute(ordered, level: .ordinal)).value != nil)
    }

    @Test func categoryOrder() throws {
        let numeric = try RatingsTable(ratings: [("1", "A", "10"), ("1", "B", "9"), ("2", "A", "2.5")])
        #expect(numeric.categories == ["2.5", "9", "10"])
        let text = try RatingsTable(ratings: [("1", "A", "b"), ("1", "B", "a"), ("2", "A", "B")])
        #expect(text.categories == ["B", "a", "b"])
        #expect(throws: RatingsError.undeclaredCategory(line: nil, value: "c")) {
            try RatingsTable(ratings: [("1", "A", "c")], categories: ["a", "b"])
        }
        #expect(throws: RatingsError.duplicateCategory("a")) {
            try RatingsTable(ratings: [("1", "A", "a")], categories: ["a", "a"])
        }
    }

    @Test func weightedKappaEdgeCases() throws {
        let t = try ContingencyTable(counts: [[3]])
        #expect(CohenKappa.compute(t, weights: .linear).undefinedReason == .chanceAgreementIsOne)
        let bad = try ContingencyTable(counts: [[1, 0], [0, 1]])
        #expect(CohenKappa.compute(bad, weights: .agreement([[1]])).undefinedReason == .tooFewCategories)
        #expect(CohenKappa.compute(bad, weights: .linear).value?.kappa == 1)
    }

    @Test func bootstrapIsDeterministicAndBracketsAlpha() throws {
        let t = try ratingsTable(PublishedExampleTests.kC)
        let counts = CategoryCounts(t)
        let a = try #require(KrippendorffAlpha.bootstrap(counts, level: .nominal, samples: 2000, seed: 42).value)
        let b = try #require(KrippendorffAlpha.bootstrap(counts, level: .nominal, samples: 2000, seed: 42).value)
        #expect(a == b)
        let c = try #require(KrippendorffAlpha.bootstrap(counts, level: .nominal, samples: 2000, seed: 43).value)
        #expect(a.replicates != c.replicates)
        #expect(a.interval.lower < 0.743 && 0.743 < a.interval.upper)
        #expect(a.interval.upper <= 1)
        #expect(a.probabilityBelow(-10) == 0 && a.probabilityBelow(10) == 1)
        #expect(a.replicates.count + a.undefinedSamples == 2000)
        // One-category data: every replicate undefined.
        let flat = CategoryCounts(try ratingsTable([[1, 1], [1, 1]]))
        #expect(KrippendorffAlpha.bootstrap(flat, level: .nominal, samples: 10, seed: 1).undefinedReason == .noVariation)
    }

    @Test func splitMixIsStable() {
        // SplitMix64 reference outputs for seed 1234567 (Vigna's splitmix64.c).
        var g = SplitMix64(seed: 1_234_567)
        #expect(g.next() == 6_457_827_717_110_365_317)
        #expect(g.next() == 3_203_168_211_198_807_973)
        var h = SplitMix64(seed: 9)
        for _ in 0..<1000 { #expect(h.next(below: 7) < 7) }
    }
}
