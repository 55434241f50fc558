import Foundation
import GRDB

/// Everything one command changed in a project: the rows (in the order SQLite recorded
/// them, parents' tables before children's) and the audit entries it wrote.
public struct CapturedChanges: Sendable {
    public var rows: [RowChange]
    /// The new rows of `audit_log`, as they are in the project file.
    public var audit: TableImage
    /// The coders table as it is after the command (so coder ids can be named).
    public var coders: TableImage

    /// Whether the command changed nothing.
    public var isEmpty: Bool { rows.isEmpty && audit.rows.isEmpty }
}

/// Records every row later transactions change in a project, across all of them and
/// without pauses (imports included): a team server's working copy, whose changes are
/// replayed on the server when the command has finished.
///
/// Coding ids can be started at a block the server reserved, so that the codings a
/// command adds have the same ids in the copy (and in the undo data of its audit entries)
/// as on the server, whoever else codes at the same time.
public final class ChangeCapture: @unchecked Sendable {
    private let project: Project
    private var recorder: ChangeRecorder?
    private var auditStart: Int64

    init(project: Project, recorder: ChangeRecorder, auditStart: Int64) {
        self.project = project
        self.recorder = recorder
        self.auditStart = auditStart
    }

    /// What was changed since the capture began, or since the last call: each change is
    /// handed over once.
    public func changes() throws -> CapturedChanges {
        try project.database.writeWithoutTransaction { db in
            guard let recorder else { return CapturedChanges(rows: [], audit: TableImage(table: "audit_log", columns: []), coders: TableImage(table: "coders", columns: [])) }
            let changeset = try recorder.takeChangeset()
            let rows = try RowChange.decode(changeset) { table in try db.columns(in: table).map(\.name) }
            let store = Store(db)
            let audit = try store.tableImage("audit_log", idAbove: auditStart)
            if let id = audit.columns.firstIndex(of: "id"), case .integer(let newest)? = audit.rows.last?[id] { auditStart = newest }
            return CapturedChanges(rows: rows, audit: audit, coders: try store.tableImage("coders"))
        }
    }

    /// Stops recording.
    public func finish() {
        try? project.database.writeWithoutTransaction { _ in recorder = nil }
    }
}

extension Project {
    /// Starts recording every change to this project (see ``ChangeCapture``).
    ///
    /// - Parameter firstCodingID: the id the next new coding gets (a block the team server
    ///   reserved), or nil to leave SQLite's counter as it is.
    public func captureChanges(firstCodingID: Int64? = nil) throws -> ChangeCapture {
        try database.writeWithoutTransaction { db in
            let store = Store(db)
            if let firstCodingID { try store.setNextCodingID(firstCodingID) }
            let auditStart = try store.newestAuditID()
            return ChangeCapture(project: self, recorder: try ChangeRecorder(db), auditStart: auditStart)
        }
    }
}
