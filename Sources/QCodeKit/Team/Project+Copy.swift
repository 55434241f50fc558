import Foundation
import GRDB

/// What ``Project/copy(to:forCoder:)`` wrote.
public struct CopyReport: Sendable, Equatable {
    /// The new project file.
    public var destination: URL
    /// The coder whose codings the copy holds (as stored), or nil for an empty copy.
    public var coder: String?
    public var documents: Int
    public var codes: Int
    public var cases: Int
    /// The codings in the copy (all the coder's; none for an empty copy).
    public var codings: Int
}

extension Project {
    /// Writes a blind copy of this project for one coder, or with no codings at all.
    ///
    /// The copy is a new project file with the same documents (text, hashes, turns,
    /// paragraphs, sentences), codebook (same code ids), cases, attributes and document
    /// memos, and only `coder`'s codings (matched case-insensitively). Other coders, their
    /// codings and memos, and the audit log are left out, and the file is vacuumed so no
    /// deleted row survives in free pages; the copy's log starts with one `copy` entry.
    /// The copy also remembers its codebook and memos as they were, so that a later
    /// ``merge(from:dryRun:)`` can tell a change made in the copy from one made here.
    /// This project records a `copy` entry too.
    ///
    /// ```swift
    /// let report = try project.copy(to: URL(fileURLWithPath: "alice.qcode"), forCoder: "alice")
    /// // report.codings == the number of alice's codings here
    /// ```
    ///
    /// - Parameters:
    ///   - destination: where to write the copy; nothing may be there yet.
    ///   - coder: the coder whose codings to keep; nil keeps none.
    /// - Throws: `ProjectError.alreadyExists` or `.noSuchDirectory` for a bad destination,
    ///   `CodingError.badCoderName` for an unusable name. On failure no file is left behind.
    @discardableResult
    public func copy(to destination: URL, forCoder coder: String?) throws -> CopyReport {
        if FileManager.default.fileExists(atPath: destination.path) {
            throw ProjectError.alreadyExists(destination.path)
        }
        let directory = destination.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ProjectError.noSuchDirectory(directory.path)
        }
        let copy = try DatabaseQueue(path: destination.path)
        let report: CopyReport
        do {
            try database.backup(to: copy)
            report = try copy.write { db in
                try Self.keepOnlyCoder(db, coder, destination: destination, source: url)
            }
            try copy.vacuum()
            try copy.close()
        } catch {
            try? copy.close()
            for suffix in ["", "-wal", "-shm", "-journal"] {
                try? FileManager.default.removeItem(atPath: destination.path + suffix)
            }
            throw error
        }
        try database.write { db in
            let whose = report.coder.map { "for coder \($0)" } ?? "without codings"
            try AuditLog.record(db, action: "copy",
                                summary: "copied \(whose) to \(destination.lastPathComponent) (\(report.codings) coding(s))",
                                after: ["file": destination.path, "coder": report.coder ?? ""])
        }
        return report
    }

    /// Inside the copy: drops every other coder, their codings and the audit log.
    private static func keepOnlyCoder(_ db: Database, _ coder: String?, destination: URL, source: URL) throws -> CopyReport {
        var keptName: String?
        if let coder {
            let id = try coderID(db, name: coder)
            keptName = try String.fetchOne(db, sql: "SELECT name FROM coders WHERE id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM codings WHERE coder_id <> ?", arguments: [id])
            try db.execute(sql: "DELETE FROM coders WHERE id <> ?", arguments: [id])
        } else {
            try db.execute(sql: "DELETE FROM codings")
            try db.execute(sql: "DELETE FROM coders")
        }
        try db.execute(sql: "DELETE FROM audit_log")
        try MergeBase.record(db)
        let report = CopyReport(
            destination: destination, coder: keptName,
            documents: try Int.fetchOne(db, sql: "SELECT count(*) FROM documents") ?? 0,
            codes: try Int.fetchOne(db, sql: "SELECT count(*) FROM codes") ?? 0,
            cases: try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0,
            codings: try Int.fetchOne(db, sql: "SELECT count(*) FROM codings") ?? 0)
        let whose = keptName.map { "for coder \($0)" } ?? "without codings"
        try AuditLog.record(db, action: "copy",
                            summary: "copy of \(source.lastPathComponent) \(whose): \(report.documents) document(s), \(report.codes) code(s), \(report.codings) coding(s)",
                            after: ["source": source.lastPathComponent, "coder": keptName ?? ""])
        return report
    }
}
