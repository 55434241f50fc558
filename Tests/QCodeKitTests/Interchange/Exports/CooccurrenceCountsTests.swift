import Testing

@testable import QCodeKit

/// Co-occurrence counting from plain codings and turns, without a project.
@Suite struct CooccurrenceCountsTests {
    private typealias Coding = CooccurrenceCounts.Coding

    private func matrix(_ counts: CooccurrenceCounts) -> [[Int]] {
        (0..<counts.width).map { a in (0..<counts.width).map { b in counts[a, b] } }
    }

    @Test func documentsAreUnits() {
        var counts = CooccurrenceCounts(unit: .document, columns: 3)
        counts.add(document: [Coding(start: 0, end: 5, columns: [0]), Coding(start: 9, end: 12, columns: [1]),
                              Coding(start: 20, end: 25, columns: [0, 2])], turns: [])
        counts.add(document: [Coding(start: 0, end: 5, columns: [0])], turns: [])
        #expect(matrix(counts) == [
            [2, 1, 1],
            [1, 1, 1],
            [1, 1, 1],
        ])
    }

    @Test func turnsAreUnitsAndACodeCountsOncePerTurn() {
        let turns = [TurnInfo(number: 1, start: 0, end: 10), TurnInfo(number: 2, start: 12, end: 20),
                     TurnInfo(number: 3, start: 20, end: 30)]
        var counts = CooccurrenceCounts(unit: .turn, columns: 3)
        counts.add(document: [
            Coding(start: 0, end: 3, columns: [0]),     // turn 1
            Coding(start: 5, end: 15, columns: [0]),    // turns 1 and 2
            Coding(start: 10, end: 12, columns: [2]),   // between turns: the turn before, 1
            Coding(start: 13, end: 14, columns: [1]),   // turn 2
            Coding(start: 25, end: 28, columns: [1]),   // turn 3
        ], turns: turns)
        // Turn 1: {0, 2}; turn 2: {0, 1}; turn 3: {1}.
        #expect(matrix(counts) == [
            [2, 1, 1],
            [1, 2, 0],
            [1, 0, 1],
        ])
    }

    @Test func segmentsCountOverlappingPairsOnce() {
        let codings = [
            Coding(start: 0, end: 10, columns: [0, 1]),  // a code and its parent: one segment for both
            Coding(start: 5, end: 8, columns: [2]),      // overlaps the first
            Coding(start: 10, end: 12, columns: [2]),    // touches the first: no overlap
        ]
        var counts = CooccurrenceCounts(unit: .segment, columns: 3)
        counts.add(document: codings, turns: [])
        #expect(matrix(counts) == [
            [1, 1, 1],
            [1, 1, 1],
            [1, 1, 2],
        ])
        var shuffled = CooccurrenceCounts(unit: .segment, columns: 3)
        shuffled.add(document: [codings[2], codings[1], codings[0]], turns: [])
        #expect(shuffled == counts)
    }

    @Test func openCodingsDoNotCarryOverToTheNextDocument() {
        var counts = CooccurrenceCounts(unit: .segment, columns: 2)
        counts.add(document: [Coding(start: 0, end: 100, columns: [0])], turns: [])
        counts.add(document: [Coding(start: 10, end: 20, columns: [1])], turns: [])
        #expect(matrix(counts) == [[1, 0], [0, 1]])
    }

    @Test func tableHasACodeColumnThenOneColumnPerPath() throws {
        var counts = CooccurrenceCounts(unit: .document, columns: 2)
        counts.add(document: [Coding(start: 0, end: 1, columns: [0]), Coding(start: 2, end: 3, columns: [0, 1])], turns: [])
        let table = counts.table(paths: ["a", "a/b"])
        #expect(try table.rendered(.csv) == "code,a,a/b\r\na,1,1\r\na/b,1,1\r\n")
    }
}
