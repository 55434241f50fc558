import Foundation
import GRDB

/// Errors from editing the stored codebook.
public enum CodebookEditError: Error, CustomStringConvertible, Equatable {
    case exists(String)
    case codedCodes(path: String, codings: Int)
    case moveIntoOwnSubtree(String, String)
    case mergeIntoItself(String)
    case mergeIntoDescendant(String, String)

    public var description: String {
        switch self {
        case .exists(let path):
            return "code '\(path)' already exists"
        case .codedCodes(let path, let codings):
            return "code '\(path)' and its children hold \(codings) coding(s); use --force to remove them too, or 'qcode codebook merge' to keep them"
        case .moveIntoOwnSubtree(let path, let target):
            return "cannot move '\(path)' under '\(target)', which is inside it"
        case .mergeIntoItself(let path):
            return "cannot merge '\(path)' into itself"
        case .mergeIntoDescendant(let path, let target):
            return "cannot merge '\(path)' into '\(target)', which is inside it"
        }
    }
}

extension Project {
    /// Adds a code at `path` (its parent must exist); returns it.
    @discardableResult
    public func addCode(path: String, definition: CodeDefinition) throws -> FlatCode {
        try database.write { db in
            let codePath = CodePath(path)
            guard !codePath.isEmpty else { throw CodebookError(.missingName(parent: nil, position: 1)) }
            var parent: FlatCode?
            if codePath.segments.count > 1 {
                parent = try Self.resolveExact(db, CodePath(segments: Array(codePath.segments.dropLast())).description)
            }
            let codes = try Self.flatCodes(db)
            let fullPath = parent.map { "\($0.path)/\(codePath.last)" } ?? codePath.last
            if let existing = codes.first(where: { CodePath($0.path) == CodePath(fullPath) }) {
                throw CodebookEditError.exists(existing.path)
            }
            let position = (codes.filter { $0.parentID == parent?.id }.map(\.position).max() ?? -1) + 1
            var row = FlatCode(definition, parentID: parent?.id, position: position, path: fullPath, depth: (parent?.depth ?? -1) + 1)
            row.name = codePath.last
            if row.id.isEmpty || codes.contains(where: { $0.id == row.id }) {
                row.id = Codebook.makeID()
            }
            try Self.insert(db, row)
            _ = try Self.flatCodes(db)
            try AuditLog.record(db, action: "codebook.add", summary: "added code \(fullPath)", after: row)
            return row
        }
    }

    /// Renames a code (its last path segment); its id and codings stay.
    public func renameCode(_ query: String, to newName: String) throws -> (old: String, new: String) {
        try database.write { db in
            let code = try Self.resolveCode(db, query)
            var renamed = code
            renamed.name = newName.trimmingCharacters(in: .whitespaces)
            let newPath = code.parentID == nil ? renamed.name : (code.path as NSString).deletingLastPathComponent + "/" + renamed.name
            try Self.update(db, renamed)
            _ = try Self.flatCodes(db)  // validates the new name (no '/', unique among siblings)
            try AuditLog.record(db, action: "codebook.rename", summary: "renamed \(code.path) to \(newPath)",
                                before: code, after: renamed)
            return (code.path, newPath)
        }
    }

    /// Moves a code (with its subtree) under another code, or to the top level when
    /// `newParent` is nil.
    public func moveCode(_ query: String, under newParent: String?) throws -> (old: String, new: String) {
        try database.write { db in
            let code = try Self.resolveCode(db, query)
            var moved = code
            var parentPath: String?
            if let newParent {
                let parent = try Self.resolveCode(db, newParent)
                if try Self.subtreeIDs(db, of: code.id).contains(parent.id) {
                    throw CodebookEditError.moveIntoOwnSubtree(code.path, parent.path)
                }
                moved.parentID = parent.id
                parentPath = parent.path
            } else {
                moved.parentID = nil
            }
            let siblings = try Self.flatCodes(db).filter { $0.parentID == moved.parentID && $0.id != code.id }
            moved.position = (siblings.map(\.position).max() ?? -1) + 1
            try Self.update(db, moved)
            _ = try Self.flatCodes(db)
            let newPath = parentPath.map { "\($0)/\(code.name)" } ?? code.name
            try AuditLog.record(db, action: "codebook.move", summary: "moved \(code.path) to \(newPath)",
                                before: code, after: moved)
            return (code.path, newPath)
        }
    }

    /// Merges code `source` into `target`: the source's codings become the target's
    /// (exact duplicates collapse), its children move under the target, and the source
    /// is removed. Returns the number of codings moved.
    public func mergeCode(_ source: String, into target: String) throws -> (from: String, into: String, codings: Int) {
        try database.write { db in
            let from = try Self.resolveCode(db, source)
            let into = try Self.resolveCode(db, target)
            guard from.id != into.id else { throw CodebookEditError.mergeIntoItself(from.path) }
            if try Self.subtreeIDs(db, of: from.id).contains(into.id) {
                throw CodebookEditError.mergeIntoDescendant(from.path, into.path)
            }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM codings WHERE code_id = ?", arguments: [from.id]) ?? 0
            try db.execute(sql: "UPDATE OR IGNORE codings SET code_id = ? WHERE code_id = ?", arguments: [into.id, from.id])
            try db.execute(sql: "DELETE FROM codings WHERE code_id = ?", arguments: [from.id])
            let offset = (try Int.fetchOne(db, sql: "SELECT max(position) + 1 FROM codes WHERE parent_id = ?", arguments: [into.id])) ?? 0
            try db.execute(sql: "UPDATE codes SET parent_id = ?, position = position + ? WHERE parent_id = ?",
                           arguments: [into.id, offset, from.id])
            try db.execute(sql: "DELETE FROM codes WHERE id = ?", arguments: [from.id])
            _ = try Self.flatCodes(db)  // children with clashing names under the target abort the merge
            try AuditLog.record(db, action: "codebook.merge", summary: "merged \(from.path) into \(into.path) (\(count) codings)",
                                before: from, after: into)
            return (from.path, into.path, count)
        }
    }

    /// Removes a code and its subtree. Refuses while any of them holds codings unless
    /// `force`, which deletes those codings too. Returns the codes and codings removed.
    public func removeCode(_ query: String, force: Bool) throws -> (path: String, codes: Int, codings: Int) {
        try database.write { db in
            let code = try Self.resolveCode(db, query)
            let ids = try Self.subtreeIDs(db, of: code.id)
            let marks = databaseQuestionMarks(count: ids.count)
            let codings = try Int.fetchOne(db, sql: "SELECT count(*) FROM codings WHERE code_id IN (\(marks))",
                                           arguments: StatementArguments(ids)) ?? 0
            if codings > 0 && !force {
                throw CodebookEditError.codedCodes(path: code.path, codings: codings)
            }
            let removedCodings = try Row.fetchAll(db, sql: """
                SELECT document_id, code_id, coder_id, start, "end", memo FROM codings WHERE code_id IN (\(marks))
                """, arguments: StatementArguments(ids)).map { "\($0["document_id"] as Int64):\($0["code_id"] as String):\($0["coder_id"] as Int64):\($0["start"] as Int)-\($0["end"] as Int)" }
            try db.execute(sql: "DELETE FROM codings WHERE code_id IN (\(marks))", arguments: StatementArguments(ids))
            // Children first, so the parent references never dangle.
            for id in ids.reversed() {
                try db.execute(sql: "DELETE FROM codes WHERE id = ?", arguments: [id])
            }
            try AuditLog.record(db, action: "codebook.remove",
                                summary: "removed \(code.path) (\(ids.count) code(s), \(codings) coding(s))",
                                before: removedCodings)
            return (code.path, ids.count, codings)
        }
    }

    /// Resolves a full path exactly (no suffix matching), for naming a new code's parent.
    static func resolveExact(_ db: Database, _ path: String) throws -> FlatCode {
        let codes = try flatCodes(db)
        if let code = codes.first(where: { CodePath($0.path) == CodePath(path) }) {
            return code
        }
        return try CodeResolver(codes).resolve(path)
    }
}
