import Testing

@testable import QCodeKit

/// A coder's continuum in Krippendorff's (1995) notation: sections separated by `|`, each
/// written as `1`s (a unit) or `0`s (a gap), one digit per position.
private func notation(_ text: String) throws -> (length: Int, spans: [ContinuumSpan]) {
    var spans: [ContinuumSpan] = []
    var offset = 0
    for section in text.split(separator: "|") {
        if section.first == "1" { spans.append(try ContinuumSpan(start: offset, end: offset + section.count)) }
        offset += section.count
    }
    return (offset, spans)
}

private func spans(_ pairs: [(Int, Int)], shift: Int = 0) throws -> [ContinuumSpan] {
    try pairs.map { try ContinuumSpan(start: $0.0 - shift, end: $0.1 - shift) }
}

@Suite("Unitizing alpha |uα")
struct UnitizedAlphaTests {
    /// Krippendorff (2004), Content Analysis 2nd ed., ch. 12: continuum 150–450 (L = 300),
    /// two coders; printed uDo = .0144, uDe = .0532, |uα = .7286 for c and uDe = .0490,
    /// |uα = 1 for k.
    @Test func krippendorff2004WorkedExample() throws {
        let c = try UnitizedAlpha.compute(length: 300, coders: [
            spans([(225, 295), (370, 400)], shift: 150),
            spans([(220, 300), (355, 375), (400, 420)], shift: 150),
        ])
        expectAgreementClose(c.observedDisagreement, 0.0144, 0.00005, "uDo c")
        expectAgreementClose(c.expectedDisagreement, 0.0532, 0.00005, "uDe c")
        expectAgreementClose(c.alpha.value, 0.7286, 0.00005, "|uα c")
        let k = try UnitizedAlpha.compute(length: 300, coders: [
            spans([(180, 240), (300, 350)], shift: 150),
            spans([(180, 240), (300, 350)], shift: 150),
        ])
        #expect(k.observedDisagreement == 0)
        expectAgreementClose(k.expectedDisagreement, 0.0490, 0.00005, "uDe k")
        #expect(k.alpha.value == 1)
    }

    /// Krippendorff (1995), Sociological Methodology 25, examples A–D (L = 24): observed
    /// disagreements .03125, 2.26736, .02777, .38715. (Its expected disagreements use the
    /// 1995 formula that the 2004 text corrects, so only uDo is compared.)
    @Test(arguments: [
        ("00|11111111|0000|111111|0000", "0000|1111|0000000|11|0000000", 0.03125),
        ("111111111111111111|000000", "11|1|1|1|1|111|1|00000000000000", 2.26736),
        ("00|111111|00|11|00|1111|00|11|00", "11|00|1111|00|1111|00|11|00|11|00", 0.02777),
        ("11|11111111|1111|111111|1111", "1111|1111|1111111|11|1111111", 0.38715),
    ])
    func krippendorff1995Examples(first: String, second: String, observed: Double) throws {
        let a = try notation(first), b = try notation(second)
        #expect(a.length == 24 && b.length == 24)
        let result = try UnitizedAlpha.compute(length: 24, coders: [a.spans, b.spans])
        // Printed to 5 decimals, truncated (.02777 for 1/36).
        expectAgreementClose(result.observedDisagreement, observed, 0.00001, "uDo")
        #expect(result.alpha.value != nil)
    }

    /// L = 10, A codes 0..<4, B codes 2..<6. Pairs: unit–unit (0−2)² + (4−6)² = 8, no unit
    /// inside a gap, so uDo = 8/10² = .08. N = 2 units of length 4; gaps 6, 2, 4, of which
    /// 6 and 4 hold a unit in 3 + 1 positions: uDe = (2/10)(2·28 + 2·16·4) / (20·19 − 2·12)
    /// = 36.8/356; |uα = 1 − .08·356/36.8 = 26/115.
    @Test func handComputed() throws {
        let result = try UnitizedAlpha.compute(length: 10, coders: [spans([(0, 4)]), spans([(2, 6)])])
        expectAgreementClose(result.observedDisagreement, 0.08, 1e-12)
        expectAgreementClose(result.expectedDisagreement, 36.8 / 356, 1e-12)
        expectAgreementClose(result.alpha.value, 26.0 / 115, 1e-12)
        #expect(result.units == 2 && result.length == 10 && result.coders == 2)
    }

    @Test func identicalCodingsGiveOne() throws {
        let (length, a) = try markedSpans("I ⟦never felt safe⟧ there, ⟦not once⟧.")
        #expect(try UnitizedAlpha.compute(length: length, coders: [a, a]).alpha.value == 1)
    }

    @Test func wholeContinuumCodedByBoth() throws {
        // Same boundaries: uDo = 0 < uDe, so |uα = 1.
        let whole = try UnitizedAlpha.compute(length: 10, coders: [spans([(0, 10)]), spans([(0, 10)])])
        #expect(whole.observedDisagreement == 0)
        expectAgreementClose(whole.expectedDisagreement, 1.14, 1e-12)
        #expect(whole.alpha.value == 1)
        // Different boundaries (1995 example D): defined, and here below chance.
        let a = try notation("11|11111111|1111|111111|1111"), b = try notation("1111|1111|1111111|11|1111111")
        let d = try UnitizedAlpha.compute(length: 24, coders: [a.spans, b.spans])
        expectAgreementClose(d.alpha.value, -0.2068, 0.00005)
    }

    @Test func undefinedCases() throws {
        let a = try spans([(0, 4)])
        #expect(try UnitizedAlpha.compute(length: 10, coders: [[], []]).alpha.undefinedReason == .noSegments)
        #expect(try UnitizedAlpha.compute(length: 10, coders: [a]).alpha.undefinedReason == .notTwoCoders)
        #expect(try UnitizedAlpha.compute(length: 10, coders: [a, a, a]).alpha.undefinedReason == .notTwoCoders)
        #expect(try UnitizedAlpha.compute(length: 0, coders: [[], []]).alpha.undefinedReason == .emptyDocument)
        #expect(try UnitizedAlpha.compute([]).alpha.undefinedReason == .emptyDocument)
        // Every position a one-character unit of both coders: no way to disagree by chance.
        let ones = try (0..<3).map { try ContinuumSpan(start: $0, end: $0 + 1) }
        #expect(try UnitizedAlpha.compute(length: 3, coders: [ones, ones]).alpha.undefinedReason == .noVariation)
    }

    @Test func spanPastTheEndThrows() throws {
        #expect(throws: ContinuumSpanError.outsideDocument(document: "d", end: 12, length: 10)) {
            try UnitizedAlpha.compute(length: 10, coders: [spans([(0, 12)]), []], document: "d")
        }
    }

    @Test func overlappingSpansMergeButTouchingSpansStayApart() throws {
        let merged = try UnitizedAlpha.compute(length: 10, coders: [spans([(0, 4), (2, 6)]), spans([(0, 6)])])
        #expect(merged.units == 2 && merged.alpha.value == 1)
        let touching = try UnitizedAlpha.compute(length: 10, coders: [spans([(0, 3), (3, 6)]), spans([(0, 6)])])
        #expect(touching.units == 3)
        #expect(touching.observedDisagreement > 0)
    }

    @Test func documentsPoolIntoOneContinuum() throws {
        // An uncoded second document adds length and a gap per coder; sections stay inside
        // their document.
        let first = UnitizedAlpha.Continuum(length: 10, coders: [try spans([(0, 4)]), try spans([(2, 6)])])
        let second = UnitizedAlpha.Continuum(length: 10, coders: [[], []])
        let pooled = try UnitizedAlpha.compute([first, second])
        #expect(pooled.length == 20 && pooled.units == 2)
        expectAgreementClose(pooled.observedDisagreement, 8.0 / 400, 1e-12)
        // Gaps 6, 2, 4 (document 1) and 10, 10 (document 2).
        let numerator: Double = 2 * 28 + 2 * 16 * 18  // 18 = 3 + 1 + 7 + 7 positions
        let expected: Double = 2.0 / 20 * numerator / Double(40 * 39 - 2 * 12)
        expectAgreementClose(pooled.expectedDisagreement, expected, 1e-12)
    }
}
