import Testing

@testable import QCodeKit

@Suite struct UnitCodingTests {
    let units = UnitSpans([TextSpan(start: 20, end: 30), TextSpan(start: 0, end: 10), TextSpan(start: 40, end: 43)])

    @Test func findsOverlappedUnitsInOrder() {
        #expect(units.starts == [0, 20, 40])
        #expect(units.units(overlapping: 5, 25, minOverlap: 1) == 0..<2)
        #expect(units.units(overlapping: 10, 20, minOverlap: 1).isEmpty)  // the gap between units
        #expect(units.units(overlapping: 9, 21, minOverlap: 1) == 0..<2)
        #expect(units.units(overlapping: 0, 100, minOverlap: 1) == 0..<3)
    }

    @Test func minimumOverlapTrimsEdgesButKeepsShortUnitsCoveredWhole() {
        #expect(units.units(overlapping: 8, 25, minOverlap: 3) == 1..<2)  // 2 chars of unit 0, 5 of unit 1
        #expect(units.units(overlapping: 8, 50, minOverlap: 5) == 1..<3)  // unit 2 (3 chars) covered whole
    }

    @Test func countsTwoAndThreeCoders() {
        var sweep = UnitCoding(rows: 1, coders: 3)
        sweep.reset(units: 130)
        sweep.mark(row: 0, coder: 0, units: 0..<100)
        sweep.mark(row: 0, coder: 1, units: 50..<130)
        sweep.mark(row: 0, coder: 2, units: 60..<70)
        var tally = BinaryAgreement(coders: 3)
        sweep.count(row: 0, into: &tally)
        #expect(tally.unitsByCount == [0, 50 + 30, 40, 10])
        sweep.reset(units: 5)
        var empty = BinaryAgreement(coders: 3)
        sweep.count(row: 0, into: &empty)
        #expect(empty.unitsByCount == [5, 0, 0, 0])
    }
}
