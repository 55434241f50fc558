import Testing

@testable import QCodeKit

/// Assigning two coders' codings to units, from plain codings and spans (no project).
@Suite struct UnitAssignmentsTests {
    typealias Coding = AgreementScope.Coding
    let units = UnitSpans([TextSpan(start: 0, end: 10), TextSpan(start: 10, end: 20), TextSpan(start: 30, end: 40)])
    let codings = [
        Coding(document: 0, coder: 0, code: 2, start: 5, end: 15),
        Coding(document: 0, coder: 1, code: 2, start: 8, end: 12),
        Coding(document: 0, coder: 1, code: 3, start: 30, end: 35),
        Coding(document: 0, coder: 0, code: 4, start: 35, end: 40),
    ]

    private func key(_ unit: Int, _ code: Int) -> UnitAssignments.Key { .init(unit: unit, code: code) }

    @Test func eachCodersPartOfEachUnit() {
        let assignments = UnitAssignments(codings: codings, coders: 2, units: units, minOverlap: 1) { $0 != 4 }
        #expect(assignments.keys == [key(0, 2), key(1, 2), key(2, 3)])
        #expect(assignments.pieces[key(0, 2)] == [[TextSpan(start: 5, end: 10)], [TextSpan(start: 8, end: 10)]])
        #expect(assignments.pieces[key(1, 2)] == [[TextSpan(start: 10, end: 15)], [TextSpan(start: 10, end: 12)]])
        #expect(assignments.pieces[key(2, 3)] == [[], [TextSpan(start: 30, end: 35)]])
    }

    @Test func minimumOverlapLeavesOutGrazedUnits() {
        let assignments = UnitAssignments(codings: codings, coders: 2, units: units, minOverlap: 3) { _ in true }
        // Coder 1's 8..<12 overlaps each unit by 2 characters only.
        #expect(assignments.pieces[key(0, 2)] == [[TextSpan(start: 5, end: 10)], []])
        #expect(assignments.pieces[key(2, 4)] == [[TextSpan(start: 35, end: 40)], []])
    }

    @Test func theScopeFormReadsOneDocumentsCodings() {
        let scope = AgreementScope(
            coders: ["a", "b"],
            documents: [.init(id: 10, name: "one", length: 40), .init(id: 20, name: "two", length: 40)],
            codes: (0..<5).map { FlatCode(id: "c\($0)", name: "c\($0)") },
            codings: codings.reversed() + [Coding(document: 1, coder: 0, code: 1, start: 0, end: 5)])
        let fromScope = UnitAssignments(scope: scope, document: 0, units: units, minOverlap: 1) { $0 != 4 }
        let direct = UnitAssignments(codings: codings, coders: 2, units: units, minOverlap: 1) { $0 != 4 }
        #expect(fromScope.pieces == direct.pieces)
    }

    @Test func unionJoinsOverlappingAndTouchingSpans() {
        let spans = [TextSpan(start: 12, end: 14), TextSpan(start: 5, end: 10), TextSpan(start: 20, end: 22),
                     TextSpan(start: 8, end: 12), TextSpan(start: 3, end: 3)]
        #expect(UnitAssignments.union(spans) == [TextSpan(start: 5, end: 14), TextSpan(start: 20, end: 22)])
    }
}

/// The scope's indexing of plain codings (no project).
@Suite struct AgreementScopeTests {
    @Test func codingsAreSortedAndIndexedByDocument() {
        typealias Coding = AgreementScope.Coding
        let codes = try! Codebook.build(fromFlat: [
            FlatCode(id: "t", name: "t"), FlatCode(id: "a", parentID: "t", name: "a"), FlatCode(id: "o", position: 1, name: "o"),
        ]).flattened
        let scope = AgreementScope(
            coders: ["ann", "ben"],
            documents: [.init(id: 5, name: "d5", length: 100), .init(id: 9, name: "d9", length: 50),
                        .init(id: 11, name: "d11", length: 10)],
            codes: codes,
            codings: [
                Coding(document: 1, coder: 1, code: 2, start: 4, end: 9),
                Coding(document: 0, coder: 1, code: 1, start: 0, end: 5),
                Coding(document: 1, coder: 0, code: 2, start: 4, end: 9),
                Coding(document: 0, coder: 0, code: 1, start: 0, end: 3),
            ])
        #expect(scope.parent == [nil, 0, nil])
        #expect(scope.codingStart == [0, 2, 4, 4])
        #expect(scope.codings(ofDocument: 0).map { [$0.coder, Int32($0.end)] } == [[0, 3], [1, 5]])
        #expect(scope.codings(ofDocument: 1).map(\.coder) == [0, 1])
        #expect(scope.codings(ofDocument: 2).isEmpty)
        #expect(scope.topLevel(1) == 0 && scope.isInSubtree(1, of: 0) && !scope.isInSubtree(2, of: 0))
    }
}
