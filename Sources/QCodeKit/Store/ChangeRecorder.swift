import CSQLiteSession
import Foundation
import GRDB

/// Records the rows one write transaction changes, as an SQLite changeset (the session
/// extension), so that the audit entry can be undone by applying its inverse.
///
/// Every table that holds project data is recorded; the audit log itself is not. Imports
/// pause recording while they insert documents and turns (the entry names the documents
/// instead), so a 45 MB corpus is not stored twice.
final class ChangeRecorder {
    /// The recorded tables, parents before children.
    static let tables = ["project_info", "coders", "cases", "attributes", "case_values",
                         "documents", "turns", "codes", "codings", "document_marks"]

    private let connection: OpaquePointer
    private var session: UnsafeMutableRawPointer?

    init(_ db: Database) throws {
        connection = db.sqliteConnection!
        try start()
    }

    deinit {
        if let session { qcode_session_end(session) }
    }

    private func start() throws {
        var handle: UnsafeMutableRawPointer?
        let names = Self.tables.map { strdup($0) }
        defer { names.forEach { free($0) } }
        var pointers = names.map { UnsafePointer<CChar>($0) }
        let rc = pointers.withUnsafeMutableBufferPointer { buffer in
            qcode_session_begin(UnsafeMutableRawPointer(connection), buffer.baseAddress, Int32(buffer.count), &handle)
        }
        guard rc == 0, let handle else { throw ChangeRecorderError.sqlite(rc, "cannot record changes") }
        session = handle
    }

    /// Runs `body` without recording what it changes.
    func paused<T>(_ body: () throws -> T) rethrows -> T {
        guard let session else { return try body() }
        qcode_session_enable(session, 0)
        defer { qcode_session_enable(session, 1) }
        return try body()
    }

    /// The changes recorded since the last call, as a changeset (empty when nothing
    /// changed); recording starts afresh.
    func takeChangeset() throws -> Data {
        guard let session else { return Data() }
        var size: Int32 = 0
        var buffer: UnsafeMutableRawPointer?
        let rc = qcode_session_changeset(session, &size, &buffer)
        defer { if let buffer { qcode_free(buffer) } }
        guard rc == 0 else { throw ChangeRecorderError.sqlite(rc, "cannot read the recorded changes") }
        let data = buffer.map { Data(bytes: $0, count: Int(size)) } ?? Data()
        qcode_session_end(session)
        self.session = nil
        try start()
        return data
    }
}

/// Applying and inverting changesets.
enum Changeset {
    /// The changeset that undoes `changeset`.
    static func invert(_ changeset: Data) throws -> Data {
        guard !changeset.isEmpty else { return changeset }
        var size: Int32 = 0
        var buffer: UnsafeMutableRawPointer?
        let rc = changeset.withUnsafeBytes { bytes in
            qcode_changeset_invert(Int32(bytes.count), bytes.baseAddress, &size, &buffer)
        }
        defer { if let buffer { qcode_free(buffer) } }
        guard rc == 0 else { throw ChangeRecorderError.sqlite(rc, "cannot invert a recorded change") }
        return buffer.map { Data(bytes: $0, count: Int(size)) } ?? Data()
    }

    /// Applies a changeset inside the current transaction. Any conflict (a row changed,
    /// gone or already there) aborts it with the conflicting table.
    static func apply(_ changeset: Data, to db: Database) throws {
        guard !changeset.isEmpty else { return }
        var conflict = qcode_conflict()
        let rc = changeset.withUnsafeBytes { bytes in
            qcode_changeset_apply(UnsafeMutableRawPointer(db.sqliteConnection!), Int32(bytes.count),
                                  bytes.baseAddress, &conflict)
        }
        if rc == 0 { return }
        if conflict.conflictKind != 0 {
            let table = withUnsafeBytes(of: conflict.table) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            throw ChangeRecorderError.conflict(kind: Int(conflict.conflictKind), table: table)
        }
        throw ChangeRecorderError.sqlite(rc, "cannot apply a recorded change")
    }
}

/// Why changes could not be recorded or re-applied.
enum ChangeRecorderError: Error, CustomStringConvertible {
    case sqlite(Int32, String)
    /// A later change touched the same rows (SQLite's conflict kind and the table).
    case conflict(kind: Int, table: String)

    var description: String {
        switch self {
        case .sqlite(let rc, let what): return "\(what) (SQLite error \(rc))"
        case .conflict(let kind, let table):
            let noun = Self.rowNoun[table] ?? "row"
            switch kind {
            case 1: return "a \(noun) it touched has been changed since"
            case 2: return "a \(noun) it touched has been removed since"
            case 3: return "a \(noun) it would restore exists again"
            case 5: return "the result would break the project's links (foreign keys)"
            default: return "a \(noun) it touched no longer fits (constraint)"
            }
        }
    }

    private static let rowNoun = [
        "codings": "coding", "codes": "code", "documents": "document", "turns": "turn",
        "cases": "case", "case_values": "case attribute value", "attributes": "attribute",
        "coders": "coder", "project_info": "project setting",
    ]
}
