import Foundation

/// A coding named by what a person sees: its document, code, coder and range. The schema
/// keeps these unique, and unlike a row id they never come to mean another coding: SQLite
/// reuses the id of a deleted newest row, so an id read a minute ago may now be someone
/// else's coding in another document.
public struct CodingTarget: Sendable, Hashable {
    public var documentID: Int64
    public var codeID: String
    public var coder: String
    public var start: Int
    public var end: Int

    public init(documentID: Int64, codeID: String, coder: String, start: Int, end: Int) {
        self.documentID = documentID
        self.codeID = codeID
        self.coder = coder
        self.start = start
        self.end = end
    }
}

/// One coding as the workspace shows it.
public struct WorkspaceCoding: Sendable, Equatable {
    /// The row id when it was read: for display only; changes name the coding by `target`.
    public var id: Int64
    public var documentID: Int64
    public var codeID: String
    public var coder: String
    public var start: Int
    public var end: Int
    public var memo: String?

    public init(id: Int64, documentID: Int64, codeID: String, coder: String, start: Int, end: Int, memo: String? = nil) {
        self.id = id
        self.documentID = documentID
        self.codeID = codeID
        self.coder = coder
        self.start = start
        self.end = end
        self.memo = memo
    }

    /// The coding by document, code, coder and range.
    public var target: CodingTarget {
        CodingTarget(documentID: documentID, codeID: codeID, coder: coder, start: start, end: end)
    }
}

/// What the workspace reads to draw a document: the codebook, the document's codings and
/// the data version they were read at, from one consistent snapshot.
public struct WorkspaceSnapshot: Sendable {
    public var codes: [FlatCode]
    public var codings: [WorkspaceCoding]
    /// SQLite's data version when this was read (see `Project.dataVersion()`).
    public var dataVersion: Int64
}

/// A workspace change that was refused because what the user saw is no longer there.
public enum WorkspaceChangeError: Error, CustomStringConvertible, Equatable {
    /// The coding the user chose was removed (or its range or code changed) elsewhere.
    case codingGone(coder: String, code: String, start: Int, end: Int)
    /// The coding's memo was changed elsewhere after the user began editing it.
    case memoChanged(code: String, start: Int, end: Int)
    /// The code the user picked was removed elsewhere.
    case codeGone(String)
    /// The document is no longer in the project.
    case documentGone(Int64)

    public var description: String {
        switch self {
        case .codingGone(let coder, let code, let start, let end):
            return "\(coder)'s coding \(code) at \(start)-\(end) is no longer there (changed in another session); nothing was changed"
        case .memoChanged(let code, let start, let end):
            return "the memo on \(code) at \(start)-\(end) was changed in another session; yours was not saved"
        case .codeGone(let code):
            return "the code '\(code)' is no longer in the codebook (changed in another session); nothing was coded"
        case .documentGone(let id):
            return "document \(id) is no longer in the project"
        }
    }
}

/// The outcome of one workspace change: what changed, and the id of the audit entry it
/// wrote (nil when nothing changed), which is what the workspace's own undo reverses.
public struct WorkspaceEdit: Sendable, Equatable {
    public var change: CodingChange
    public var auditID: Int64?
}

/// The data operations of the coding workspace. Each is one transaction and writes the
/// same audit entries as the CLI, so `qcode undo` reverses them. Each names the coding it
/// changes by `CodingTarget` and refuses (`WorkspaceChangeError`) when it has gone.
extension Project {
    /// Codes, codings of a document and the data version, from one snapshot.
    public func workspaceSnapshot(documentID: Int64) throws -> WorkspaceSnapshot {
        try read { store in
            WorkspaceSnapshot(codes: try store.flatCodes(),
                              codings: try store.workspaceCodings(documentID: documentID),
                              dataVersion: try store.dataVersion())
        }
    }

    /// Every coding of a document (all coders), by start.
    public func workspaceCodings(documentID: Int64) throws -> [WorkspaceCoding] {
        try read { store in try store.workspaceCodings(documentID: documentID) }
    }

    /// SQLite's data version for this project handle: it changes when another process (or
    /// another `Project` on the same file) commits a change, and not for this handle's own
    /// changes. Compare it with `WorkspaceSnapshot.dataVersion` to notice outside changes.
    public func dataVersion() throws -> Int64 {
        try read { store in try store.dataVersion() }
    }

    /// Codes `spans` of a document with a code (by id) for a coder; exact duplicates are
    /// left alone and reported. Records a `code` audit entry.
    public func code(documentID: Int64, codeID: String, coder: String, spans: [TextSpan]) throws -> CodingChange {
        try workspaceCode(documentID: documentID, codeID: codeID, coder: coder, spans: spans).change
    }

    /// Like `code(documentID:codeID:coder:spans:)`, returning the audit entry's id too. The
    /// code is taken by its exact id: if it has gone, nothing is coded (never a code whose
    /// path happens to match the id).
    public func workspaceCode(documentID: Int64, codeID: String, coder: String, spans: [TextSpan]) throws -> WorkspaceEdit {
        try write { store in
            guard let name = try store.documentName(id: documentID) else { throw WorkspaceChangeError.documentGone(documentID) }
            guard let code = try store.code(exactID: codeID) else { throw WorkspaceChangeError.codeGone(codeID) }
            let result = try store.code(documentID: documentID, documentName: name, code: code, coder: coder, spans: spans)
            return WorkspaceEdit(change: result.change, auditID: result.auditID)
        }
    }

    /// Removes the coding with exactly this document, code, coder and range. Records an
    /// `uncode` audit entry.
    ///
    /// - Returns: the audit entry's id.
    /// - Throws: `WorkspaceChangeError.codingGone` when there is no such coding now.
    @discardableResult
    public func removeCoding(_ target: CodingTarget, coder: String) throws -> Int64 {
        try write { store in
            let path = try store.code(exactID: target.codeID)?.path ?? target.codeID
            guard let current = try store.coding(matching: target) else {
                throw WorkspaceChangeError.codingGone(coder: target.coder, code: path, start: target.start, end: target.end)
            }
            let document = try store.documentName(id: target.documentID) ?? String(target.documentID)
            try store.deleteCoding(rowID: current.id)
            let removed = CodingSnapshot(document: target.documentID, code: target.codeID, coder: target.coder,
                                         start: target.start, end: target.end, memo: current.memo)
            return try store.record(.uncode([removed]), summary: "\(coder) removed 1 coding(s) (\(path)) from \(document)",
                                    actor: coder)
        }
    }

    /// Sets or clears the memo of the coding with exactly this document, code, coder and
    /// range. Records a `coding.memo.set` audit entry naming the coding the same way, so it
    /// can be undone after the coding was removed and restored.
    ///
    /// - Parameter expected: the memo the user saw when they began editing; when given and
    ///   the stored memo differs, the change is refused rather than overwrite another
    ///   session's memo. Pass `.none` to skip the check.
    /// - Returns: the audit entry's id.
    @discardableResult
    public func setCodingMemo(_ target: CodingTarget, memo: String?, expected: String?? = .none, coder: String) throws -> Int64 {
        try write { store in try Self.setCodingMemo(store, target, memo: memo, expected: expected, coder: coder) }
    }

    /// Sets or clears one coding's memo, the coding given by its current row id (for
    /// callers that have just read the id; the workspace names codings by `CodingTarget`).
    public func setCodingMemo(id: Int64, memo: String?, coder: String) throws {
        try write { store in
            guard let target = try store.coding(rowID: id)?.target else { throw CodingError.noSuchCoding(id) }
            try Self.setCodingMemo(store, target, memo: memo, expected: .none, coder: coder)
        }
    }

    private static func setCodingMemo(_ store: Store, _ target: CodingTarget, memo: String?, expected: String??,
                                      coder: String) throws -> Int64 {
        let path = try store.code(exactID: target.codeID)?.path ?? target.codeID
        guard let current = try store.coding(matching: target) else {
            throw WorkspaceChangeError.codingGone(coder: target.coder, code: path, start: target.start, end: target.end)
        }
        if case .some(let seen) = expected, seen != current.memo {
            throw WorkspaceChangeError.memoChanged(code: path, start: target.start, end: target.end)
        }
        try store.setCodingMemo(id: current.id, memo: memo, author: coder)
        let before = CodingSnapshot(document: target.documentID, code: target.codeID, coder: target.coder,
                                    start: target.start, end: target.end, memo: current.memo)
        var after = before
        after.memo = memo
        return try store.record(
            .codingMemo(CodingMemoChange(before: before, after: after)),
            summary: "\(coder) \(memo == nil ? "cleared the memo" : "set a memo") on coding \(current.id) (\(before.code) \(before.start)-\(before.end))",
            actor: coder)
    }
}
