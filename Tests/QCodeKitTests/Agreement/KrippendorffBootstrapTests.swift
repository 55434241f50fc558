import Foundation
import Testing

@testable import QCodeKit

/// The bootstrap of Krippendorff's alpha. Reference intervals come from R's `kripp.boot`
/// (Proutskova & Gruszczynski; Krippendorff's algorithm as in Hayes & Krippendorff's KALPHA),
/// run once outside the project with 20,000 replicates (`set.seed(1)`, R 4.2): they differ
/// from ours only by Monte-Carlo error, so the tolerances are a few of its standard errors.
@Suite("Krippendorff's alpha bootstrap (Hayes & Krippendorff)")
struct KrippendorffBootstrapTests {
    /// Hayes & Krippendorff (2007), Table 1: 40 units, 5 observers, values 0–3, some missing
    /// (units × observers). The paper's ordinal alpha is .7598.
    static let hayesKrippendorffTable1: [[Int?]] = [
        [1, 1, 2, nil, 2], [1, 1, 0, 1, nil], [2, 3, 3, 3, nil], [nil, 0, 0, nil, 0],
        [0, 0, 0, nil, 0], [0, 0, 0, nil, 0], [1, 0, 2, nil, 1], [1, nil, 2, 0, nil],
        [2, 2, 2, nil, 2], [2, 1, 1, 1, nil], [nil, 1, 0, 0, nil], [0, 0, 0, 0, nil],
        [1, 2, 2, 2, nil], [3, 3, 2, 2, 3], [1, 1, 1, nil, 1], [1, 1, 1, nil, 1],
        [2, 1, 2, nil, 2], [1, 2, 3, 3, nil], [1, 1, 0, 1, nil], [0, 0, 0, nil, 0],
        [0, 0, 1, 1, nil], [0, 0, nil, 0, 0], [2, 3, 3, 3, nil], [0, 0, 0, 0, nil],
        [1, 2, nil, 2, 2], [0, 1, 1, 1, nil], [0, 0, 0, 1, 0], [1, 2, 1, 2, nil],
        [1, 1, 2, 2, nil], [1, 1, 2, nil, 2], [1, 1, 0, nil, 0], [2, 1, 2, 1, nil],
        [2, 2, nil, 2, 2], [3, 2, 2, 2, nil], [2, 2, 2, nil, 2], [2, 2, 3, nil, 2],
        [2, 2, 2, nil, 2], [2, 2, nil, 1, 2], [2, 2, 2, 2, nil], [1, 1, 1, nil, 1],
    ]

    private func counts() throws -> CategoryCounts {
        let byCoder = (0..<5).map { c in Self.hayesKrippendorffTable1.map { $0[c] } }
        return CategoryCounts(try ratingsTable(byCoder))
    }

    @Test(arguments: [
        // level, alpha, kripp.boot 2.5% and 97.5%, q(α < .8), q(α < .7)
        (MeasurementLevel.ordinal, 0.7598, 0.7147595, 0.8017475, 0.9704, 0.00495),
        (.nominal, 0.4765, 0.4000447, 0.5500335, 1.0, 1.0),
    ])
    func matchesKrippBoot(level: MeasurementLevel, alpha: Double, lower: Double, upper: Double, below80: Double,
                          below70: Double) throws {
        let counts = try counts()
        let estimate = try #require(KrippendorffAlpha.compute(CoincidenceMatrix(counts), level: level).value)
        expectAgreementClose(estimate.alpha, alpha, 0.00005, "alpha")
        let boot = try #require(
            KrippendorffAlpha.bootstrap(counts, level: level, samples: 20_000, seed: 1, method: .pairs).value)
        // M = min(25 Q, (m − 1) n.. / 2) = min(25 · 14, 4 · 159 / 2) = 318, as kripp.boot printed.
        #expect(boot.draws == 318 && boot.method == .pairs)
        expectAgreementClose(boot.interval.lower, lower, 0.004, "lower")
        expectAgreementClose(boot.interval.upper, upper, 0.004, "upper")
        expectAgreementClose(boot.probabilityBelow(0.8), below80, 0.01, "q(α < .8)")
        expectAgreementClose(boot.probabilityBelow(0.7), below70, 0.003, "q(α < .7)")
        #expect(boot.replicates.allSatisfy { $0 >= -1 && $0 <= 1 })
    }

    @Test func pairsAndUnitsAreReproducibleAndDiffer() throws {
        let counts = try counts()
        for method in KrippendorffAlpha.BootstrapMethod.allCases {
            let a = try #require(KrippendorffAlpha.bootstrap(counts, level: .ordinal, samples: 1000, seed: 9, method: method).value)
            let b = try #require(KrippendorffAlpha.bootstrap(counts, level: .ordinal, samples: 1000, seed: 9, method: method).value)
            #expect(a == b && a.method == method)
            #expect(a.interval.lower < 0.7598 && 0.7598 < a.interval.upper)
        }
        // The unit bootstrap also re-estimates expected disagreement, so it is wider here.
        let pairs = try #require(KrippendorffAlpha.bootstrap(counts, level: .ordinal, samples: 4000, seed: 3).value)
        let units = try #require(KrippendorffAlpha.bootstrap(counts, level: .ordinal, samples: 4000, seed: 3, method: .units).value)
        #expect(units.interval.upper - units.interval.lower > pairs.interval.upper - pairs.interval.lower)
    }

    /// Two coders, three units, agreeing on one value and on another: only diagonal cells, so
    /// every draw agrees and alpha is 1 in every replicate, except the share Krippendorff
    /// assigns to "no variation" (Σ p_cc^M of the replicates), which becomes 0.
    @Test func diagonalOnlyData() throws {
        let counts = CategoryCounts(try ratingsTable([[1, 1, 2], [1, 1, 2]]))
        let boot = try #require(KrippendorffAlpha.bootstrap(counts, level: .nominal, samples: 1000, seed: 5).value)
        // n.. = 6, o_11 = 4, o_22 = 2; Q = 2, so M = min(50, 1 · 6 / 2) = 3 and
        // round(1000 · ((4/6)³ + (2/6)³)) = 333 replicates become 0.
        #expect(boot.draws == 3)
        #expect(boot.replicates.filter { $0 == 0 }.count == 333)
        #expect(boot.replicates.filter { $0 == 1 }.count == 667)
    }

    @Test func summaryReportsMethodAndQ() throws {
        let csv = Self.hayesKrippendorffTable1.enumerated().flatMap { unit, row in
            row.enumerated().compactMap { coder, value in value.map { "\(unit),o\(coder),\($0)" } }
        }.joined(separator: "\n")
        let summary = try RatingsCalculator.summary(
            csv: Data(("unit,coder,value\n" + csv + "\n").utf8), level: .ordinal, categories: nil, bootstrap: 2000, seed: 1)
        #expect(summary.bootstrapMethod == .pairs)
        #expect(summary.krippendorffAlphaBelow?.map(\.alphaMin) == AgreementSummary.alphaMinimums)
        let json = try summary.jsonString()
        #expect(json.contains("\"bootstrap_method\" : \"pairs\"") && json.contains("\"krippendorff_alpha_below\""))
        #expect(summary.renderTable().contains("Probability alpha is below"))
        let plain = try RatingsCalculator.summary(csv: Data(("unit,coder,value\n" + csv + "\n").utf8), level: .ordinal,
                                                  categories: nil)
        #expect(plain.bootstrapMethod == nil && plain.krippendorffAlphaBelow == nil)
    }
}
