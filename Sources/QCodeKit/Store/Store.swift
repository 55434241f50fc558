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

    init(_ db: Database, user: String? = nil) {
        self.db = db
        self.user = user
    }

    /// Records one change in the audit log, inside this transaction.
    ///
    /// - Parameters:
    ///   - action: a short verb phrase (`import`, `code`, `codebook.rename`, ...).
    ///   - summary: one line for people.
    ///   - actor: the coder responsible; the project's user when nil.
    ///   - before: the affected state before the change, if any.
    ///   - after: the state after the change, if any.
    func recordAudit(
        action: String, summary: String, actor: String? = nil,
        before: (any Encodable)? = nil, after: (any Encodable)? = nil
    ) throws {
        try AuditLog.insert(db, action: action, summary: summary, actor: actor ?? user, before: before, after: after)
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
        try database.write { db in try body(Store(db, user: user)) }
    }
}
