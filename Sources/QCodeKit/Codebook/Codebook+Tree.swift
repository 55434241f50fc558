extension Codebook {
    /// Every code, depth-first (a parent, then its children in order), with its parent id,
    /// position among its siblings, path and depth.
    ///
    /// For a codebook `social-cure` → `group-membership` → `joining`, the paths are
    /// `social-cure`, `social-cure/group-membership`, `social-cure/group-membership/joining`
    /// and the depths 0, 1, 2.
    ///
    /// - Complexity: O(*n*) for *n* codes.
    public var flattened: [FlatCode] {
        var rows: [FlatCode] = []
        func visit(_ codes: [CodeDefinition], parentID: String?, parentPath: String?, depth: Int) {
            for (position, code) in codes.enumerated() {
                let path = parentPath.map { "\($0)/\(code.name)" } ?? code.name
                rows.append(FlatCode(code, parentID: parentID, position: position, path: path, depth: depth))
                visit(code.children, parentID: code.id, parentPath: path, depth: depth + 1)
            }
        }
        visit(codes, parentID: nil, parentPath: nil, depth: 0)
        return rows
    }

    /// Rebuilds a codebook from rows linked by parent id, such as rows read from a database
    /// or a REFI-QDA file.
    ///
    /// Siblings are ordered by ``FlatCode/position``, then by their order in `rows`. The rows'
    /// `path` and `depth` are ignored (they follow from the links). The result is checked
    /// with ``validate(fileName:)``.
    ///
    /// - Throws: ``CodebookError`` for a duplicate id, a parent id that matches no row, parent
    ///   links that form a cycle, or any problem ``validate(fileName:)`` finds.
    /// - Complexity: O(*n* log *n*) for *n* rows.
    public static func build(
        fromFlat rows: [FlatCode], title: String? = nil, description: String? = nil
    ) throws(CodebookError) -> Codebook {
        var rowByID: [String: FlatCode] = [:]
        for row in rows {
            if let first = rowByID[row.id] {
                throw CodebookError(.duplicateID(row.id, firstPath: first.path, secondPath: row.path))
            }
            rowByID[row.id] = row
        }
        var childrenByParent: [String?: [FlatCode]] = [:]
        for row in rows {
            if let parentID = row.parentID, rowByID[parentID] == nil {
                throw CodebookError(.missingParent(id: row.id, parentID: parentID))
            }
            childrenByParent[row.parentID, default: []].append(row)
        }
        var reached = 0
        func children(of parentID: String?) -> [CodeDefinition] {
            let siblings = childrenByParent[parentID] ?? []
            let ordered = siblings.enumerated()
                .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
                .map(\.element)
            reached += ordered.count
            return ordered.map { $0.definition(children: children(of: $0.id)) }
        }
        let codebook = Codebook(title: title, description: description, codes: children(of: nil))
        if reached < rows.count {
            throw CodebookError(.cycle(findCycle(in: rowByID, rows: rows)))
        }
        try codebook.validate()
        return codebook
    }

    /// The ids on one parent cycle, each followed by its parent; used once a cycle is known
    /// to exist (some rows cannot reach the top level).
    private static func findCycle(in rowByID: [String: FlatCode], rows: [FlatCode]) -> [String] {
        for start in rows {
            var seen: [String: Int] = [:]
            var chain: [String] = []
            var current: String? = start.id
            while let id = current {
                if let index = seen[id] { return Array(chain[index...]) }
                seen[id] = chain.count
                chain.append(id)
                current = rowByID[id]?.parentID
            }
        }
        return []
    }
}
