import Foundation
import GRDB
import Testing
@testable import QCodeKit

/// A coder's copy never leaves another coder's work in a file (issue 11).
@Suite struct CopyPrivacyTests {
    private func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    private func files(beside project: Project) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: project.url.deletingLastPathComponent().path).sorted()
    }

    /// A file as a killed build leaves it: the partial name, a partial header naming `writer`, and bob's work.
    private func leftover(for destination: URL, writer: Int32, applicationID: Int32 = PrivateProjectFile.partialApplicationID) throws -> URL {
        let file = PrivateProjectFile.partialURL(for: destination)
        let queue = try DatabaseQueue(path: file.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: "PRAGMA user_version = \(writer)")
            try db.execute(sql: "CREATE TABLE codings(coder TEXT, memo TEXT); INSERT INTO codings VALUES ('bob', 'bob''s secret')")
        }
        try queue.close()
        return file
    }

    @Test func theCopyIsPrivateToItsOwner() throws {
        let project = try TeamFixture.project()
        let before = try files(beside: project)
        let report = try project.copy(to: TeamFixture.sibling(project, "alice.qcode"), forCoder: "alice")
        #expect(try mode(report.destination) == 0o600)
        #expect(try Project.open(at: report.destination).count("SELECT count(*) FROM codings") == 2)
        // The copy is there, and no temporary file.
        #expect(try files(beside: project) == (before + ["alice.qcode"]).sorted())
    }

    @Test func aFailedCopyLeavesNoFileAtAll() throws {
        let project = try TeamFixture.project()
        let before = try files(beside: project)
        #expect(throws: CodingError.badCoderName(" , ")) { try project.copy(to: TeamFixture.sibling(project, "x.qcode"), forCoder: " , ") }
        #expect(try files(beside: project) == before)
    }

    @Test func aLeftoverOfAKilledCopyIsRemovedAndOnlyThat() throws {
        let project = try TeamFixture.project()
        let destination = TeamFixture.sibling(project, "alice.qcode")
        let dead = Int32.max - 1  // above any pid_max: no such process
        let orphan = try leftover(for: destination, writer: dead)
        try Data("journal".utf8).write(to: URL(fileURLWithPath: orphan.path + "-journal"))
        let empty = PrivateProjectFile.partialURL(for: destination)
        FileManager.default.createFile(atPath: empty.path, contents: Data())
        // Not provably a leftover: a live writer, a finished file, a name that is not ours.
        let running = try leftover(for: destination, writer: getpid())
        let finished = try leftover(for: destination, writer: dead, applicationID: Schema.applicationID)
        let stranger = TeamFixture.sibling(project, ".alice.qcode.partial-not-a-uuid")
        try Data("mine".utf8).write(to: stranger)
        let otherTarget = try leftover(for: TeamFixture.sibling(project, "ben.qcode"), writer: dead)

        try project.copy(to: destination, forCoder: "alice")
        let manager = FileManager.default
        #expect(!manager.fileExists(atPath: orphan.path) && !manager.fileExists(atPath: orphan.path + "-journal"))
        #expect(!manager.fileExists(atPath: empty.path))
        for kept in [running, finished, stranger, otherTarget] {
            #expect(manager.fileExists(atPath: kept.path), "\(kept.lastPathComponent) was removed")
        }
        #expect(try Project.open(at: destination).count("SELECT count(*) FROM coders") == 1)
    }

    @Test func aCopyNeverReplacesAFileThatAppearsWhileItIsBuilt() throws {
        let project = try TeamFixture.project()
        let destination = TeamFixture.sibling(project, "alice.qcode")
        #expect(throws: ProjectError.alreadyExists(destination.path)) {
            try project.writeNewProjectFile(to: destination) { store in
                try store.copySharedContent()
                try Data("someone else's".utf8).write(to: destination)
            }
        }
        #expect(try String(contentsOf: destination, encoding: .utf8) == "someone else's")
        #expect(try files(beside: project).filter { $0.contains("partial") }.isEmpty)
    }

    @Test func aDocumentMemoIsNotCarriedIntoABlindCopy() throws {
        let project = try TeamFixture.project()
        try project.setDocumentMemo("interview", memo: "bob reads this as grief-after-bereavement")
        let url = TeamFixture.sibling(project, "alice.qcode")
        try project.copy(to: url, forCoder: "alice")
        let copy = try Project.open(at: url)
        #expect(try copy.document("interview").memo == nil)
        #expect(try Data(contentsOf: url).range(of: Data("grief-after-bereavement".utf8)) == nil)
        // Alice's own memo comes back; ours is kept where both have one.
        try copy.setDocumentMemo("interview", memo: "alice's reading")
        let report = try project.merge(from: url)
        #expect(report.conflicts.map(\.kind) == [.memo])
        #expect(try project.document("interview").memo == "bob reads this as grief-after-bereavement")
    }
}
