import Foundation
import Testing
@testable import QCodeKit

@Suite struct CodeMatrixTests {
    let fixture: ExportFixture
    init() throws { fixture = try ExportFixture() }

    @Test func presenceHasOneRowPerLinkedCaseWithAttributesFirst() throws {
        let matrix = try fixture.project.codeMatrix(.init(value: .presence, coder: "ann"))
        #expect(try matrix.table.rendered(.csv) == """
            case,group,age,social_cure,sc_community_belonging,sc_loneliness,link_worker,lw_trust\r
            AA01,service user,40,1,1,1,1,1\r
            BB02,GP,50,1,0,1,0,0\r

            """)
    }

    @Test func countsIncludeDescendants() throws {
        let matrix = try fixture.project.codeMatrix(.init(value: .count, coder: "ann"))
        #expect(matrix.table.rows.map { Array($0.dropFirst(3)) } == [
            [.integer(2), .integer(1), .integer(1), .integer(2), .integer(2)],
            [.integer(1), .integer(0), .integer(1), .integer(0), .integer(0)],
        ])
    }

    @Test func coverageIsTheUnionOfCodedCharactersOverTheCaseText() throws {
        let matrix = try fixture.project.codeMatrix(.init(value: .coverage, coder: "ann"))
        let aa = Double(fixture.characters["AA01_interview"]!)
        let bb = Double(fixture.characters["BB02_interview"]!)
        let belongingOrLonely = Double("I felt I belonged there. But I was lonely".count)
        #expect(matrix.table.rows[0].dropFirst(3).map { $0 } == [
            .number(belongingOrLonely / aa), .number(23 / aa), .number(32 / aa),
            .number(24 / aa), .number(24 / aa),  // nested trust codings count once
        ])
        #expect(matrix.table.rows[1][3] == .number(17 / bb))
    }

    @Test func levelRollsCodesUpToThemes() throws {
        let matrix = try fixture.project.codeMatrix(.init(value: .count, level: 1, coder: "ann"))
        #expect(matrix.table.columns == ["case", "group", "age", "social_cure", "link_worker"])
        #expect(matrix.table.rows.map { Array($0.dropFirst(3)) } == [[.integer(2), .integer(2)], [.integer(1), .integer(0)]])
    }

    @Test func byDocumentGivesDocumentAndCase() throws {
        let matrix = try fixture.project.codeMatrix(.init(unit: .document, level: 1, coder: "bob"))
        #expect(matrix.table.columns.prefix(3) == ["document", "case", "group"])
        #expect(matrix.table.rows.map { [$0[0], $0[4], $0[5]] } == [
            [.text("AA01_interview"), .null, .null],  // bob never coded it: missing, not 0
            [.text("BB02_interview"), .integer(1), .integer(0)],
        ])
    }

    @Test func aDocumentMarkedDoneTurnsMissingIntoAbsent() throws {
        let before = try fixture.project.codeMatrix(.init(level: 1, coder: "bob"))
        #expect(before.table.rows[0].suffix(2) == [.null, .null])  // AA01: bob never coded it
        // bob marks AA01_interview fully coded: his silence there now means absent.
        try fixture.project.write { store in
            let document = try store.documentID(named: "AA01_interview")
            let coder = try #require(try store.existingCoderID(named: "bob"))
            try DocumentMarkRecord(documentID: document, coderID: coder, markedAt: "2026-11-29T12:00:00Z").insert(store.db)
        }
        #expect(try fixture.project.read { store in try store.documentIDsMarkedDone(coderID: #require(try store.existingCoderID(named: "bob"))) }.count == 1)
        let after = try fixture.project.codeMatrix(.init(level: 1, coder: "bob"))
        #expect(after.table.rows[0].suffix(2) == [.integer(0), .integer(0)])
        // bob's mark is his alone: BB02, which he coded, and ann's matrix are as before.
        #expect(after.table.rows[1] == before.table.rows[1])
    }

    @Test func severalCodersNeedAChoice() throws {
        #expect(throws: ExportError.severalCoders(["ann", "bob"])) { try fixture.project.codeMatrix() }
        #expect(throws: ExportError.noSuchCoder("consensus", known: ["ann", "bob"])) {
            try fixture.project.codeMatrix(.init(coder: "consensus"))
        }
        #expect(throws: ExportError.badLevel(0)) { try fixture.project.codeMatrix(.init(level: 0, coder: "ann")) }
    }

    @Test func joinAddsSurveyColumnsBeforeCodesAndReportsOneSidedIDs() throws {
        var matrix = try fixture.project.codeMatrix(.init(level: 1, coder: "ann"))
        let survey = try CaseTable.parse(data: Data("participant_id,wellbeing,age\nAA01,7,40\nZZ09,3,20\n".utf8),
                                         fileName: "followup.csv", idColumn: "participant_id")
        let report = matrix.join(survey, source: "followup.csv")
        #expect(report == JoinReport(onlyInMatrix: ["BB02"], onlyInTable: ["ZZ09"], skippedColumns: ["age"]))
        #expect(matrix.table.columns == ["case", "group", "age", "wellbeing", "social_cure", "link_worker"])
        #expect(matrix.table.rows.map { $0[3] } == [.integer(7), .null])
        #expect(matrix.dictionary.rows[3] == [.text("wellbeing"), .text("survey"), .null, .text("wellbeing"),
                                               .text("from followup.csv (integer)"),
                                               .text("the wellbeing column of followup.csv, matched on participant_id")])
    }

    @Test func dictionaryDescribesCodeColumns() throws {
        let dictionary = try fixture.project.codeMatrix(.init(coder: "ann")).dictionary
        #expect(dictionary.columns == ["column", "kind", "code_path", "label", "description", "values"])
        let row = try #require(dictionary.rows.first { $0[0] == .text("sc_loneliness") })
        #expect(row[1] == .text("code") && row[2] == .text("Social Cure/loneliness"))
    }

    @Test func coveredLengthsMergeOverlapsPerDocument() {
        let covered = Project.coveredLengths(cells: 2, intervals: [
            (0, 1, 0, 10), (0, 1, 5, 12), (0, 2, 0, 10), (0, 1, 20, 25), (1, 1, 3, 4), (1, 1, 3, 4),
        ])
        #expect(covered == [12 + 10 + 5, 1])
    }
}
