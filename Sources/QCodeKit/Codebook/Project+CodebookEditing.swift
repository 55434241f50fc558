import Foundation

/// Errors from editing the stored codebook.
public enum CodebookEditError: Error, CustomStringConvertible, Equatable {
    case exists(String)
    case codedCodes(path: String, codings: Int)
    case moveIntoOwnSubtree(String, String)
    case mergeIntoItself(String)
    case mergeIntoDescendant(String, String)
    case badColour(String)

    public var description: String {
        switch self {
        case .exists(let path):
            return "code '\(path)' already exists"
        case .codedCodes(let path, let codings):
            return "code '\(path)' and its children hold \(codings) coding(s); remove them with it, or merge the code into another to keep them"
        case .moveIntoOwnSubtree(let path, let target):
            return "cannot move '\(path)' under '\(target)', which is inside it"
        case .mergeIntoItself(let path):
            return "cannot merge '\(path)' into itself"
        case .mergeIntoDescendant(let path, let target):
            return "cannot merge '\(path)' into '\(target)', which is inside it"
        case .badColour(let value):
            return "bad colour '\(value)'; expected #RRGGBB, e.g. #1B9E77"
        }
    }
}

extension Project {
    /// Adds a code at `path` (its parent must exist); returns it.
    @discardableResult
    public func addCode(path: String, definition: CodeDefinition) throws -> FlatCode {
        if let colour = definition.colour, !Codebook.isValidColour(colour) {
            throw CodebookEditError.badColour(colour)
        }
        return try write { store in
            let codePath = CodePath(path)
            guard !codePath.isEmpty else { throw CodebookError(.missingName(parent: nil, position: 1)) }
            var parent: FlatCode?
            if codePath.segments.count > 1 {
                parent = try store.resolveExactCode(path: CodePath(segments: Array(codePath.segments.dropLast())).description)
            }
            let codes = try store.flatCodes()
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
            try store.insertCode(row)
            _ = try store.flatCodes()
            try store.record(.codebook(CodebookEdit(operation: .add, subjects: [fullPath])), summary: "added code \(fullPath)")
            return row
        }
    }

    /// Renames a code (its last path segment); its id and codings stay.
    public func renameCode(_ query: String, to newName: String) throws -> (old: String, new: String) {
        try write { store in
            let code = try store.resolveCode(query)
            var renamed = code
            renamed.name = newName.trimmingCharacters(in: .whitespaces)
            let newPath = code.parentID == nil ? renamed.name : (code.path as NSString).deletingLastPathComponent + "/" + renamed.name
            try store.updateCode(renamed)
            _ = try store.flatCodes()  // validates the new name (no '/', unique among siblings)
            try store.record(.codebook(CodebookEdit(operation: .rename, subjects: [code.path, newPath])),
                             summary: "renamed \(code.path) to \(newPath)")
            return (code.path, newPath)
        }
    }

    /// Moves a code (with its subtree) under another code, or to the top level when
    /// `newParent` is nil.
    public func moveCode(_ query: String, under newParent: String?) throws -> (old: String, new: String) {
        try write { store in
            let code = try store.resolveCode(query)
            var moved = code
            var parentPath: String?
            if let newParent {
                let parent = try store.resolveCode(newParent)
                if try store.subtreeIDs(of: code.id).contains(parent.id) {
                    throw CodebookEditError.moveIntoOwnSubtree(code.path, parent.path)
                }
                moved.parentID = parent.id
                parentPath = parent.path
            } else {
                moved.parentID = nil
            }
            let siblings = try store.flatCodes().filter { $0.parentID == moved.parentID && $0.id != code.id }
            moved.position = (siblings.map(\.position).max() ?? -1) + 1
            try store.updateCode(moved)
            _ = try store.flatCodes()
            let newPath = parentPath.map { "\($0)/\(code.name)" } ?? code.name
            try store.record(.codebook(CodebookEdit(operation: .move, subjects: [code.path, newPath])),
                             summary: "moved \(code.path) to \(newPath)")
            return (code.path, newPath)
        }
    }

    /// Merges code `source` into `target`: the source's codings become the target's
    /// (exact duplicates collapse), its children move under the target, and the source
    /// is removed. Returns the number of codings moved.
    public func mergeCode(_ source: String, into target: String) throws -> (from: String, into: String, codings: Int) {
        try write { store in
            let from = try store.resolveCode(source)
            let into = try store.resolveCode(target)
            guard from.id != into.id else { throw CodebookEditError.mergeIntoItself(from.path) }
            if try store.subtreeIDs(of: from.id).contains(into.id) {
                throw CodebookEditError.mergeIntoDescendant(from.path, into.path)
            }
            let count = try store.codingCount(codeIDs: [from.id])
            try store.moveCodings(fromCode: from.id, toCode: into.id)
            try store.moveChildren(of: from.id, under: into.id)
            try store.deleteCode(id: from.id)
            _ = try store.flatCodes()  // children with clashing names under the target abort the merge
            try store.record(.codebook(CodebookEdit(operation: .merge, subjects: [from.path, into.path])),
                             summary: "merged \(from.path) into \(into.path) (\(count) codings)")
            return (from.path, into.path, count)
        }
    }

    /// Removes a code and its subtree. Refuses while any of them holds codings unless
    /// `force`, which deletes those codings too. Returns the codes and codings removed.
    public func removeCode(_ query: String, force: Bool) throws -> (path: String, codes: Int, codings: Int) {
        try write { store in
            let code = try store.resolveCode(query)
            let ids = try store.subtreeIDs(of: code.id)
            let codings = try store.codingCount(codeIDs: ids)
            if codings > 0 && !force {
                throw CodebookEditError.codedCodes(path: code.path, codings: codings)
            }
            try store.deleteCodings(codeIDs: ids)
            // Children first, so the parent references never dangle.
            for id in ids.reversed() {
                try store.deleteCode(id: id)
            }
            try store.record(.codebook(CodebookEdit(operation: .remove, subjects: [code.path])),
                             summary: "removed \(code.path) (\(ids.count) code(s), \(codings) coding(s))")
            return (code.path, ids.count, codings)
        }
    }
}
