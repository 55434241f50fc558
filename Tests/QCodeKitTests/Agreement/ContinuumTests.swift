import Testing

@testable import QCodeKit

/// Spans marked inside sample text with ⟦ ⟧; offsets are Unicode scalars of the unmarked
/// text (qcode's offset unit).
func markedSpans(_ text: String) throws -> (length: Int, spans: [ContinuumSpan]) {
    var spans: [ContinuumSpan] = []
    var open: [Int] = []
    var offset = 0
    for scalar in text.unicodeScalars {
        switch scalar {
        case "⟦": open.append(offset)
        case "⟧": spans.append(try ContinuumSpan(start: open.removeLast(), end: offset))
        default: offset += 1
        }
    }
    return (offset, spans)
}

@Suite("Continuum (text) agreement")
struct ContinuumTests {
    @Test func nvivoPublishedPercentAgreement() throws {
        // NVivo help: 1000 characters, 50 coded by both, 150 by one only, 800 by neither → 85%.
        // Split of the 150 as 100 (A) + 50 (B): kappa 0.3181818 (statsmodels, published_examples.json).
        let a = [try ContinuumSpan(start: 0, end: 150)]
        let b = [try ContinuumSpan(start: 100, end: 200)]
        let c = try CharacterAgreement.compare(length: 1000, coderA: a, coderB: b)
        #expect(c.both == 50 && c.onlyA == 100 && c.onlyB == 50 && c.neither == 800)
        #expect(c.percentAgreement.value == 0.85)
        expectAgreementClose(c.kappa.value, 0.3181818181818182, 1e-12)
        // The same as Cohen's kappa on the 2 × 2 character table.
        let table = try ContingencyTable(counts: [[800, 50], [100, 50]])
        expectAgreementClose(c.kappa.value, CohenKappa.compute(table).value?.kappa ?? .nan, 1e-12)
    }

    @Test func characterAlphaIsBinaryAlphaOverCharacters() throws {
        let c = CharacterAgreement(length: 10, both: 2, onlyA: 1, onlyB: 1)
        // Same data as a 2-coder ratings table of 10 character units.
        let t = try ratingsTable([[1, 1, 1, 0, 0, 0, 0, 0, 0, 0], [1, 1, 0, 1, 0, 0, 0, 0, 0, 0]])
        expectAgreementClose(c.characterAlpha.value, try KrippendorffAlpha.compute(t, level: .nominal).value?.alpha ?? .nan, 1e-12)
    }

    @Test func markedSpansOverlapAndMerge() throws {
        let a = try markedSpans("I ⟦never ⟦felt⟧ safe⟧ there, ⟦ever⟧.")
        let b = try markedSpans("I never ⟦felt safe there⟧, ever.")
        #expect(a.length == b.length)
        let c = try CharacterAgreement.compare(length: a.length, coderA: a.spans, coderB: b.spans)
        // A covers "never felt safe" (15) + "ever" (4); B covers "felt safe there" (15).
        #expect(c.both == 9 && c.onlyA == 10 && c.onlyB == 6)
        #expect(c.neither == a.length - 25)
    }

    @Test func characterDegenerateCases() throws {
        let none = try CharacterAgreement.compare(length: 20, coderA: [], coderB: [])
        #expect(none.percentAgreement.value == 1)
        #expect(none.kappa.undefinedReason == .chanceAgreementIsOne)
        #expect(none.characterAlpha.undefinedReason == .noVariation)
        let empty = try CharacterAgreement.compare(length: 0, coderA: [], coderB: [])
        #expect(empty.kappa.undefinedReason == .emptyDocument)
        let all = try CharacterAgreement.compare(
            length: 5, coderA: [try ContinuumSpan(start: 0, end: 5)], coderB: [try ContinuumSpan(start: 0, end: 5)])
        #expect(all.kappa.undefinedReason == .chanceAgreementIsOne)
        #expect(all.percentAgreement.value == 1)
        let disjoint = try CharacterAgreement.compare(
            length: 4, coderA: [try ContinuumSpan(start: 0, end: 2)], coderB: [try ContinuumSpan(start: 2, end: 4)])
        expectAgreementClose(disjoint.kappa.value, -1, 1e-12)
        #expect(throws: ContinuumSpanError.outsideDocument(document: "d", end: 9, length: 5)) {
            try CharacterAgreement.compare(length: 5, coderA: [try ContinuumSpan(start: 0, end: 9)], coderB: [], document: "d")
        }
        #expect(throws: ContinuumSpanError.invalid(start: 3, end: 2)) { try ContinuumSpan(start: 3, end: 2) }
    }

    @Test func overallAcrossDocuments() throws {
        let d1 = CharacterAgreement(length: 1000, both: 50, onlyA: 100, onlyB: 50)
        let d2 = CharacterAgreement(length: 100, both: 0, onlyA: 0, onlyB: 0)  // undefined kappa
        let d3 = CharacterAgreement(length: 300, both: 100, onlyA: 0, onlyB: 0)  // kappa 1
        let o = CharacterAgreement.overall([d1, d2, d3])
        expectAgreementClose(o.lengthWeightedKappa.value, (0.3181818181818182 * 1000 + 300) / 1300, 1e-12)
        #expect(o.pooled == CharacterAgreement(length: 1400, both: 150, onlyA: 100, onlyB: 50))
        expectAgreementClose(o.pooledPercentAgreement.value, 1250.0 / 1400, 1e-12)
        #expect(o.pooledKappa.value != nil)
        #expect(CharacterAgreement.overall([d2]).lengthWeightedKappa.undefinedReason == .chanceAgreementIsOne)
    }

    @Test func segmentMatchingThresholds() throws {
        let a = try markedSpans("⟦0123456789⟧ abc ⟦defgh⟧ ij ⟦klm⟧")
        let b = try markedSpans("⟦012345678⟧9 abc ⟦de⟧fgh ij klm")
        // 0..<10 vs 0..<9: overlap 9 / union 10 = 0.9 → agree; defgh vs de: 2/5 → not; klm unmatched.
        let m = SegmentMatching.compare(coderA: a.spans, coderB: b.spans, threshold: 0.9)
        #expect(m == SegmentMatching(matchedA: 1, unmatchedA: 2, matchedB: 1, unmatchedB: 1))
        expectAgreementClose(m.percentAgreement.value, 2.0 / 5, 1e-12)
        let loose = SegmentMatching.compare(coderA: a.spans, coderB: b.spans, threshold: 0.4, rule: .longer)
        #expect(loose == SegmentMatching(matchedA: 2, unmatchedA: 1, matchedB: 2, unmatchedB: 0))
        expectAgreementClose(m.brennanPrediger(codes: 2).value, (0.4 - 0.5) / 0.5, 1e-12)
        #expect(SegmentMatching.compare(coderA: [], coderB: []).percentAgreement.undefinedReason == .noSegments)
    }

    @Test func segmentMatchingManyDirectionsAndNesting() throws {
        // A long segment containing a short one of B: B's segment overlaps all of itself but
        // only 10% of the union, so neither matches at 90%.
        let a = [try ContinuumSpan(start: 0, end: 100)]
        let b = [try ContinuumSpan(start: 0, end: 10), try ContinuumSpan(start: 2, end: 98)]
        let m = SegmentMatching.compare(coderA: a, coderB: b, threshold: 0.9)
        #expect(m == SegmentMatching(matchedA: 1, unmatchedA: 0, matchedB: 1, unmatchedB: 1))
    }

    @Test func comparisonGroupsByCodeAndDocument() throws {
        let codings = [
            ContinuumCoding(document: "d1", code: "safety", coder: "A", span: try ContinuumSpan(start: 0, end: 150)),
            ContinuumCoding(document: "d1", code: "safety", coder: "B", span: try ContinuumSpan(start: 100, end: 200)),
            ContinuumCoding(document: "d2", code: "belonging", coder: "A", span: try ContinuumSpan(start: 0, end: 10)),
            ContinuumCoding(document: "d2", code: "belonging", coder: "C", span: try ContinuumSpan(start: 0, end: 10)),
        ]
        let r = try ContinuumComparison(
            codings: codings, coderA: "A", coderB: "B", documentLengths: ["d1": 1000, "d2": 50])
        #expect(r.documents == ["d1", "d2"])
        #expect(r.codes.map(\.code) == ["belonging", "safety"])
        let safety = r.codes[1]
        expectAgreementClose(safety.characters[0].kappa.value, 0.3181818181818182, 1e-12)
        #expect(safety.characters[1] == CharacterAgreement(length: 50, both: 0, onlyA: 0, onlyB: 0))
        #expect(r.codes[0].characters[1] == CharacterAgreement(length: 50, both: 0, onlyA: 10, onlyB: 0))
        #expect(throws: ContinuumSpanError.unknownDocument("d9")) {
            try ContinuumComparison(
                codings: [ContinuumCoding(document: "d9", code: "x", coder: "A", span: try ContinuumSpan(start: 0, end: 1))],
                coderA: "A", coderB: "B", documentLengths: [:])
        }
    }
}
