import Foundation
import GRDB
import Testing
@testable import QCodeKit

@Suite struct ProjectTests {
    @Test func createThenOpenRecordsFormatVersion() throws {
        let url = TemporaryDirectory.make().appendingPathComponent("p.qcode")
        _ = try Project.create(at: url)
        let project = try Project.open(at: url)
        let version = try project.database.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
        #expect(version == Schema.formatVersion)
        let journal = try project.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test func createRefusesExistingFile() throws {
        let url = TemporaryDirectory.make().appendingPathComponent("p.qcode")
        _ = try Project.create(at: url)
        #expect(throws: ProjectError.alreadyExists(url.path)) { try Project.create(at: url) }
    }

    @Test func openRefusesNonSQLiteFile() throws {
        let url = TemporaryDirectory.make().appendingPathComponent("notes.qcode")
        try Data("hello, this is not a database at all".utf8).write(to: url)
        #expect(throws: ProjectError.notAProject(url.path, "it is not an SQLite database")) {
            try Project.open(at: url)
        }
    }

    @Test func openRefusesOtherSQLiteDatabase() throws {
        let url = TemporaryDirectory.make().appendingPathComponent("other.qcode")
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t(x)") }
        try queue.close()
        #expect(throws: ProjectError.notAProject(url.path, "it is an SQLite database, but not a qcode project")) {
            try Project.open(at: url)
        }
    }

    @Test func openRefusesNewerFormat() throws {
        let url = TemporaryDirectory.make().appendingPathComponent("p.qcode")
        let project = try Project.create(at: url)
        try project.database.write { db in try db.execute(sql: "PRAGMA user_version = 99") }
        try project.database.close()
        #expect(throws: ProjectError.newerFormat(url.path, file: 99, supported: Schema.formatVersion)) {
            try Project.open(at: url)
        }
    }

    @Test func codingMustLieInsideItsDocument() throws {
        let project = try TestProject.make()
        try project.database.write { db in
            try db.execute(sql: """
                INSERT INTO documents(id, name, format, source_file, sha256, text, characters, paragraphs, sentences, imported_at)
                VALUES (1, 'd', 'txt', 'd.txt', 'x', 'hello', 5, x'', x'', 'now');
                INSERT INTO coders(id, name) VALUES (1, 'ann');
                INSERT INTO codes(id, name) VALUES ('c', 'c');
                """)
        }
        #expect(throws: DatabaseError.self) {
            try project.database.write { db in
                try db.execute(sql: "INSERT INTO codings(document_id, code_id, coder_id, start, \"end\", created_at) VALUES (1, 'c', 1, 2, 9, 'now')")
            }
        }
        #expect(throws: DatabaseError.self) {
            try project.database.write { db in
                try db.execute(sql: "INSERT INTO codings(document_id, code_id, coder_id, start, \"end\", created_at) VALUES (1, 'c', 1, 3, 3, 'now')")
            }
        }
        #expect(throws: DatabaseError.self) {
            try project.database.write { db in try db.execute(sql: "UPDATE documents SET text = 'bye' WHERE id = 1") }
        }
    }
}
