import Foundation
import Testing
@testable import QCodeKit

@Suite struct CaseStoreTests {
    @Test func importTypesUpdatesAndLinks() throws {
        let project = try TestProject.withTranscript(sampleInterview, name: "P01_interview.txt")
        let csv = project.url.deletingLastPathComponent().appendingPathComponent("survey.csv")
        try Data("participant_id,group,age,score,joined,date\nP01,user,67,3.5,yes,2018-01-15\nP02,GP,45,,no,2018-02-01\n".utf8).write(to: csv)
        let report = try project.importCases(try CaseTable.read(contentsOf: csv, idColumn: "participant_id"), source: "survey.csv")
        #expect(report.created == 2)
        #expect(report.attributes.map(\.type) == [.text, .integer, .number, .boolean, .date])
        try project.link(document: "P01", toCase: "P01")
        let p01 = try project.caseRecord("P01")
        #expect(p01.attributes["age"] == .integer(67))
        #expect(p01.attributes["score"] == .number(3.5))
        #expect(p01.attributes["joined"] == .boolean(true))
        #expect(p01.documents == ["P01_interview"])
        try Data("participant_id,group,age,score,joined,date\nP01,user,68,,yes,2018-01-15\n".utf8).write(to: csv)
        let again = try project.importCases(try CaseTable.read(contentsOf: csv, idColumn: nil), source: "survey.csv")
        #expect(again.created == 0 && again.updated == 1)
        #expect(try project.caseRecord("P01").attributes["age"] == .integer(68))
        #expect(try project.caseRecord("P01").attributes["score"] == nil)
        #expect(throws: CaseError.notFound("P99")) { try project.link(document: "P01", toCase: "P99") }
    }

    @Test func importLinksCasesFromFileNames() throws {
        let project = try TestProject.make()
        let folder = project.url.deletingLastPathComponent()
        for name in ["SU01_referral.txt", "SU01_followup.txt", "GP02.txt"] {
            try Data("Interviewer: hello \(name)\nR: hi\nInterviewer: bye\nR: bye\n".utf8).write(to: folder.appendingPathComponent(name))
        }
        let report = try project.importFiles(["SU01_referral.txt", "SU01_followup.txt", "GP02.txt"].map { folder.appendingPathComponent($0) },
                                             cases: .fromFileName("^([A-Z]{2}[0-9]{2})"))
        #expect(report.casesCreated == ["SU01", "GP02"])
        #expect(try project.caseRecord("SU01").documents == ["SU01_referral", "SU01_followup"])
    }
}
