import Testing

@testable import QCodeKit

/// Values from independent implementations, computed on 2026-11-24 by
/// `xcheck.py` (random data, numpy seed 7): the `krippendorff` 0.9.0 package (alpha),
/// irrCAC 0.4.4 for Python (Fleiss/AC1/BP with SE; it prints 5 decimals) and a numpy
/// transcription of the FORMULAS.md two-coder formulas (Cohen, FCE 1969 SEs, Scott, weighted).
@Suite("Cross-checks against independent implementations")
struct CrossCheckTests {
    static let d1: [[Int?]] = [
        [4, 3, 3, 4, 3, 4, 1, 3, 3, 1, 2, 4, 2, 1, nil, 4, 1, nil, 2, 2],
        [nil, 3, 3, 4, 1, 4, 4, 1, 2, 2, 2, 3, 4, 3, 1, 2, 1, 4, 1, 1],
        [4, 3, 3, 4, 3, 4, nil, 1, 2, 2, 2, 4, 1, 1, 2, 4, 1, 4, 4, nil],
    ]
    static let d2: [[Int?]] = [
        [2, 1, 1, 1, 2, 3, 2, 2, nil, 1, 3, 3, nil, 2, 2, 2, 2, nil, 1, 3, 3, 2, 3, 2, 2],
        [2, 1, 2, nil, 2, 3, 2, 1, 2, nil, 3, 2, 1, 2, 2, 2, 3, 1, 2, 1, 3, 2, 3, 2, 2],
    ]

    @Test func threeCodersWithMissing() throws {
        let t = try ratingsTable(Self.d1)
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .nominal).value?.alpha, 0.3765541740674956, 1e-12)
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .ordinal).value?.alpha, 0.4361669014604055, 1e-12)
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .interval).value?.alpha, 0.426917510853835, 1e-12)
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .ratio).value?.alpha, 0.3369604557233057, 1e-12)
        let counts = CategoryCounts(t)
        let f = try #require(FleissKappa.compute(counts).value)
        expectAgreementClose(f.value, 0.34746, 0.000005)
        expectAgreementClose(f.standardError, 0.12633, 0.000005)
        expectAgreementClose(f.observedAgreement, 0.51667, 0.000005)
        expectAgreementClose(f.chanceAgreement, 0.25931, 0.000005)
        let g = try #require(GwetAC1.compute(counts).value)
        expectAgreementClose(g.value, 0.35821, 0.000005)
        expectAgreementClose(g.standardError, 0.12747, 0.000005)
        expectAgreementClose(g.chanceAgreement, 0.2469, 0.000005)
        let bp = try #require(BrennanPrediger.compute(counts).value)
        expectAgreementClose(bp.value, 0.35556, 0.000005)
        expectAgreementClose(bp.standardError, 0.12684, 0.000005)
    }

    @Test func twoCodersWithMissing() throws {
        let t = try ratingsTable(Self.d2)
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .nominal).value?.alpha, 0.48796498905908103, 1e-12)
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .ordinal).value?.alpha, 0.4878952392315954, 1e-12)
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .interval).value?.alpha, 0.4641221374045802, 1e-12)
        expectAgreementClose(try KrippendorffAlpha.compute(t, level: .ratio).value?.alpha, 0.38336246623232173, 1e-12)
        let counts = CategoryCounts(t)
        expectAgreementClose(FleissKappa.compute(counts).value?.value, 0.51861, 0.000005)
        expectAgreementClose(FleissKappa.compute(counts).value?.standardError, 0.17107, 0.000005)
        expectAgreementClose(GwetAC1.compute(counts).value?.value, 0.56421, 0.000005)
        expectAgreementClose(GwetAC1.compute(counts).value?.standardError, 0.16663, 0.000005)
        expectAgreementClose(BrennanPrediger.compute(counts).value?.value, 0.55, 0.000005)
        expectAgreementClose(BrennanPrediger.compute(counts).value?.standardError, 0.16661, 0.000005)
        let k = try #require(CohenKappa.compute(t).value)
        expectAgreementClose(k.kappa, 0.47598253275109154, 1e-12)
        expectAgreementClose(k.standardError, 0.16921638158856347, 1e-12)
        expectAgreementClose(k.nullStandardError, 0.16697276163863065, 1e-12)
        expectAgreementClose(k.observedAgreement, 0.7, 1e-12)
        expectAgreementClose(ScottPi.compute(t).value?.value, 0.4748358862144419, 1e-12)
        expectAgreementClose(CohenKappa.compute(t, weights: .linear).value?.kappa, 0.4656488549618318, 1e-12)
        expectAgreementClose(CohenKappa.compute(t, weights: .quadratic).value?.kappa, 0.45121951219512135, 1e-12)
        expectAgreementClose(PercentAgreement.compute(counts).value, 0.7, 1e-12)
    }
}
