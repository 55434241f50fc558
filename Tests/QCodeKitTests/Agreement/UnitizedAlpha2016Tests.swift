import Foundation
import Testing

@testable import QCodeKit

private func spans(_ pairs: [(Int, Int)], shift: Int = 0) throws -> [ContinuumSpan] {
    try pairs.map { try ContinuumSpan(start: $0.0 - shift, end: $0.1 - shift) }
}

/// Expected values were computed with the independent PyPI package
/// `krippendorff-unitized-alpha` 0.1.0 (`KrippendorffUnitizedAlpha(data).result`), each
/// coder's continuum given as one tag `"x"` for the (merged) units plus `_empty` segments
/// for the gaps; `uDo` and `uDe` are `(l.. − trace(o)) / l..` and `(l.. − trace(e)) / l..`
/// from its `observed_coincidence_matrix_` / `expected_coincidence_matrix_`. Pooled
/// documents were given to the package concatenated (the second shifted by the first's
/// length).
@Suite("Unitizing alpha |uα, 2016 form")
struct UnitizedAlpha2016Tests {
    @Test(arguments: [
        // (name, document lengths, per document: spans per coder, |uα, uDo, uDe)
        ("2004 textbook example c, 2 coders", [300],
         [[[(75, 145), (220, 250)], [(70, 150), (205, 225), (250, 270)]]],
         0.5162799043062201, 0.23333333333333334, 0.48237262708441525),
        ("hand case, 2 coders", [10], [[[(0, 4)], [(2, 6)]]],
         0.2583333333333333, 0.4, 0.5393258426966292),
        ("3 coders", [20], [[[(2, 8), (12, 15)], [(3, 8), (11, 16)], [(2, 9)]]],
         0.5483785822021117, 0.23333333333333334, 0.5166569257744009),
        ("5 coders, one coding nothing", [40],
         [[[(0, 5), (10, 18), (30, 35)], [(1, 5), (11, 17), (29, 36)], [(10, 20)],
           [(0, 6), (12, 18), (31, 34), (37, 40)], []]],
         0.25710520217819477, 0.325, 0.4374778245222768),
        ("3 coders, touching spans stay two units", [12], [[[(0, 3), (3, 6)], [(0, 6)], [(1, 6), (8, 10)]]],
         0.6914344685242518, 0.16666666666666666, 0.5401337792642141),
        ("overlapping spans merge", [10], [[[(0, 4), (2, 6)], [(0, 6)]]], 1.0, 0.0, 0.6),
        ("two documents pooled", [10, 10], [[[(0, 4)], [(2, 6)]], [[], []]],
         0.40000000000000013, 0.2, 0.33333333333333337),
    ] as [(String, [Int], [[[(Int, Int)]]], Double, Double, Double)])
    func matchesPyPIPackage(
        name: String, lengths: [Int], documents: [[[(Int, Int)]]], alpha: Double, observed: Double,
        expected: Double
    ) throws {
        let continua = try zip(lengths, documents).map { length, coders in
            UnitizedAlpha.Continuum(length: length, coders: try coders.map { try spans($0) })
        }
        let result = try UnitizedAlpha2016.compute(continua)
        expectAgreementClose(result.alpha.value, alpha, 1e-12, "\(name): |uα")
        expectAgreementClose(result.observedDisagreement, observed, 1e-12, "\(name): uDo")
        expectAgreementClose(result.expectedDisagreement, expected, 1e-12, "\(name): uDe")
        #expect(result.coders == documents[0].count && result.length == lengths.reduce(0, +))
    }

    /// L = 10, A codes 0..<4, B codes 2..<6, by hand: positions coded by k = 1, 2, 1, 0
    /// coders over 2, 2, 2, 4 characters give o₁₁ = 4, o₀₁ = o₁₀ = 4, o₀₀ = 8 (l.. = 20);
    /// Σ f = 4² + 4² (units) + 6 + 2 + 4 (gaps) = 44, so e₀₁ = 20 · 12 · 8 / 356 and
    /// |uα = 1 − 8 / (2 · 1920 / 356) = 31/120.
    @Test func handComputed() throws {
        let result = try UnitizedAlpha2016.compute(length: 10, coders: [spans([(0, 4)]), spans([(2, 6)])])
        #expect(result.observedCoincidences == [[8, 4], [4, 4]])
        expectAgreementClose(result.expectedCoincidences[0][1], 1920.0 / 356, 1e-12)
        expectAgreementClose(result.expectedCoincidences[1][1], 20 * (64 - 32) / 356.0, 1e-12)
        expectAgreementClose(result.alpha.value, 31.0 / 120, 1e-12)
        #expect(result.units == 2)
    }

    @Test(arguments: [2, 3, 5])
    func identicalCodingsGiveOne(coders: Int) throws {
        let (length, a) = try markedSpans("I ⟦never felt safe⟧ there, ⟦not once⟧.")
        let result = try UnitizedAlpha2016.compute(length: length, coders: Array(repeating: a, count: coders))
        #expect(result.observedDisagreement == 0)
        #expect(result.alpha.value == 1)
    }

    @Test func undefinedCases() throws {
        let a = try spans([(0, 4)])
        #expect(try UnitizedAlpha2016.compute(length: 10, coders: [a]).alpha.undefinedReason == .noPairableUnits)
        #expect(try UnitizedAlpha2016.compute(length: 10, coders: []).alpha.undefinedReason == .noPairableUnits)
        #expect(try UnitizedAlpha2016.compute([]).alpha.undefinedReason == .noPairableUnits)
        #expect(try UnitizedAlpha2016.compute(length: 0, coders: [[], [], []]).alpha.undefinedReason == .emptyDocument)
        #expect(try UnitizedAlpha2016.compute(length: 10, coders: [[], [], []]).alpha.undefinedReason == .noSegments)
        // Every position coded by every coder: nothing to disagree about by chance, whatever
        // the boundaries (the 2004 form gives 1 for equal boundaries here).
        let whole = try spans([(0, 10)]), halves = try spans([(0, 5), (5, 10)])
        #expect(try UnitizedAlpha2016.compute(length: 10, coders: [whole, whole, whole]).alpha.undefinedReason == .noVariation)
        #expect(try UnitizedAlpha2016.compute(length: 10, coders: [whole, halves]).alpha.undefinedReason == .noVariation)
    }

    @Test func spanPastTheEndThrows() throws {
        #expect(throws: ContinuumSpanError.outsideDocument(document: "d", end: 12, length: 10)) {
            try UnitizedAlpha2016.compute(length: 10, coders: [spans([(0, 12)]), [], []], document: "d")
        }
    }

    @Test func twoCodersDifferFrom2004Form() throws {
        let coders = [try spans([(0, 4)]), try spans([(2, 6)])]
        let old = try UnitizedAlpha.compute(length: 10, coders: coders).alpha.value
        let new = try UnitizedAlpha2016.compute(length: 10, coders: coders).alpha.value
        expectAgreementClose(old, 26.0 / 115, 1e-12)
        expectAgreementClose(new, 31.0 / 120, 1e-12)
    }

    /// `qcode agree --unit continuum` reports the 2016 form per code next to the 2004 one.
    @Test func projectContinuumRowsCarryIt() throws {
        let f = try AgreementFixture(documents: ["doc1", "doc2"])
        try f.code("alice", "a", chars: 0, 100)
        try f.code("ben", "a", chars: 5, 100)
        try f.code("alice", "other", chars: 20, 40, in: "doc2")
        try f.code("ben", "other", chars: 20, 40, in: "doc2")
        let report = try f.agreement(["alice", "ben"], unit: .continuum)
        let lengths = try ["doc1", "doc2"].map { try f.project.document($0).scalars.count }
        let expected = try UnitizedAlpha2016.compute([
            UnitizedAlpha.Continuum(length: lengths[0], coders: [spans([(0, 100)]), spans([(5, 100)])]),
            UnitizedAlpha.Continuum(length: lengths[1], coders: [[], []]),
        ]).alpha.value
        expectAgreementClose(report.row("theme/a")?.unitizedAlpha2016, try #require(expected), 1e-12)
        #expect(report.row("other")?.unitizedAlpha2016 == 1)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"unitized_alpha_2016\""))
        let turns = try f.agreement(["alice", "ben"], unit: .turn)
        #expect(!String(decoding: try JSONEncoder().encode(turns), as: UTF8.self).contains("unitized_alpha_2016"))
    }
}
