import Foundation
import Testing

@testable import QCodeKit

/// Every statistic of `qcode stats` against scipy (and statsmodels, pingouin) on seeded random
/// data and edge cases: the values in `StatisticsReferenceData.swift`, written by
/// `Tests/Fixtures/statistics/generate_reference.py`. Figures agree to 1e-9 relative (or 1e-9
/// absolute for figures below 1 in size, except p-values, which agree relatively in the tails).
@Suite("Statistics against scipy")
struct StatisticsReferenceTests {
    /// |actual − expected| ≤ 1e-9 · max(1, |expected|).
    func close(_ actual: Double?, _ expected: Double?, _ what: @autoclosure () -> String,
               sourceLocation: SourceLocation = #_sourceLocation) {
        guard let expected else {
            #expect(actual == nil || !(actual!.isFinite), "\(what()): expected undefined, got \(actual!)", sourceLocation: sourceLocation)
            return
        }
        guard let actual else {
            Issue.record("\(what()): expected \(expected), got nil", sourceLocation: sourceLocation)
            return
        }
        #expect(abs(actual - expected) <= 1e-9 * max(1, abs(expected)), "\(what()): \(actual) vs scipy \(expected)",
                sourceLocation: sourceLocation)
    }

    /// A p-value: as `close`, and also within 1e-9 relative, so tiny tails count.
    func closeP(_ actual: Double?, _ expected: Double?, _ what: @autoclosure () -> String,
                sourceLocation: SourceLocation = #_sourceLocation) {
        close(actual, expected, what(), sourceLocation: sourceLocation)
        if let actual, let expected, expected > 0 {
            #expect(abs(actual - expected) <= 1e-9 * expected, "\(what()): \(actual) vs scipy \(expected) (relative)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func chiSquareSurvival() {
        for (x, df, p) in StatisticsReference.chiSquareSurvival {
            closeP(Distributions.chiSquareSurvival(x, df: Double(df)), p, "chi2.sf(\(x), \(df))")
        }
    }

    @Test func studentTTwoSided() {
        for (t, df, p) in StatisticsReference.studentTTwoSided {
            closeP(Distributions.studentTTwoSided(t, df: df), p, "t two-sided(\(t), \(df))")
        }
    }

    @Test func normal() {
        for (z, sf, cdf) in StatisticsReference.normal {
            closeP(Distributions.normalSurvival(z), sf, "norm.sf(\(z))")
            closeP(Distributions.normalCDF(z), cdf, "norm.cdf(\(z))")
        }
    }

    @Test func pearsonChiSquare() throws {
        for (table, chi2, df, p, v, minimum, residuals) in StatisticsReference.chiSquare {
            let test = try #require(PearsonChiSquare(table), "\(table)")
            close(test.chiSquare, chi2, "chi2 \(table)")
            #expect(test.df == df)
            closeP(test.p, p, "p \(table)")
            close(test.cramersV, v, "V \(table)")
            close(test.minimumExpected, minimum, "min expected \(table)")
            for (row, expected) in zip(test.adjustedResiduals, residuals) {
                for (cell, reference) in zip(row, expected) { close(cell, reference, "residual \(table)") }
            }
        }
    }

    @Test func pearsonChiSquareIsUndefinedWithAnEmptyMargin() {
        #expect(PearsonChiSquare([[0, 3], [0, 5]]) == nil)
        #expect(PearsonChiSquare([[0, 0], [2, 5]]) == nil)
        #expect(PearsonChiSquare([]) == nil)
        // One row: df 0, chi-square 0, p 1 (as scipy), no V.
        let single = PearsonChiSquare([[3, 4]])
        #expect(single?.df == 0 && single?.chiSquare == 0 && single?.p == 1 && single?.cramersV == nil)
    }

    @Test func fisherExact() {
        for (table, p) in StatisticsReference.fisher {
            closeP(FisherExact.twoSided(table[0][0], table[0][1], table[1][0], table[1][1]), p, "fisher \(table)")
        }
    }

    @Test func twoSamples() throws {
        for (x, y, t, df, p, u, pU, g) in StatisticsReference.twoSamples {
            let welch = WelchTTest(x, y)
            close(welch?.t, t, "welch t \(x) \(y)")
            close(welch?.df, df, "welch df \(x) \(y)")
            closeP(welch?.p, p, "welch p \(x) \(y)")
            let mannWhitney = try #require(MannWhitneyU(x, y))
            close(mannWhitney.u, u, "U \(x) \(y)")
            closeP(mannWhitney.p, pU, "U p \(x) \(y)")
            close(HedgesG.compute(x, y), g, "g \(x) \(y)")
        }
    }

    @Test func welchWithoutSpreadIsAsScipy() throws {
        // scipy: ttest_ind([1, 1], [2, 2], equal_var=False) → t −inf, df 1, p 0; equal means → NaN.
        let test = try #require(WelchTTest([1, 1], [2, 2]))
        #expect(test.t == -.infinity && test.df == 1 && test.p == 0)
        #expect(WelchTTest([1, 1], [1, 1]) == nil)
        #expect(WelchTTest([1], [1, 2]) == nil)
    }

    @Test func descriptives() {
        for (values, mean, sd, median) in StatisticsReference.descriptives {
            let d = Descriptives(values)
            #expect(d.n == values.count)
            close(d.mean, mean, "mean \(values)")
            close(d.sd, sd, "sd \(values)")
            close(d.median, median, "median \(values)")
        }
        let empty = Descriptives([])
        #expect(empty.n == 0 && empty.mean == nil && empty.sd == nil && empty.median == nil)
        #expect(Descriptives([4]).sd == nil)
    }

    @Test func adjustments() {
        for (ps, holm, bh) in StatisticsReference.adjustments {
            for (actual, expected) in zip(PValueAdjustment.holm.adjust(ps), holm) { close(actual, expected, "holm \(ps)") }
            for (actual, expected) in zip(PValueAdjustment.bh.adjust(ps), bh) { close(actual, expected, "bh \(ps)") }
        }
        // Tests that could not be run stay nil and do not count.
        #expect(PValueAdjustment.holm.adjust([0.01, nil, 0.04]) == [0.02, nil, 0.04])
        #expect(PValueAdjustment.bh.adjust([nil, 0.01, 0.04]) == [nil, 0.02, 0.04])
    }

    @Test func presenceStudies() {
        for (studyIndex, study) in StatisticsReference.presenceStudies.enumerated() {
            let codes = study.presence.indices.map { "code\($0)" }
            let result = PresenceStatistics(attribute: "group", coder: "alice", codes: codes, presence: study.presence,
                                            groupValues: study.values, adjustment: .holm)
            #expect(result.codes.count == study.codes.count)
            #expect(result.withoutValue == study.values.filter { $0 == nil }.count)
            for (index, (code, expected)) in zip(result.codes, study.codes).enumerated() {
                let (chi2, df, p, v, fisher, cases, present, percents, residuals) = expected
                let what = "study \(studyIndex) code \(index)"
                close(code.chiSquare, chi2, "\(what) chi2")
                #expect(code.df == df, "\(what) df")
                closeP(code.p, p, "\(what) p")
                close(code.cramersV, v, "\(what) V")
                closeP(code.fisherP, fisher, "\(what) fisher")
                #expect(code.groups.map(\.cases) == cases, "\(what) cases")
                #expect(code.groups.map(\.present) == present, "\(what) present")
                for (group, percent) in zip(code.groups, percents) { close(group.percent, percent, "\(what) percent") }
                for (group, residual) in zip(code.groups, residuals) { close(group.adjustedResidual, residual, "\(what) residual") }
                closeP(code.pAdjusted, study.holm[index], "\(what) holm")
                let notCoded = zip(study.presence[index], study.values).filter { $0.0 == nil && $0.1 != nil }.count
                #expect(code.notCoded == notCoded && code.leftOut == notCoded + result.withoutValue)
            }
        }
    }

    @Test func compareStudies() {
        for (studyIndex, study) in StatisticsReference.compareStudies.enumerated() {
            let codes = study.presence.indices.map { "code\($0)" }
            let result = OutcomeComparison(outcome: "change", baseline: nil, coder: nil, codes: codes, presence: study.presence,
                                           outcomes: study.outcomes, adjustment: .bh)
            for (index, (code, expected)) in zip(result.codes, study.codes).enumerated() {
                let what = "study \(studyIndex) code \(index)"
                #expect(Double(code.present.n) == expected[0] && Double(code.absent.n) == expected[4], "\(what) n")
                close(code.present.mean, expected[1], "\(what) mean+")
                close(code.present.sd, expected[2], "\(what) sd+")
                close(code.present.median, expected[3], "\(what) median+")
                close(code.absent.mean, expected[5], "\(what) mean-")
                close(code.absent.sd, expected[6], "\(what) sd-")
                close(code.absent.median, expected[7], "\(what) median-")
                close(code.welch?.t, expected[8], "\(what) t")
                close(code.welch?.df, expected[9], "\(what) df")
                closeP(code.welch?.p, expected[10], "\(what) p")
                close(code.mannWhitney?.u, expected[11], "\(what) U")
                closeP(code.mannWhitney?.p, expected[12], "\(what) p(U)")
                close(code.hedgesG, expected[13], "\(what) g")
                closeP(code.welchPAdjusted, study.bh[index], "\(what) bh")
            }
        }
    }
}
