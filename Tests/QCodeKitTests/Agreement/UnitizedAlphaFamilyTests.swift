import Foundation
import Testing

@testable import QCodeKit

private typealias Valued = UnitizedAlphaFamily.ValuedSpan

private func valued(_ triples: [(Int, Int, Int)]) throws -> [Valued] {
    try triples.map { try Valued(start: $0.0, end: $0.1, value: $0.2) }
}

private func family(_ length: Int, values: Int, _ coders: [[(Int, Int, Int)]]) throws -> UnitizedAlphaFamily {
    try UnitizedAlphaFamily.compute(length: length, values: values, coders: coders.map { try valued($0) })
}

/// Expected values come from two independent implementations, run once outside the project
/// on the same sections (offsets here are 0-based and end-exclusive; both were given the
/// equivalent 1-based inclusive or explicit-gap form):
/// - `reliability_alpha_u` of the R package quallmer (Krippendorff 2019 §12.6): `uα`, `|uα`
///   and `cuα` (R 4.2, `format(x, digits = 17)`);
/// - `KrippendorffUnitizedAlpha` of the PyPI package `krippendorff-unitized-alpha` 0.1.0: `uα`,
///   which agreed with quallmer to 9e-16 on all 90 continua of that run.
/// For more than two coders `cuα` matches quallmer only where each unit's pairable part was
/// coded by every other coder (see `UnitizedAlphaFamily`); those are the 3- to 5-coder cases.
@Suite("Unitizing alpha family: uα, |uα, cuα")
struct UnitizedAlphaFamilyTests {
    @Test(arguments: [
        ("2 coders, 2 codes", 10, 2, [[(0, 4, 0), (6, 9, 1)], [(0, 5, 0), (6, 9, 0)]],
         0.39459459459459467, 0.77600000000000002, 0.051948051948051965),
        ("2 coders, 4 codes, touching units", 20, 4, [[(1, 7, 3), (12, 14, 2), (14, 16, 3)], [(4, 12, 2), (19, 20, 3)]],
         -0.20245398773006129, -0.19736842105263142, 0),
        ("2 coders, 4 codes", 30, 4, [[(8, 18, 3), (19, 23, 0)], [(7, 9, 2), (10, 17, 2), (23, 27, 2)]],
         0.037765798143156726, 0.30411522633744859, -0.109375),
        ("2 coders, 3 codes, 10 units", 44, 3,
         [[(0, 7, 0), (11, 16, 2), (18, 27, 0), (33, 34, 2), (42, 44, 2)],
          [(8, 17, 0), (21, 28, 0), (30, 36, 2), (40, 42, 1), (42, 44, 1)]],
         0.040517736607784238, 0.029999999999999916, 0.20487804878048776),
        ("5 coders, same stretches", 26, 2,
         [[(1, 2, 1), (2, 6, 0), (13, 21, 1)], [(1, 6, 1), (13, 21, 0)], [(1, 6, 0), (13, 21, 1)],
          [(1, 6, 0), (13, 21, 1)], [(1, 6, 0), (13, 21, 1)]],
         0.67570572638178805, 1, 0.23319838056680164),
        ("4 coders, same stretches", 26, 3,
         [[(1, 4, 0), (10, 16, 2), (23, 25, 2)], [(1, 4, 2), (10, 16, 2), (23, 25, 2)],
          [(1, 4, 2), (10, 16, 0), (23, 25, 1)], [(1, 2, 2), (2, 4, 0), (10, 16, 2), (23, 25, 1)]],
         0.59833855361267985, 1, -0.020560511165939266),
        ("3 coders, same stretch split", 16, 2, [[(4, 12, 1)], [(4, 12, 0)], [(4, 5, 0), (5, 12, 1)]],
         0.50726676043131735, 1, 0.01728395061728405),
    ] as [(String, Int, Int, [[(Int, Int, Int)]], Double, Double, Double)])
    func matchesIndependentImplementations(
        name: String, length: Int, values: Int, coders: [[(Int, Int, Int)]], u: Double, binary: Double, cu: Double
    ) throws {
        let result = try family(length, values: values, coders)
        expectAgreementClose(result.alpha.value, u, 1e-12, "\(name): uα")
        expectAgreementClose(result.binaryAlpha.value, binary, 1e-12, "\(name): |uα")
        expectAgreementClose(result.codingAlpha.value, cu, 1e-12, "\(name): cuα")
    }

    /// A: 0..<4 code 0, 6..<9 code 1; B: 0..<5 code 0, 6..<9 code 0. Where both coded:
    /// l*₀₀ = 2 · 4 = 8, l*₀₁ = l*₁₀ = 3, l*.. = 14, marginals 11 and 3; pairable parts
    /// q = 4, 3 (A) and 4, 3 (B), so F*₀ = 16 + 16 + 9 = 41 and F*₁ = 9. Then
    /// e*₀₀ = 14 · (121 − 41) / (196 − 50) = 1120/146, e*₁₁ = 0, and
    /// cuα = 1 − 6 / (14 − 1120/146) = 4/77.
    @Test func codingAlphaByHand() throws {
        let result = try family(10, values: 2, [[(0, 4, 0), (6, 9, 1)], [(0, 5, 0), (6, 9, 0)]])
        #expect(result.observedCoincidences[1][1] == 8)
        #expect(result.observedCoincidences[1][2] == 3 && result.observedCoincidences[2][1] == 3)
        expectAgreementClose(result.expectedCodingCoincidences[0][0], 1120.0 / 146, 1e-12)
        #expect(result.expectedCodingCoincidences[1][1] == 0)
        expectAgreementClose(result.codingAlpha.value, 4.0 / 77, 1e-12)
        #expect(result.units == 4 && result.coders == 2 && result.length == 10)
    }

    /// More than two coders where not every other coder coded a unit's pairable part: our
    /// weighting (see `UnitizedAlphaFamily`). 0.5515613652868556 is also what a direct
    /// position-by-position computation of the documented formula gives (to 8e-16, in the
    /// same one-off run as above); quallmer's unweighted reading gives 0.5788. `uα` and `|uα`
    /// still match quallmer and PyPI.
    @Test func moreCodersPartlyPaired() throws {
        let result = try family(20, values: 3, [
            [(2, 8, 0), (10, 14, 1), (15, 19, 2)], [(3, 8, 0), (10, 13, 1), (16, 19, 1)], [(2, 9, 0), (11, 14, 2)],
        ])
        expectAgreementClose(result.alpha.value, 0.45547561950439641, 1e-12, "uα")
        expectAgreementClose(result.binaryAlpha.value, 0.48099047619047619, 1e-12, "|uα")
        expectAgreementClose(result.codingAlpha.value, 0.5515613652868556, 1e-12, "cuα")
    }

    @Test func oneValueBinaryEqualsTheSingleCodeForm() throws {
        let a = [(2, 8), (12, 15)], b = [(3, 8), (11, 16)], c = [(2, 9)]
        let result = try family(20, values: 1, [a, b, c].map { $0.map { ($0.0, $0.1, 0) } })
        let single = try UnitizedAlpha2016.compute(length: 20, coders: [a, b, c].map { try $0.map { try ContinuumSpan(start: $0.0, end: $0.1) } })
        expectAgreementClose(result.binaryAlpha.value, single.alpha.value!, 1e-12)
        expectAgreementClose(result.alpha.value, single.alpha.value!, 1e-12)
        // One code: where coders meet they always agree on it, so cuα has nothing to vary.
        #expect(result.codingAlpha.undefinedReason == .noVariation)
    }

    @Test func identicalCodingsGiveOne() throws {
        let coder = [(0, 3, 0), (3, 7, 1), (9, 12, 2)]
        let result = try family(15, values: 3, [coder, coder, coder])
        #expect(result.alpha.value == 1)
        #expect(result.binaryAlpha.value == 1)
        #expect(result.codingAlpha.value == 1)
    }

    @Test func sameValueOverlapsMergeButDifferentValuesAreRefused() throws {
        let merged = try family(10, values: 2, [[(0, 4, 0), (2, 6, 0)], [(0, 6, 0)]])
        #expect(merged.units == 2)
        #expect(merged.binaryAlpha.value == 1)
        let clash = try UnitizedAlphaFamily.compute(
            [.init(length: 10, coders: [try valued([(0, 4, 0), (3, 6, 1)]), try valued([(0, 6, 0)])], document: "GP01")],
            values: 2)
        #expect(clash.overlap == UnitizedAlphaFamily.Overlap(document: "GP01", coder: 0, offset: 3))
        for alpha in [clash.alpha, clash.binaryAlpha, clash.codingAlpha] {
            #expect(alpha.undefinedReason == .overlappingValues)
        }
        // Touching spans of different codes are fine.
        #expect(try family(10, values: 2, [[(0, 4, 0), (4, 6, 1)], [(0, 6, 0)]]).overlap == nil)
    }

    @Test func undefinedCases() throws {
        #expect(try family(10, values: 2, [[(0, 4, 0)]]).alpha.undefinedReason == .noPairableUnits)
        #expect(try UnitizedAlphaFamily.compute([], values: 2).alpha.undefinedReason == .noPairableUnits)
        #expect(try family(0, values: 2, [[], []]).alpha.undefinedReason == .emptyDocument)
        #expect(try family(10, values: 2, [[], []]).codingAlpha.undefinedReason == .noSegments)
        // Units that never meet: |uα is defined, cuα has no coincidences at all.
        let apart = try family(10, values: 2, [[(0, 3, 0)], [(5, 8, 1)]])
        #expect(apart.binaryAlpha.value != nil)
        #expect(apart.codingAlpha.undefinedReason == .noPairableUnits)
        // Everyone coded everything with one code: no expected disagreement anywhere.
        #expect(try family(10, values: 2, [[(0, 10, 0)], [(0, 10, 0)]]).alpha.undefinedReason == .noVariation)
    }

    @Test func badSpansThrow() throws {
        #expect(throws: ContinuumSpanError.outsideDocument(document: "", end: 12, length: 10)) {
            try family(10, values: 2, [[(0, 12, 0)], []])
        }
        #expect(throws: ContinuumSpanError.invalidValue(2, values: 2)) { try family(10, values: 2, [[(0, 2, 2)], []]) }
        #expect(throws: ContinuumSpanError.invalid(start: 5, end: 4)) { try Valued(start: 5, end: 4, value: 0) }
    }

    /// Seeded random continua (2–6 coders, 2–5 codes, up to 3 documents): every alpha is a
    /// number no greater than 1, and pooled documents are undefined exactly when their
    /// concatenation is.
    @Test func randomContinuaStayInRange() throws {
        var rng = SplitMix64(seed: 42)
        func below(_ n: Int) -> Int { Int(rng.next(below: UInt64(n))) }
        for _ in 0..<300 {
            let m = 2 + below(5), values = 2 + below(4)
            var continua: [UnitizedAlphaFamily.Continuum] = []
            var joined = [[Valued]](repeating: [], count: m)
            var offset = 0
            for _ in 0..<(1 + below(3)) {
                let length = 5 + below(60)
                var coders: [[Valued]] = []
                for c in 0..<m {
                    var spans: [Valued] = [], cursor = below(6)
                    while cursor < length - 1 {
                        let end = min(length, cursor + 1 + below(12))
                        spans.append(try Valued(start: cursor, end: end, value: below(values)))
                        cursor = end + below(8)
                    }
                    coders.append(spans)
                    joined[c] += try spans.map { try Valued(start: $0.start + offset, end: $0.end + offset, value: $0.value) }
                }
                continua.append(.init(length: length, coders: coders))
                offset += length
            }
            let pooled = try UnitizedAlphaFamily.compute(continua, values: values)
            let single = try UnitizedAlphaFamily.compute(length: offset, values: values, coders: joined)
            for (a, b) in [(pooled.alpha, single.alpha), (pooled.binaryAlpha, single.binaryAlpha),
                           (pooled.codingAlpha, single.codingAlpha)] {
                if let value = a.value {
                    #expect(value <= 1 + 1e-12 && value.isFinite)
                }
                #expect(a.undefinedReason == b.undefinedReason)
            }
        }
    }
}
