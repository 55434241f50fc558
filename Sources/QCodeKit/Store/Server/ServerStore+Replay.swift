import Foundation

/// A working copy's changes could not be replayed exactly on the server.
public struct ServerReplayConflict: Error, Equatable, CustomStringConvertible {
    /// The server table of the first row that did not fit.
    public var table: String
    public var kind: RowChange.Kind

    public var description: String {
        let noun = ["codings": "coding", "document_marks": "done mark", "documents": "document", "codes": "code",
                    "cases": "case", "case_values": "case value", "attributes": "attribute", "turns": "turn",
                    "coders": "coder", "project_info": "project setting"][table] ?? "row"
        let what = kind == .update ? "changes" : "removes"
        return "a \(noun) this command \(what) was changed or removed on the server meanwhile, or is not yours to change; "
            + "nothing was written (run the command again)"
    }
}

/// Replaying a working copy's changes on the server (see `ChangeCapture` in QCodeKit).
extension ServerStore {
    /// How many coding ids one working copy reserves (a block: ids are never shared between
    /// coders working at the same time).
    public static let codingBlockSize: Int64 = 1 << 20

    /// Reserves the next block of coding ids and returns its first id. A sequence step is
    /// atomic and never rolled back, so concurrent working copies get disjoint blocks.
    public func reserveCodingBlock() throws -> Int64 {
        guard case .integer(let first)? = try connection.rows("SELECT nextval('qcode.coding_blocks')").first?.first else {
            throw ServerReplayConflict(table: "codings", kind: .insert)
        }
        return first
    }

    /// Starts the coding id blocks after every published coding.
    public func resetCodingBlocks() throws {
        try connection.execute("""
            SELECT setval('qcode.coding_blocks',
                          (coalesce((SELECT max(id) FROM qcode.codings), 0) / \(Self.codingBlockSize) + 1) * \(Self.codingBlockSize), false)
            """)
    }

    /// Replays row changes, already in the server's shape (coder names, not ids), inside the
    /// caller's transaction: inserts (parents' tables first), then updates, then deletes
    /// (children's tables first). An update or delete applies only to a row that still
    /// holds exactly the values the copy read; otherwise nothing is written.
    ///
    /// - Parameter tableOrder: the project tables, parents before children.
    /// - Throws: ``ServerReplayConflict`` for a row that changed, went, or is hidden from the
    ///   role (row-level security); the server's refusal of a constraint.
    public func replay(_ changes: [RowChange], tableOrder: [String]) throws {
        let rank = { (table: String) in tableOrder.firstIndex(of: table) ?? tableOrder.count }
        let inserts = changes.filter { $0.kind == .insert }
        for table in Set(inserts.map(\.table)).sorted(by: { rank($0) < rank($1) }) {
            let rows = Self.parentsFirst(inserts.filter { $0.table == table })
            guard let columns = rows.first?.columns else { continue }
            try insert(table, columns: columns, rows: rows.map { $0.new.map { $0 ?? .null } })
        }
        for change in changes where change.kind == .update {
            try updateRow(change)
        }
        let deletes = changes.filter { $0.kind == .delete }
        for table in Set(deletes.map(\.table)).sorted(by: { rank($0) > rank($1) }) {
            for change in Self.parentsFirst(deletes.filter { $0.table == table }).reversed() {
                try deleteRow(change)
            }
        }
    }

    /// Inserts audit entries (the server numbers them).
    public func insertAuditEntries(_ image: TableImage) throws {
        guard let id = image.columns.firstIndex(of: "id") else {
            try insert("audit_log", columns: image.columns, rows: image.rows)
            return
        }
        var columns = image.columns
        columns.remove(at: id)
        try insert("audit_log", columns: columns, rows: image.rows.map { var row = $0; row.remove(at: id); return row })
    }

    private func updateRow(_ change: RowChange) throws {
        var binds: [TableValue] = []
        var assignments: [String] = []
        var conditions: [String] = []
        for (index, column) in change.columns.enumerated() {
            let name = ServerSchema.quoteIdentifier(column)
            if let value = change.new[index] {
                binds.append(value)
                assignments.append("\(name) = $\(binds.count)")
            }
            if let value = change.old[index] {
                binds.append(value)
                conditions.append(change.primaryKey[index] ? "\(name) = $\(binds.count)" : "\(name) IS NOT DISTINCT FROM $\(binds.count)")
            }
        }
        guard !assignments.isEmpty else { return }
        let sql = "UPDATE qcode.\(ServerSchema.quoteIdentifier(change.table)) SET \(assignments.joined(separator: ", ")) WHERE \(conditions.joined(separator: " AND ")) RETURNING 1"
        guard try connection.rows(sql, binds).count == 1 else { throw ServerReplayConflict(table: change.table, kind: .update) }
    }

    private func deleteRow(_ change: RowChange) throws {
        var binds: [TableValue] = []
        var conditions: [String] = []
        for (index, column) in change.columns.enumerated() {
            guard let value = change.old[index] else { continue }
            binds.append(value)
            let name = ServerSchema.quoteIdentifier(column)
            conditions.append(change.primaryKey[index] ? "\(name) = $\(binds.count)" : "\(name) IS NOT DISTINCT FROM $\(binds.count)")
        }
        let sql = "DELETE FROM qcode.\(ServerSchema.quoteIdentifier(change.table)) WHERE \(conditions.joined(separator: " AND ")) RETURNING 1"
        guard try connection.rows(sql, binds).count == 1 else { throw ServerReplayConflict(table: change.table, kind: .delete) }
    }

    /// Rows of a self-referencing table (codes: `parent_id`) ordered so that a parent comes
    /// before its children; other tables' rows as they are.
    static func parentsFirst(_ rows: [RowChange]) -> [RowChange] {
        guard let first = rows.first, let parent = first.columns.firstIndex(of: "parent_id"),
              let id = first.columns.firstIndex(of: "id") else { return rows }
        let key = { (row: RowChange) in row.kind == .delete ? row.old : row.new }
        var pending = rows
        var ordered: [RowChange] = []
        while !pending.isEmpty {
            let waiting = Set(pending.compactMap { key($0)[id] ?? nil })
            let (ready, rest) = (pending.filter { row in
                guard let value = key(row)[parent] ?? nil, value != .null else { return true }
                return !waiting.contains(value)
            }, pending.filter { row in
                guard let value = key(row)[parent] ?? nil, value != .null else { return false }
                return waiting.contains(value)
            })
            if ready.isEmpty { return ordered + rest }  // a cycle: let the server say no
            ordered += ready
            pending = rest
        }
        return ordered
    }
}

/// Document memos on the server (`qcode.document_memos`, one per document per author).
extension ServerStore {
    /// Sets the connected role's memo on a document (replacing theirs, if any).
    public func setDocumentMemo(documentID: Int64, memo: String, at: TableValue) throws {
        try connection.execute("""
            INSERT INTO qcode.document_memos(document_id, author, memo, memo_at) VALUES ($1, current_user, $2, $3)
            ON CONFLICT (document_id, author) DO UPDATE SET memo = EXCLUDED.memo, memo_at = EXCLUDED.memo_at
            """, [.integer(documentID), .text(memo), at])
    }

    /// Removes the connected role's memo on a document.
    public func removeDocumentMemo(documentID: Int64) throws {
        try connection.execute("DELETE FROM qcode.document_memos WHERE document_id = $1 AND author = current_user", [.integer(documentID)])
    }

    /// Inserts published document memos (author, as given).
    public func insertDocumentMemos(_ rows: [[TableValue]]) throws {
        try insert("document_memos", columns: ["document_id", "author", "memo", "memo_at"], rows: rows)
    }

    /// The document memos the connected role may see: (document, author, memo, at), newest first.
    public func documentMemos() throws -> [[TableValue]] {
        try connection.rows("SELECT document_id, author, memo, memo_at FROM qcode.document_memos ORDER BY document_id, memo_at DESC NULLS LAST, author")
    }
}
