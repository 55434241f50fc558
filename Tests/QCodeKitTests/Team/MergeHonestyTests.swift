import Crypto
import Foundation
import GRDB
import Testing
@testable import QCodeKit

/// `merge` only ever reads the other file, and refuses one whose texts no longer match
/// their hashes (issue 11, honest errors).
@Suite struct MergeHonestyTests {
    static func sha256(_ url: URL) throws -> String {
        SHA256.hash(data: try Data(contentsOf: url)).map { String(format: "%02x", $0) }.joined()
    }

    /// A project file of format 2 (the v1 and v2 migrations only), as an older qcode wrote
    /// it: one document `old` with one coding by dana.
    static func formatTwoProject(at url: URL) throws {
        let queue = try DatabaseQueue(path: url.path)
        try queue.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
        }
        try Schema.migrator().migrate(queue, upTo: "v2-codings-in-text-order")
        let text = "Interviewer: Hello there.\nP01: Old words from an old copy."
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO documents(id, name, format, source_file, sha256, text, characters, paragraphs, sentences, imported_at)
                VALUES (1, 'old', 'txt', 'old.txt', ?, ?, ?, x'', x'', '2025-01-01T00:00:00Z');
                INSERT INTO coders(id, name) VALUES (1, 'dana');
                INSERT INTO codes(id, name) VALUES ('a', 'theme');
                INSERT INTO codings(document_id, code_id, coder_id, start, "end", created_at)
                VALUES (1, 'a', 1, 31, 40, '2025-01-01T00:00:00Z');
                PRAGMA user_version = 2;
                """, arguments: [ContentHash.of(text), text, text.unicodeScalars.count])
        }
        try queue.close()
    }

    @Test func mergeRefusesACopyWhoseTextNoLongerMatchesItsHash() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        _ = try alice.code(document: "interview", code: "beta", coder: "alice", selection: Selection(.turns(4...4)))
        // Someone edits the text behind qcode's back, keeping the stored hash and length.
        try alice.database.write { db in
            try db.execute(sql: "DROP TRIGGER documents_text_immutable")
            try db.execute(sql: "UPDATE documents SET text = replace(text, 'lonely', 'LONELY')")
        }
        try alice.database.close()
        let before = try ProjectState(project)
        #expect(throws: TeamError.corruptDocument(name: "interview", reason: "its text does not match its stored SHA-256")) {
            try project.merge(from: alice.url)
        }
        #expect(TeamError.corruptDocument(name: "interview", reason: "its text does not match its stored SHA-256").description
            == "document 'interview' in the other project is damaged: its text does not match its stored SHA-256; nothing merged")
        #expect(try ProjectState(project) == before)
        let folder = try FileManager.default.contentsOfDirectory(atPath: project.url.deletingLastPathComponent().path)
        #expect(!folder.contains { $0.hasSuffix(".qcode-backup") }, "\(folder)")
    }

    @Test func mergeNeverChangesTheOtherFile() throws {
        let project = try TeamFixture.project()
        let alice = try TeamFixture.copy(project, for: "alice", as: "alice.qcode")
        _ = try alice.code(document: "interview", code: "beta", coder: "alice", selection: Selection(.turns(4...4)))
        try alice.database.close()
        let before = try Self.sha256(alice.url)
        let report = try project.merge(from: alice.url)
        #expect(report.codingsAdded == ["alice": 1])
        #expect(try Self.sha256(alice.url) == before)
    }

    @Test func mergeReadsAnOlderFormatCopyWithoutMigratingIt() throws {
        let project = try TestProject.withTranscript(sampleInterview)
        let folder = project.url.deletingLastPathComponent()
        let old = folder.appendingPathComponent("old.qcode")
        try Self.formatTwoProject(at: old)
        let before = try Self.sha256(old)
        let report = try project.merge(from: old)
        #expect(report.documentsAdded == ["old"])
        #expect(report.codingsAdded == ["dana": 1])
        #expect(try Self.sha256(old) == before)
        // Still format 2, and no migration backup was made beside it.
        let version = try DatabaseQueue(path: old.path).read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
        #expect(version == 2)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains { $0.hasPrefix("old.format") }, "\(names)")
        #expect(try project.count("SELECT count(*) FROM codings WHERE start = 31 AND \"end\" = 40") == 1)
    }

    @Test func theMigratedCopyIsPrivateAndGoneAfterwards() throws {
        let folder = TemporaryDirectory.make()
        let old = folder.appendingPathComponent("old.qcode")
        try Self.formatTwoProject(at: old)
        let other = try ReadOnlyProject.open(at: old)
        #expect(other.olderFormat == 2)
        let copy = try #require(other.privateCopy)
        let copyFolder = copy.deletingLastPathComponent()
        #expect(try FileManager.default.attributesOfItem(atPath: copy.path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: copyFolder.path)[.posixPermissions] as? Int == 0o700)
        #expect(try other.read { store in try store.documentSummaries().map(\.name) } == ["old"])
        other.close()
        #expect(!FileManager.default.fileExists(atPath: copyFolder.path))
        // A current file is read in place, with no copy.
        let current = try ReadOnlyProject.open(at: try TestProject.make().url)
        #expect(current.olderFormat == nil && current.privateCopy == nil)
    }

    @Test func aFailedBackupLeavesNoFile() throws {
        let project = try TeamFixture.project()
        let folder = project.url.deletingLastPathComponent()
        // A source that opens as a database and then turns to garbage under it: the backup
        // file is created, then the copy fails.
        let bogus = folder.appendingPathComponent("bogus.db")
        let reader = try DatabaseQueue(path: bogus.path)
        try reader.write { db in try db.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES (randomblob(20000))") }
        let size = try Data(contentsOf: bogus).count
        try Data(repeating: 0x41, count: size).write(to: bogus)
        #expect(throws: (any Error).self) { try Project.backUp(reader, url: project.url, label: "premerge") }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains { $0.contains(".qcode-backup") }, "\(names)")
    }
}
