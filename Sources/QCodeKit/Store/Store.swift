import GRDB

/// The project database inside one transaction, seen through named queries.
///
/// Feature code never writes SQL and never sees GRDB's `Database`: it asks the project for
/// a `Store` with `Project.read` or `Project.write` and calls named queries on it, which
/// live in `Store/Queries/` as extensions of this type (one file per table or feature).
/// A `Store` from `read` is read-only (SQLite refuses writes); one from `write` is the
/// caller's single transaction, committed when the closure returns and rolled back when
/// it throws.
struct Store {
    /// The connection, inside the current transaction. Only `Store/` uses it.
    let db: Database
    /// Who is acting, when a change names no coder (the project's `user`).
    let user: String?
    /// Records the rows this transaction changes, for undo (nil in read transactions).
    let recorder: ChangeRecorder?

    init(_ db: Database, user: String? = nil, recorder: ChangeRecorder? = nil) {
        self.db = db
        self.user = user
        self.recorder = recorder
    }

    /// Records one change in the audit log with the rows changed since the last entry of
    /// this transaction (the changeset undo inverts).
    ///
    /// - Returns: the new entry's id.
    @discardableResult
    func record(_ action: AuditAction, summary: String, actor: String? = nil) throws -> Int64 {
        try AuditLog.insert(db, name: action.name, summary: summary, actor: actor ?? user,
                            before: nil, after: try action.encodedPayload(),
                            changes: try recorder?.takeChangeset())
    }

    /// Runs `body` without recording its row changes for undo (bulk document inserts,
    /// which the audit entry names instead).
    func withoutRecordingChanges<T>(_ body: () throws -> T) rethrows -> T {
        guard let recorder else { return try body() }
        return try recorder.paused(body)
    }

}

/// Test hooks, set by the CLI from its environment (the library reads none).
public enum StoreHooks {
    /// Called inside every write transaction just before it commits. Kill tests set it to
    /// pause there, so that a signal lands mid-transaction every time.
    nonisolated(unsafe) public static var beforeCommit: (@Sendable () -> Void)?
}

extension Project {
    /// Runs `body` in a read-only transaction (a consistent snapshot of the project).
    func read<T>(_ body: (Store) throws -> T) throws -> T {
        try database.read { db in try body(Store(db, user: user)) }
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`): all of it lands or none.
    func write<T>(_ body: (Store) throws -> T) throws -> T {
        try database.write { db in
            let recorder = try ChangeRecorder(db)
            return try body(Store(db, user: user, recorder: recorder))
        }
    }
}
