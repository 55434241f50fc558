import Foundation
import GRDB
import Testing
@testable import QCodeKit

/// A pseudonymised copy holds no mapped name anywhere in its file (issue 11).
@Suite struct PseudonymisePrivacyTests {
    static let names: [(name: String, pseudonym: String)] = [
        ("Maureen Okafor", "Participant 1"), ("Maureen", "Participant 2"), ("Sam", "Participant 3"), ("Zoë", "Participant 4"),
    ]

    /// A project with a mapped name in every kind of text field there is.
    static func project() throws -> Project {
        let project = try TestProject.withCodebook(try TestProject.withTranscript("""
            Interviewer: Tell me about Sam.
            Maureen: Sam and Zoë came to the choir with me, Maureen Okafor.
            Interviewer: Every week?
            Maureen: Yes, every week.
            """, name: "Maureen.txt"))
        try project.setDocumentMemo("Maureen", memo: "Zoë's sister asked about it")
        _ = try project.importCodebook(Codebook(title: "Zoë's codebook", description: "for Sam"), source: "Sam.yaml")
        let parent = try project.addCode(path: "Zoë", definition: CodeDefinition(
            id: "Sam-code", name: "Zoë", label: "Sam", description: "Maureen", include: "Sam", exclude: "Zoë",
            examples: ["Maureen said so"], keywords: ["Sam"]))
        _ = try project.addCode(path: "Zoë/Sam stuff", definition: CodeDefinition(id: "Sam-child", name: "Sam stuff"))
        _ = try project.code(document: "Maureen", code: "Sam-child", coder: "Sam", selection: Selection(.turns(2...2)),
                             memo: "Maureen was upbeat")
        _ = try project.code(document: "Maureen", code: parent.id, coder: "Sam", selection: Selection(.turns(1...1)))
        _ = try project.code(document: "Maureen", code: "alpha", coder: "alice", selection: Selection(.quote("Zoë")))
        let table = try CaseTable.parse(data: Data("id,Sam rating,carer\nMaureen,5,Zoë\n".utf8), fileName: "Sam.csv", idColumn: "id")
        _ = try project.importCases(table, source: "Sam.csv")
        try project.link(document: "Maureen", toCase: "Maureen")
        try project.database.write { db in try db.execute(sql: "UPDATE cases SET memo = 'Sam visits weekly'") }
        return project
    }

    /// Each mapped name found in the file's bytes.
    static func namesIn(_ url: URL) throws -> [String] {
        let bytes = try Data(contentsOf: url)
        return names.map(\.name).filter { bytes.range(of: Data($0.utf8)) != nil }
    }

    @Test func noMappedNameIsLeftInTheFile() throws {
        let project = try Self.project()
        let out = project.url.deletingLastPathComponent().appendingPathComponent("anon.qcode")
        let report = try project.pseudonymise(with: try Pseudonymiser(Self.names), to: out)
        #expect(try Self.namesIn(out) == [])
        let copy = try Project.open(at: out)
        #expect(try copy.check().isEmpty)
        #expect(try copy.codes().map(\.path).contains("Participant 4/Participant 3 stuff"))
        #expect(try copy.codes().contains { $0.id == "Participant 3-child" && $0.parentID == "Participant 3-code" })
        #expect(try copy.count("SELECT count(*) FROM codings WHERE code_id = 'Participant 3-child'") == 1)
        #expect(try copy.database.read { db in try String.fetchAll(db, sql: "SELECT name FROM coders ORDER BY id") }
                == ["Participant 3", "alice"])
        #expect(try copy.caseRecord("Participant 2").attributes["carer"] == .text("Participant 4"))
        #expect(try copy.codebook().title == "Participant 4's codebook")
        #expect(report.otherFieldsChanged > 10)
        let mode = (try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
    }

    @Test func aCodersCopyLosesItsMergeBase() throws {
        let project = try Self.project()
        let copyURL = project.url.deletingLastPathComponent().appendingPathComponent("sam.qcode")
        try project.copy(to: copyURL, forCoder: "Sam")
        // The copy's merge base quotes code names and the coding memo.
        #expect(try Project.open(at: copyURL).count("SELECT count(*) FROM project_info WHERE key = 'team_base' AND value LIKE '%Maureen was upbeat%'") == 1)
        let out = project.url.deletingLastPathComponent().appendingPathComponent("anon.qcode")
        _ = try Project.open(at: copyURL).pseudonymise(with: try Pseudonymiser(Self.names), to: out)
        #expect(try Self.namesIn(out) == [])
        #expect(try Project.open(at: out).count("SELECT count(*) FROM project_info WHERE key = 'team_base'") == 0)
    }

    @Test func aLeftoverOfAKilledRunIsRemovedByTheNext() throws {
        let project = try TestProject.withTranscript("Interviewer: Hello Sam.")
        let out = project.url.deletingLastPathComponent().appendingPathComponent("anon.qcode")
        let leftover = PrivateProjectFile.partialURL(for: out)
        let queue = try DatabaseQueue(path: leftover.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = \(PrivateProjectFile.partialApplicationID)")
            try db.execute(sql: "PRAGMA user_version = \(Int32.max - 1)")
            try db.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES ('Hello Sam')")
        }
        try queue.close()
        _ = try project.pseudonymise(with: try Pseudonymiser([("Sam", "X")]), to: out)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        let names = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(names.filter { $0.contains("partial") } == [])
    }
}
