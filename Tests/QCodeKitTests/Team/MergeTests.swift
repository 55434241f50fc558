import Foundation
import GRDB
import Testing
@testable import QCodeKit

@Suite struct MergeTests {
    private let secondInterview = """
        Interviewer: Where do you live?
        P02: Near the park. I walk there every day with the dog.
        """

    @Test func twoCodersCodeTheirCopiesAndEverythingComesBack() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        let bob = try TeamFixture.copy(project, for: "bob", as: "bob.qcode")
        _ = try alice.code(document: "interview", code: "beta", coder: "alice", selection: Selection(.turns(3...4)))
        _ = try bob.code(document: "interview", code: "gamma", coder: "bob", selection: Selection(.sentences(1...3)))
        _ = try project.code(document: "interview", code: "alpha", coder: "carol", selection: Selection(.turns(4...4)))

        let first = try project.merge(from: alice.url)
        #expect(first.codingsAdded == ["alice": 2] && first.codingsAlreadyHere == 2)
        #expect(first.documentsAdded.isEmpty && first.codesAdded.isEmpty && first.conflicts.isEmpty)
        let second = try project.merge(from: bob.url)
        #expect(second.codingsAdded == ["bob": 3] && second.codingsAlreadyHere == 3)

        #expect(try project.count("SELECT count(*) FROM codings") == 2 + 2 + 3 + 3 + 1)
        #expect(try project.count("SELECT count(*) FROM codings WHERE coder_id = (SELECT id FROM coders WHERE name = 'alice')") == 4)
        #expect(try project.count("SELECT count(*) FROM codings WHERE coder_id = (SELECT id FROM coders WHERE name = 'bob')") == 6)
        #expect(try project.count("SELECT count(*) FROM documents") == 1)
        #expect(try project.count("SELECT count(*) FROM codes") == 5)
    }

    @Test func mergingAgainAddsNothing() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        try TeamFixture.importText(secondInterview, into: alice, name: "second.txt")
        _ = try alice.code(document: "second", code: "beta", coder: "alice", selection: Selection(.turns(2...2)), memo: "dog")
        _ = try alice.addCode(path: "new-theme", definition: CodeDefinition(id: "", name: "new-theme"))
        _ = try alice.addCode(path: "new-theme/child", definition: CodeDefinition(id: "", name: "child"))
        let first = try project.merge(from: alice.url)
        #expect(first.changedAnything)
        let before = try ProjectState(project)
        let files = try FileManager.default.contentsOfDirectory(atPath: project.url.deletingLastPathComponent().path).sorted()
        let again = try project.merge(from: alice.url)
        #expect(!again.changedAnything && again.codingsAddedTotal == 0 && again.codingsAlreadyHere == 3)
        #expect(again.backup == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.url.deletingLastPathComponent().path).sorted() == files)
        var after = try ProjectState(project)
        #expect(after.audit.count == before.audit.count + 1)
        after.audit = before.audit
        #expect(after == before)
    }

    @Test func coderNamesMatchIgnoringCase() throws {
        let project = try TeamFixture.project()
        let blank = try TeamFixture.copy(project, for: nil, as: "blank.qcode")
        _ = try blank.code(document: "interview", code: "alpha", coder: "Alice", selection: Selection(.turns(2...3)))
        _ = try blank.code(document: "interview", code: "beta", coder: "BOB", selection: Selection(.turns(1...1)))
        let report = try project.merge(from: blank.url)
        #expect(report.codingsAdded == ["alice": 1])
        #expect(report.codingsAlreadyHere == 2)
        #expect(try project.database.read { db in try String.fetchAll(db, sql: "SELECT name FROM coders ORDER BY id") } == ["alice", "bob"])
        #expect(try project.count("SELECT count(*) FROM codings") == 6)
    }

    @Test func aCodeRenamedInTheCopyIsMatchedByIDAndKeepsItsCodings() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        _ = try alice.renameCode("alpha", to: "first")
        _ = try alice.code(document: "interview", code: "first", coder: "alice", selection: Selection(.turns(4...4)))
        let report = try project.merge(from: alice.url)
        #expect(report.codingsAdded == ["alice": 1] && report.codesAdded.isEmpty)
        #expect(report.conflicts == [MergeConflict(kind: .codeRenamed, subject: "code 'a'", ours: "theme/alpha", theirs: "theme/first")])
        #expect(try project.resolveCode("a").path == "theme/alpha")
        #expect(try project.count("SELECT count(*) FROM codings WHERE code_id = 'a'") == 2)
    }

    @Test func aCodeRenamedOnBothSidesIsListedAndOursKept() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        _ = try alice.renameCode("alpha", to: "second")
        _ = try project.renameCode("alpha", to: "first")
        let report = try project.merge(from: alice.url)
        #expect(report.conflicts.map(\.description) == ["code 'a': here 'theme/first', there 'theme/second'; kept ours"])
        #expect(try project.codes().map(\.path) == ["theme", "theme/first", "theme/beta", "other", "other/gamma"])
    }

    @Test func aNewCodeComesWithItsParentChain() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        let top = try alice.addCode(path: "place", definition: CodeDefinition(id: "p", name: "place"))
        let middle = try alice.addCode(path: "place/outdoors", definition: CodeDefinition(id: "po", name: "outdoors"))
        let leaf = try alice.addCode(path: "place/outdoors/park", definition: CodeDefinition(id: "pop", name: "park"))
        _ = try alice.code(document: "interview", code: "park", coder: "alice", selection: Selection(.turns(2...2)))
        let report = try project.merge(from: alice.url)
        #expect(report.codesAdded == ["place", "place/outdoors", "place/outdoors/park"])
        let codes = try project.codes()
        #expect(codes.first { $0.id == leaf.id }?.path == "place/outdoors/park")
        #expect(codes.first { $0.id == middle.id }?.parentID == top.id)
        #expect(try project.count("SELECT count(*) FROM codings WHERE code_id = 'pop'") == 1)
    }

    @Test func aCodeAddedOnBothSidesUnderTheSamePathIsMatchedByPath() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        _ = try project.addCode(path: "theme/delta", definition: CodeDefinition(id: "d-here", name: "delta"))
        _ = try alice.addCode(path: "Theme/Delta", definition: CodeDefinition(id: "d-there", name: "Delta"))
        _ = try alice.code(document: "interview", code: "delta", coder: "alice", selection: Selection(.turns(1...1)))
        let report = try project.merge(from: alice.url)
        #expect(report.codesAdded.isEmpty && report.conflicts.isEmpty)
        #expect(try project.count("SELECT count(*) FROM codings WHERE code_id = 'd-here'") == 1)
    }

    @Test func aDocumentOnlyThereComesInWithItsStructureAndCodings() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        try TeamFixture.importText(secondInterview, into: alice, name: "second.txt")
        try alice.link(document: "second", toCase: "P02", create: true)
        _ = try alice.code(document: "second", code: "beta", coder: "alice", selection: Selection(.quote("the dog")))
        let report = try project.merge(from: alice.url)
        #expect(report.documentsAdded == ["second"] && report.casesAdded == ["P02"])
        #expect(report.codingsAdded == ["alice": 1])
        let theirs = try alice.document("second"), ours = try project.document("second")
        #expect(ours.text == theirs.text && ours.turns == theirs.turns)
        #expect(ours.paragraphs == theirs.paragraphs && ours.sentences == theirs.sentences && ours.caseName == "P02")
        let hash = "SELECT sha256 FROM documents WHERE name = 'second'"
        #expect(try project.database.read { db in try String.fetchOne(db, sql: hash) }
                == alice.database.read { db in try String.fetchOne(db, sql: hash) })
        var filter = SegmentFilter()
        filter.code = "beta"
        filter.coders = ["alice"]
        #expect(try project.segments(filter).map(\.text) == ["the dog"])
    }

    @Test func aDifferentDocumentWithATakenNameGetsASuffix() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        try TeamFixture.importText(secondInterview, into: alice, name: "second.txt")
        try TeamFixture.importText("Interviewer: Something else entirely.", into: project, name: "second.txt")
        _ = try alice.code(document: "second", code: "beta", coder: "alice", selection: Selection(.turns(2...2)))
        let report = try project.merge(from: alice.url)
        #expect(report.documentsAdded == ["second (2)"])
        #expect(report.conflicts.map(\.description) == ["document 'second': a different text has this name here; theirs added as 'second (2)'"])
        #expect(try project.count("SELECT count(*) FROM codings WHERE document_id = (SELECT id FROM documents WHERE name = 'second (2)')") == 1)
        #expect(try project.count("SELECT count(*) FROM codings WHERE document_id = (SELECT id FROM documents WHERE name = 'second')") == 0)
    }

    @Test func memosChangedOnlyThereComeInAndMemosChangedOnBothSidesAreConflicts() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        let memoed = Int64(try project.count("SELECT id FROM codings WHERE memo = 'alice''s memo'"))
        let plain = Int64(try alice.count("SELECT min(id) FROM codings WHERE memo IS NULL"))
        try alice.setDocumentMemo("interview", memo: "written by alice")
        try alice.setCodingMemo(id: memoed, memo: "changed there")
        try alice.setCodingMemo(id: plain, memo: "new there")
        try project.setCodingMemo(id: memoed, memo: "changed here")
        let report = try project.merge(from: alice.url)
        #expect(report.memosAdded == 2)
        #expect(report.conflicts.map(\.description) == [
            "memo on alice's coding 223-234 of 'interview' as other/gamma: here 'changed here', there 'changed there'; kept ours",
        ])
        #expect(try project.document("interview").memo == "written by alice")
        #expect(try project.count("SELECT count(*) FROM codings WHERE memo = 'new there'") == 1)
        #expect(try project.count("SELECT count(*) FROM codings WHERE memo = 'changed here'") == 1)
    }

    @Test func withoutACopyBaseDifferentMemosAreConflictsAndEmptyOnesFilled() throws {
        let project = try TeamFixture.project()
        try project.setDocumentMemo("interview", memo: "ours")
        let other = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        try other.database.write { db in try db.execute(sql: "DELETE FROM project_info WHERE key = 'team_base'") }
        try other.setDocumentMemo("interview", memo: "theirs")
        try other.link(document: "interview", toCase: "P01", create: true)
        let report = try project.merge(from: other.url)
        #expect(report.conflicts.map(\.kind) == [.memo] && report.memosAdded == 0)
        #expect(report.casesAdded == ["P01"] && report.documentLinksAdded == 1)
        #expect(try project.document("interview").memo == "ours")
        #expect(try project.document("interview").caseName == "P01")
    }

    @Test func aCodeRenamedOnlyHereIsNoConflict() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        _ = try project.renameCode("alpha", to: "first")
        _ = try alice.code(document: "interview", code: "alpha", coder: "alice", selection: Selection(.turns(4...4)))
        let report = try project.merge(from: alice.url)
        #expect(report.conflicts.isEmpty && report.codingsAdded == ["alice": 1])
        #expect(try project.count("SELECT count(*) FROM codings WHERE code_id = 'a'") == 2)
    }

    @Test func newCasesComeInAndDifferingValuesAreConflicts() throws {
        let project = try TeamFixture.project()
        let table = try CaseTable.parse(data: Data("id,age\nP01,34\n".utf8), fileName: "here.csv", idColumn: "id")
        _ = try project.importCases(table, source: "here.csv")
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        _ = try alice.importCases(try CaseTable.parse(data: Data("id,age,group\nP01,35,user\nP09,50,staff\n".utf8), fileName: "there.csv", idColumn: "id"), source: "there.csv")
        let report = try project.merge(from: alice.url)
        #expect(report.casesAdded == ["P09"] && report.attributesAdded == ["group"])
        #expect(report.valuesAdded == 3)
        #expect(report.conflicts.map(\.description) == ["case 'P01', attribute 'age': here '34', there '35'; kept ours"])
        #expect(try project.caseRecord("P01").attributes["age"] == .integer(34))
        #expect(try project.caseRecord("P09").attributes["group"] == .text("staff"))
    }

    @Test func dryRunChangesNothing() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        try TeamFixture.importText(secondInterview, into: alice, name: "second.txt")
        _ = try alice.code(document: "second", code: "beta", coder: "alice", selection: Selection(.turns(1...2)))
        try alice.setDocumentMemo("interview", memo: "about grief")
        let before = try ProjectState(project)
        let files = try FileManager.default.contentsOfDirectory(atPath: project.url.deletingLastPathComponent().path).sorted()
        let report = try project.merge(from: alice.url, dryRun: true)
        #expect(report.dryRun && report.backup == nil)
        #expect(report.documentsAdded == ["second"] && report.codingsAdded == ["alice": 2] && report.memosAdded == 1)
        #expect(try ProjectState(project) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.url.deletingLastPathComponent().path).sorted() == files)
        let real = try project.merge(from: alice.url)
        #expect(real.documentsAdded == report.documentsAdded && real.codingsAdded == report.codingsAdded)
    }

    @Test func aMergeThatFailsMidwayLeavesThisProjectExactlyAsItWas() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        try TeamFixture.importText(secondInterview, into: alice, name: "second.txt")
        _ = try alice.code(document: "second", code: "beta", coder: "alice", selection: Selection(.turns(1...1)))
        try alice.setDocumentMemo("interview", memo: "about grief")
        try alice.database.write { db in
            try db.execute(sql: "DROP TRIGGER codings_inside_document_insert")
            try db.execute(sql: """
                INSERT INTO codings(document_id, code_id, coder_id, start, "end", created_at)
                SELECT id, 'g', (SELECT id FROM coders), 5, characters + 10, 'now' FROM documents WHERE name = 'second'
                """)
        }
        let before = try ProjectState(project)
        #expect(throws: TeamError.self) { try project.merge(from: alice.url) }
        do {
            _ = try project.merge(from: alice.url)
        } catch let error as TeamError {
            #expect("\(error)" == "coding 5-98 of document 'second' in the other project was refused: coding ends past the end of its document; nothing merged")
        }
        #expect(try ProjectState(project) == before)
    }

    @Test func mergeMakesABackupAndAnAuditEntry() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        _ = try alice.code(document: "interview", code: "beta", coder: "alice", selection: Selection(.turns(4...4)))
        let before = try project.count("SELECT count(*) FROM codings")
        let report = try project.merge(from: alice.url)
        let backup = try #require(report.backup)
        let name = URL(fileURLWithPath: backup).lastPathComponent
        #expect(name.range(of: #"^test\.premerge-\d{8}-\d{6}\.qcode-backup$"#, options: .regularExpression) != nil)
        #expect(try Project.open(at: URL(fileURLWithPath: backup)).count("SELECT count(*) FROM codings") == before)
        let entry = try #require(try project.auditEntries(limit: 1).first)
        #expect(entry.action == "merge")
        #expect(entry.summary == "merged alice.qcode: 0 document(s), 0 code(s), 0 case(s), 1 coding(s) (alice 1), 0 memo(s), 0 conflict(s)")
        #expect(entry.after?.contains("\"start\"") == true)
    }

    @Test func refusesWhatIsNotAnotherQcodeProject() throws {
        let project = try TeamFixture.project()
        #expect(throws: TeamError.sameProject(project.url.path)) { try project.merge(from: project.url) }

        let text = TeamFixture.sibling(project, "notes.qcode")
        try Data("just some notes".utf8).write(to: text)
        #expect(throws: ProjectError.notAProject(text.path, "it is not an SQLite database")) { try project.merge(from: text) }

        let plain = TeamFixture.sibling(project, "plain.sqlite")
        try DatabaseQueue(path: plain.path).write { db in try db.execute(sql: "CREATE TABLE t(x)") }
        #expect(throws: ProjectError.notAProject(plain.path, "it is an SQLite database, but not a qcode project")) {
            try project.merge(from: plain)
        }

        let newer = TeamFixture.sibling(project, "newer.qcode")
        try project.copy(to: newer, forCoder: nil)
        try DatabaseQueue(path: newer.path).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 99") }
        #expect(throws: ProjectError.newerFormat(newer.path, file: 99, supported: Schema.formatVersion)) {
            try project.merge(from: newer)
        }
        #expect(try project.count("SELECT count(*) FROM audit_log WHERE action = 'merge'") == 0)
    }
}
