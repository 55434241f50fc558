import Foundation
import Testing
@testable import QCodeKit

/// Confidence intervals stay inside the statistic's range: kappa's is clipped to [-1, 1].
@Suite struct ConfidenceIntervalTests {
    @Test func kappasIntervalIsClippedAtOneForASmallSample() throws {
        // Five units, coders agree on four: kappa 0.615, SE 0.33, so κ + 1.96·SE is past 1.
        let table = try ContingencyTable(counts: [[2, 0], [1, 2]])
        let kappa = try #require(CohenKappa.compute(table).value)
        let rawUpper = kappa.kappa + 1.959964 * kappa.standardError
        let rawLower = kappa.kappa - 1.959964 * kappa.standardError
        #expect(rawUpper > 1, "the sample must be small enough for the raw interval to pass 1")
        #expect(rawLower > -1)
        #expect(kappa.confidenceInterval95.upper == 1)
        #expect(abs(kappa.confidenceInterval95.lower - rawLower) < 1e-12)
    }

    @Test func theLowerBoundIsClippedAtMinusOne() {
        let interval = ConfidenceInterval.normal95(-0.8, standardError: 0.5)
        #expect(interval.lower == -1)
        #expect(abs(interval.upper - (-0.8 + 1.959964 * 0.5)) < 1e-12)
    }

    @Test func anIntervalInsideTheRangeIsTheTextbookOne() {
        let interval = ConfidenceInterval.normal95(0.5, standardError: 0.1)
        #expect(abs(interval.lower - 0.3040036) < 1e-12)
        #expect(abs(interval.upper - 0.6959964) < 1e-12)
    }

    @Test func theRatingsSummaryReportsTheClippedInterval() throws {
        // The README's ratings example: kappa 0.333, SE 0.385, raw interval [-0.421, 1.088].
        let csv = "unit,coder,value\n1,a,yes\n1,b,yes\n2,a,no\n2,b,no\n3,a,yes\n3,b,no\n4,a,no\n4,b,no\n5,a,yes\n5,b,yes\n6,a,no\n6,b,yes\n"
        let summary = try RatingsCalculator.summary(csv: Data(csv.utf8), level: .nominal, categories: nil,
                                                    bootstrap: 0, seed: 1, bootstrapMethod: .pairs)
        let ci = try #require(summary.cohenKappaCI)
        #expect(ci[1] == 1)
        #expect(ci[0] > -1 && ci[0] < 0)
    }
}
