import Foundation
import QCodeKit

/// The team project as one command sees it: a private snapshot in a local project file,
/// read as the user's own role in one repeatable-read transaction (so row-level security
/// decides what it holds), on which the command runs with qcode's one analysis engine.
/// What the command changed is then replayed on the server in one transaction, row by row,
/// each update and delete only where the row is still as the copy read it. The file lives
/// in a private temporary folder (0700, file 0600) and is removed on every exit path.
///
/// Read commands (segments, agree, export, report...) therefore see exactly what a
/// `qcode team pull` would hold; write commands (code, uncode, memo, import, codebook,
/// undo, merge...) land whole or not at all.
public final class ServerWorkingCopy {
    public let url: ServerURL
    /// The working copy (the user's role is its user).
    public let project: Project
    /// The role's access to the team project (nil: not on the team).
    public let access: TeamAccess?
    /// The project's phase when the copy was read.
    public let phase: TeamPhase
    private let folder: PrivateTemporaryFolder
    private let capture: ChangeCapture
    private var listener: ServerConnection?

    private init(url: ServerURL, project: Project, access: TeamAccess?, phase: TeamPhase,
                 folder: PrivateTemporaryFolder, capture: ChangeCapture) {
        self.url = url
        self.project = project
        self.access = access
        self.phase = phase
        self.folder = folder
        self.capture = capture
    }

    /// Reads the snapshot and reserves a block of coding ids for what the command adds.
    ///
    /// - Throws: ``ServerError`` (unreachable, refused password, no project, not on the team).
    public static func open(_ url: ServerURL) throws -> ServerWorkingCopy {
        let folder = try PrivateTemporaryFolder(purpose: "team")
        do {
            let connection = try ServerConnection.connect(url)
            defer { connection.close() }
            let store = ServerStore(connection)
            let access = try TeamServer.member(connection, url: url)
            let images = try TeamServer.snapshot(connection, url: url)
            let phase = TeamPhase(rawValue: try store.info("phase") ?? "blind") ?? .blind
            let block: Int64? = access == .reader ? nil : try store.reserveCodingBlock()
            let file = folder.url.appendingPathComponent("working.qcode")
            TemporaryFiles.register(file)
            let project = try Project.createWorkingCopy(at: file, from: images, user: url.role)
            let capture = try project.captureChanges(firstCodingID: block)
            return ServerWorkingCopy(url: url, project: project, access: access, phase: phase, folder: folder, capture: capture)
        } catch {
            folder.remove()
            throw error
        }
    }

    /// Refuses comparing coders (agreement, disagreements, reconcile) to a coder or reader in
    /// the blind phase: only the lead compares while coders are blind.
    public func checkMayCompareCoders() throws {
        guard access != .lead, phase == .blind else { return }
        throw ServerError.notAllowed(url.role, "compare coders in the blind phase (the lead may; or the lead runs 'qcode team phase open')")
    }

    /// Replays on the server, in one transaction, every row the command changed and the
    /// audit entries it wrote.
    ///
    /// - Returns: how many rows changed (0: the command changed nothing, and the server was
    ///   not contacted).
    /// - Throws: ``ServerError/notAllowed(_:_:)`` when a reader changes anything or a coder
    ///   writes another coder's codings or marks; ``ServerReplayConflict`` when a row changed
    ///   on the server meanwhile; ``ServerError/connectionLost(_:)``. Nothing is written then.
    @discardableResult
    public func push() throws -> Int {
        let captured = try capture.changes()
        guard !captured.isEmpty else { return 0 }
        guard access != .reader else { throw ServerError.notAllowed(url.role, "change the project (a reader)") }
        let names = TeamServer.coderNames([captured.coders])
        var rows: [RowChange] = []
        var memos: [DocumentMemoShape.MemoChange] = []
        for change in captured.rows {
            let (document, memo) = DocumentMemoShape.split(try Self.serverShape(change, coderNames: names))
            if let document { rows.append(document) }
            if let memo { memos.append(memo) }
        }
        if access != .lead {
            for row in rows where TeamServer.coderColumns.contains(row.table) {
                if case .text(let coder)? = row.value("coder"), coder != url.role {
                    throw ServerError.notAllowed(url.role, "write \(coder)'s codings or marks: on the team server you code as yourself, '\(url.role)'")
                }
            }
        }
        let connection = try ServerConnection.connect(url)
        defer { connection.close() }
        let store = ServerStore(connection)
        try connection.transaction {
            try store.replay(rows, tableOrder: TableImage.projectTables)
            for memo in memos {
                switch memo {
                case .set(let document, let text, let at): try store.setDocumentMemo(documentID: document, memo: text, at: at)
                case .remove(let document): try store.removeDocumentMemo(documentID: document)
                }
            }
            try store.insertAuditEntries(captured.audit)
            ServerHooks.beforeCommit?(url.role)
        }
        return rows.count + memos.count + captured.audit.rows.count
    }

    /// Starts listening for other coders' codings: `changed` is called (on another thread)
    /// after each server transaction that changes codings. The listener stays until
    /// ``close()``.
    public func listenForCodings(_ changed: @escaping @Sendable () -> Void) throws {
        let connection = try ServerConnection.connect(url)
        try connection.listen(ServerSchema.codingsChannel, changed)
        listener = connection
    }

    /// Takes in the other coders' codings the role may see now (all of them in the open
    /// phase or for the lead; none for a coder in the blind phase), replacing the copy's,
    /// through a second connection, so that a workspace on the copy notices and redraws.
    /// The copy's own recorded changes are untouched.
    public func refreshOtherCoders() throws {
        let connection = try ServerConnection.connect(url)
        defer { connection.close() }
        let store = ServerStore(connection)
        let columns = try store.columns(of: "codings")
        let rows = try connection.transaction("REPEATABLE READ READ ONLY") { try store.otherCodersCodings(columns: columns) }
        let local = try TeamServer.localShape(TableImage(table: "codings", columns: columns, rows: rows),
                                              coderIDs: try project.coderIDs())
        let side = try Project.open(at: project.url, user: url.role)
        try side.replaceOtherCodersCodings(keeping: url.role, with: local)
    }

    /// Removes the working copy.
    public func close() {
        listener?.close()
        listener = nil
        capture.finish()
        folder.remove()
    }

    deinit { close() }

    /// A local row change as the server stores it: coder ids become names.
    static func serverShape(_ change: RowChange, coderNames: [Int64: String]) throws -> RowChange {
        guard TeamServer.coderColumns.contains(change.table), let index = change.columns.firstIndex(of: "coder_id") else { return change }
        var change = change
        change.columns[index] = "coder"
        func name(_ value: TableValue?) throws -> TableValue? {
            guard let value else { return nil }
            guard case .integer(let id) = value, let name = coderNames[id] else {
                throw ServerError.refused("a row of \(change.table) names no coder")
            }
            return .text(name)
        }
        change.old[index] = try name(change.old[index])
        change.new[index] = try name(change.new[index])
        return change
    }
}

/// Test hooks (the library reads no environment).
public enum ServerHooks {
    /// Called with the role just before a working copy's replay commits: tests break the
    /// connection there.
    nonisolated(unsafe) public static var beforeCommit: (@Sendable (String) -> Void)?
}
