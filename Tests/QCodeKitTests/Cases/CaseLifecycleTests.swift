import Foundation
import Testing
@testable import QCodeKit

/// Renaming, removing, unlinking and merging cases and setting their values; each change
/// is one typed audit entry that undo reverses exactly.
@Suite struct CaseLifecycleTests {
    private func project() throws -> Project {
        let project = try TestProject.make()
        let folder = project.url.deletingLastPathComponent()
        for name in ["P01_a.txt", "P01_b.txt", "P02.txt"] {
            try Data("Interviewer: hello \(name)\nR: hi\n".utf8).write(to: folder.appendingPathComponent(name))
        }
        _ = try project.importFiles(["P01_a.txt", "P01_b.txt", "P02.txt"].map { folder.appendingPathComponent($0) },
                                    cases: .fromFileName("^(P[0-9]{2})"))
        let csv = folder.appendingPathComponent("survey.csv")
        try Data("participant_id,group,age\nP01,user,67\nP02,,45\n".utf8).write(to: csv)
        _ = try project.importCases(try CaseTable.read(contentsOf: csv, idColumn: "participant_id"), source: "survey.csv")
        return project
    }

    @Test func renameKeepsDocumentsAndValuesAndUndoes() throws {
        let project = try project()
        let before = try TableDump.of(project)
        #expect(try project.renameCase("P01", to: " Q01 ") == ("P01", "Q01"))
        let renamed = try project.caseRecord("Q01")
        #expect(renamed.documents == ["P01_a", "P01_b"] && renamed.attributes["age"] == .integer(67))
        #expect(throws: CaseError.nameTaken("P02")) { try project.renameCase("Q01", to: "P02") }
        #expect(throws: CaseError.notFound("P09")) { try project.renameCase("P09", to: "X") }
        #expect(throws: CaseError.emptyName) { try project.renameCase("Q01", to: " ") }
        #expect(try project.auditEntries(limit: 1).first?.auditAction == .cases(CaseEdit(operation: .rename, subjects: ["P01", "Q01"])))
        try project.undo()
        #expect(try TableDump.of(project) == before)
    }

    @Test func removeUnlinksItsDocumentsAndUndoes() throws {
        let project = try project()
        let before = try TableDump.of(project)
        #expect(try project.removeCase("P01") == ["P01_a", "P01_b"])
        #expect(try project.cases().map(\.name) == ["P02"])
        #expect(try project.documents().map(\.case) == [nil, nil, "P02"])
        #expect(try project.auditEntries(limit: 1).first?.action == "case.remove")
        try project.undo()
        #expect(try TableDump.of(project) == before)
    }

    @Test func unlinkLeavesTheCaseAndUndoes() throws {
        let project = try project()
        let before = try TableDump.of(project)
        #expect(try project.unlinkDocument("P01_b") == ("P01_b", "P01"))
        #expect(try project.caseRecord("P01").documents == ["P01_a"])
        let entries = try project.auditEntries(limit: 100).count
        #expect(try project.unlinkDocument("P01_b") == ("P01_b", nil))
        #expect(try project.auditEntries(limit: 100).count == entries)
        try project.undo()
        #expect(try TableDump.of(project) == before)
    }

    @Test func mergeMovesDocumentsAndValuesAndRefusesConflictsUnlessAPreferenceIsGiven() throws {
        let project = try project()
        let before = try TableDump.of(project)
        #expect(throws: CaseError.conflictingValues(from: "P01", into: "P02", [CaseValueConflict(attribute: "age", from: "67", into: "45")])) {
            try project.mergeCase("P01", into: "P02")
        }
        #expect(try TableDump.of(project) == before)
        #expect(!"\(CaseError.conflictingValues(from: "a", into: "b", []))".contains("--"))
        let kept = try project.mergeCase("P01", into: "P02", prefer: .target)
        #expect(kept.documents == 2 && kept.values == 1 && kept.conflicts.count == 1)
        let p02 = try project.caseRecord("P02")
        #expect(p02.documents == ["P01_a", "P01_b", "P02"])
        #expect(p02.attributes["age"] == .integer(45) && p02.attributes["group"] == .text("user"))
        #expect(try project.cases().map(\.name) == ["P02"])
        try project.undo()
        #expect(try TableDump.of(project) == before)
        let taken = try project.mergeCase("P01", into: "P02", prefer: .source)
        #expect(taken.values == 2)
        #expect(try project.caseRecord("P02").attributes["age"] == .integer(67))
        #expect(throws: CaseError.mergeIntoItself("P02")) { try project.mergeCase("P02", into: "P02") }
    }

    @Test func setChecksTypesInfersNewAttributesAndUnsetClears() throws {
        let project = try project()
        let before = try TableDump.of(project)
        #expect(throws: CaseError.badValue(attribute: "age", type: .integer, value: "old")) {
            try project.setCaseValue("P01", attribute: "age", value: "old")
        }
        let age = try project.setCaseValue("P01", attribute: "AGE", value: "68")
        #expect(age.attribute == "age" && age.before == "67" && age.after == "68" && !age.newAttribute)
        let joined = try project.setCaseValue("P02", attribute: "joined", value: "2024-03-01")
        #expect(joined.newAttribute && joined.type == .date)
        #expect(try project.attributes().map(\.name) == ["group", "age", "joined"])
        #expect(try project.caseRecord("P01").attributes["age"] == .integer(68))
        let cleared = try project.unsetCaseValue("P01", attribute: "Group")
        #expect(cleared.before == "user" && cleared.attribute == "group")
        #expect(try project.unsetCaseValue("P01", attribute: "group").before == nil)
        #expect(throws: CaseError.noAttribute("colour")) { try project.unsetCaseValue("P01", attribute: "colour") }
        #expect(try project.auditEntries(limit: 1).first?.auditAction
                == .cases(CaseEdit(operation: .unset, subjects: ["P01"], detail: "group")))
        try project.undo()
        try project.undo()
        try project.undo()
        #expect(try TableDump.of(project) == before)
    }

    @Test func importMatchesAColumnThatDiffersOnlyInCaseWithANote() throws {
        let project = try project()
        let csv = project.url.deletingLastPathComponent().appendingPathComponent("more.csv")
        try Data("participant_id,Age,sex\nP01,70,f\n".utf8).write(to: csv)
        let report = try project.importCases(try CaseTable.read(contentsOf: csv, idColumn: nil), source: "more.csv")
        #expect(report.notes == ["column 'Age' matched the existing attribute 'age'"])
        #expect(report.attributes.map(\.name) == ["age", "sex"])
        #expect(try project.attributes().map(\.name) == ["group", "age", "sex"])
        #expect(try project.caseRecord("P01").attributes["age"] == .integer(70))
        #expect(try project.auditEntries(limit: 1).first?.auditAction == .cases(CaseEdit(operation: .import, subjects: ["more.csv"])))
    }
}
