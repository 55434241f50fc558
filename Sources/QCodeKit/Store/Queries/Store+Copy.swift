import Foundation
import GRDB

/// Named queries for ``Project/copy(to:forCoder:)``, run inside the new copy.
extension Store {
    /// The id and stored name of a coder (matched ignoring case), created if new.
    func copyCoder(named name: String) throws -> (id: Int64, name: String) {
        let id = try Project.coderID(db, name: name)
        return (id, try String.fetchOne(db, sql: "SELECT name FROM coders WHERE id = ?", arguments: [id]) ?? name)
    }

    /// Deletes every coder but one (nil: all) and all their codings.
    func deleteCodersAndCodings(except coderID: Int64?) throws {
        if let coderID {
            try db.execute(sql: "DELETE FROM codings WHERE coder_id <> ?", arguments: [coderID])
            try db.execute(sql: "DELETE FROM coders WHERE id <> ?", arguments: [coderID])
        } else {
            try db.execute(sql: "DELETE FROM codings")
            try db.execute(sql: "DELETE FROM coders")
        }
    }

    /// Deletes the whole audit log.
    func deleteAuditLog() throws {
        try db.execute(sql: "DELETE FROM audit_log")
    }

    /// How many documents, codes, cases and codings the project holds.
    func copyCounts() throws -> (documents: Int, codes: Int, cases: Int, codings: Int) {
        (try DocumentRecord.fetchCount(db), try CodeRecord.fetchCount(db), try CaseRecord.fetchCount(db),
         try CodingRecord.fetchCount(db))
    }
}

extension Project {
    /// Writes this project to a new file at `destination` (SQLite's backup API), runs `body`
    /// on the new file in one write transaction, and vacuums it so no deleted row survives
    /// in free pages. On failure the new file is removed.
    func writeCopy<T>(to destination: URL, _ body: (Store) throws -> T) throws -> T {
        let copy = try DatabaseQueue(path: destination.path)
        do {
            try database.backup(to: copy)
            let result = try copy.write { db in try body(Store(db, user: user)) }
            try copy.vacuum()
            try copy.close()
            return result
        } catch {
            try? copy.close()
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: destination.path + suffix)
            }
            throw error
        }
    }
}
