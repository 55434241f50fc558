import Foundation
import GRDB
import Testing
@testable import QCodeKit

@Suite struct CopyTests {
    @Test func copyHoldsOnlyTheCodersCodingsAndTheSameDocuments() throws {
        let project = try TeamFixture.project()
        try project.setDocumentMemo("interview", memo: "shared memo")
        try project.link(document: "interview", toCase: "P01", create: true)
        let report = try project.copy(to: TeamFixture.sibling(project, "alice.qcode"), forCoder: "ALICE")
        #expect(report.coder == "alice" && report.codings == 2 && report.documents == 1 && report.codes == 5 && report.cases == 1)

        let copy = try Project.open(at: report.destination)
        #expect(try copy.count("SELECT count(*) FROM codings") == 2)
        #expect(try copy.database.read { db in try String.fetchAll(db, sql: "SELECT name FROM coders") } == ["alice"])
        #expect(try copy.count("SELECT count(*) FROM codings WHERE memo IS NOT NULL") == 1)
        let fingerprint = "SELECT name || sha256 || hex(paragraphs) || hex(sentences) FROM documents ORDER BY id"
        let turns = "SELECT group_concat(number || ':' || ifnull(speaker, '') || ':' || start || '-' || \"end\", ';') FROM turns"
        #expect(try copy.database.read { db in try String.fetchAll(db, sql: fingerprint) }
                == project.database.read { db in try String.fetchAll(db, sql: fingerprint) })
        #expect(try copy.database.read { db in try String.fetchOne(db, sql: turns) }
                == project.database.read { db in try String.fetchOne(db, sql: turns) })
        #expect(try copy.codes().map(\.id) == project.codes().map(\.id))
        #expect(try copy.cases().map(\.name) == ["P01"])
        #expect(try copy.document("interview").memo == nil)  // document memos stay out of blind copies
    }

    @Test func copyLogHasOneEntryAndTheProjectRecordsTheCopy() throws {
        let project = try TeamFixture.project()
        let copy = try TeamFixture.copy(project, for: "bob", as: "bob.qcode")
        let entries = try copy.auditEntries()
        #expect(entries.count == 1)
        #expect(entries[0].action == "copy")
        #expect(entries[0].summary == "copy of test.qcode for coder bob: 1 document(s), 5 code(s), 3 coding(s)")
        #expect(!entries.contains { $0.summary.contains("alice") })
        #expect(try project.auditEntries(limit: 1).first?.summary == "copied for coder bob to bob.qcode (3 coding(s))")
    }

    @Test func emptyCopyHasNoCodingsOrCoders() throws {
        let project = try TeamFixture.project()
        let copy = try TeamFixture.copy(project, for: nil, as: "blank.qcode")
        #expect(try copy.count("SELECT count(*) FROM codings") == 0)
        #expect(try copy.count("SELECT count(*) FROM coders") == 0)
        #expect(try copy.count("SELECT count(*) FROM documents") == 1)
    }

    @Test func deletedCodingsDoNotSurviveInTheFile() throws {
        let project = try TeamFixture.project()
        let url = TeamFixture.sibling(project, "alice.qcode")
        try project.copy(to: url, forCoder: "alice")
        let bytes = try Data(contentsOf: url)
        #expect(bytes.range(of: Data("bob".utf8)) == nil)
    }

    @Test func aNewCoderGetsACopyWithNoCodings() throws {
        let project = try TeamFixture.project()
        let report = try project.copy(to: TeamFixture.sibling(project, "carol.qcode"), forCoder: "carol")
        #expect(report.coder == "carol" && report.codings == 0)
    }

    @Test func copyRefusesAnExistingFileAndLeavesNoFileOnError() throws {
        let project = try TeamFixture.project()
        #expect(throws: ProjectError.alreadyExists(project.url.path)) {
            try project.copy(to: project.url, forCoder: "alice")
        }
        let bad = TeamFixture.sibling(project, "bad.qcode")
        #expect(throws: CodingError.badCoderName("a,b")) { try project.copy(to: bad, forCoder: "a,b") }
        #expect(!FileManager.default.fileExists(atPath: bad.path))
    }
}
