import Foundation
import Testing
@testable import QCodeKit

@Suite struct CooccurrenceCrosstabTests {
    let fixture: ExportFixture
    init() throws { fixture = try ExportFixture() }
    /// Both coders, pooled on purpose (the fixture's counts are of both).
    let both = ["ann", "bob"]

    @Test func severalCodersNeedAChoice() throws {
        #expect(throws: ExportError.severalCoders(["ann", "bob"])) { try fixture.project.cooccurrence() }
        #expect(throws: ExportError.severalCoders(["ann", "bob"])) { try fixture.project.cooccurrencePairs() }
        #expect(throws: ExportError.severalCoders(["ann", "bob"])) { try fixture.project.crosstab(.init(attribute: "group")) }
        #expect(throws: ExportError.noSuchCoder("consensus", known: ["ann", "bob"])) {
            try fixture.project.crosstab(.init(attribute: "group", coders: ["consensus"]))
        }
    }

    @Test func pairsHaveTheCCoefficientAndJaccard() throws {
        let table = try fixture.project.cooccurrencePairs(.init(unit: .document, level: 1, coders: both))
        #expect(table.columns == ["code_a", "code_b", "unit", "n_a", "n_b", "n_ab", "c_coefficient", "jaccard"])
        // Social Cure in 2 documents, link-worker in 1, both in 1: 1 / (2 + 1 - 1).
        #expect(table.rows == [[.text("Social Cure"), .text("link-worker"), .text("document"), .integer(2), .integer(1), .integer(1),
                                .number(0.5), .number(0.5)]])
        let segments = try fixture.project.cooccurrencePairs(.init(unit: .segment, coders: both))
        let row = try #require(segments.rows.first { $0[0] == .text("Social Cure/community-belonging") && $0[1] == .text("Social Cure/loneliness") })
        // 1 belonging coding, 3 loneliness codings, 1 overlapping pair: c = 1 / 3; no Jaccard for segments.
        #expect(row.suffix(5) == [.integer(1), .integer(3), .integer(1), .number(1.0 / 3), .null])
    }

    private func counts(_ table: ExportTable) -> [[Int]] {
        table.rows.map { $0.dropFirst().map { if case .integer(let value) = $0 { return value } else { return -1 } } }
    }

    @Test func byTurn() throws {
        let table = try fixture.project.cooccurrence(.init(unit: .turn, coders: both))
        #expect(table.columns == ["code", "Social Cure", "Social Cure/community-belonging", "Social Cure/loneliness",
                                  "link-worker", "link-worker/trust"])
        #expect(counts(table) == [
            [2, 1, 2, 0, 0],
            [1, 1, 1, 0, 0],
            [2, 1, 2, 0, 0],
            [0, 0, 0, 1, 1],
            [0, 0, 0, 1, 1],
        ])
    }

    @Test func byDocumentAtThemeLevel() throws {
        let table = try fixture.project.cooccurrence(.init(unit: .document, level: 1, coders: both))
        #expect(counts(table) == [[2, 1], [1, 1]])
        let bob = try fixture.project.cooccurrence(.init(unit: .document, level: 1, coders: ["bob"]))
        #expect(counts(bob) == [[1, 0], [0, 0]])
    }

    @Test func bySegmentCountsOverlappingCodings() throws {
        #expect(counts(try fixture.project.cooccurrence(.init(unit: .segment, level: 1, coders: both))) == [[4, 0], [0, 2]])
        let table = try fixture.project.cooccurrence(.init(unit: .segment, coders: both))
        // belonging overlaps one loneliness coding; the two BB02 codings do not overlap.
        #expect(table.rows[1][3] == .integer(1))
        #expect(table.rows[2][2] == .integer(1))
        #expect(table.rows[2][3] == .integer(3))
    }

    @Test func turnUnitsOfACodingAcrossTurns() {
        let turns = [TurnInfo(number: 1, start: 0, end: 10), TurnInfo(number: 2, start: 12, end: 20), TurnInfo(number: 3, start: 20, end: 30)]
        #expect(Project.turnUnits(start: 5, end: 15, turns: turns) == [1, 2])
        #expect(Project.turnUnits(start: 10, end: 12, turns: turns) == [1])   // in the gap: the turn before
        #expect(Project.turnUnits(start: 0, end: 5, turns: []) == [0])        // no turns: the document
    }

    @Test func crosstabCountsCasesPerAttributeValue() throws {
        let table = try fixture.project.crosstab(.init(attribute: "group", coders: both))
        #expect(table.columns == ["code", "GP", "service user", "total"])
        #expect(counts(table) == [[1, 1, 2], [0, 1, 1], [1, 1, 2], [0, 1, 1], [0, 1, 1]])
    }

    @Test func crosstabCountsSegments() throws {
        let table = try fixture.project.crosstab(.init(attribute: "group", count: .segments, level: 1, coders: both))
        #expect(try table.rendered(.csv) == "code,GP,service user,total\r\nSocial Cure,2,2,4\r\nlink-worker,0,2,2\r\n")
    }

    @Test func crosstabOrdersNumbersAndRejectsUnknownAttributes() throws {
        let table = try fixture.project.crosstab(.init(attribute: "age", level: 1, coders: both))
        #expect(table.columns == ["code", "40", "50", "total"])
        #expect(throws: ExportError.noSuchAttribute("sex", known: ["group", "age"])) {
            try fixture.project.crosstab(.init(attribute: "sex", coders: both))
        }
    }
}
