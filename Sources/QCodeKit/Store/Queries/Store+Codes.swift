import Foundation
import GRDB

/// Named queries on `codes` (the stored codebook) and the codebook's title and description.
extension Store {
    // MARK: Reading

    /// Every stored code as a row, in stored order (position, then insertion). Paths and
    /// depths are not computed: see `flatCodes()`.
    func storedCodes() throws -> [FlatCode] {
        try CodeRecord.order(CodeRecord.Columns.position, Column.rowID).fetchAll(db).map(\.flatCode)
    }

    /// Every code, depth-first, with paths and depths.
    ///
    /// - Throws: `CodebookError` when the stored codes do not form a valid tree (cycles,
    ///   clashing sibling names); edits call this to refuse such a result.
    func flatCodes() throws -> [FlatCode] {
        try Codebook.build(fromFlat: try storedCodes()).flattened
    }

    /// The code named by `query`: its id, its full path, or a unique path suffix.
    func resolveCode(_ query: String) throws -> FlatCode {
        try CodeResolver(try flatCodes()).resolve(query)
    }

    /// The code at exactly this full path (no suffix matching), for naming a new code's
    /// parent; falls back to `resolveCode` for its error (unknown or ambiguous).
    func resolveExactCode(path: String) throws -> FlatCode {
        let codes = try flatCodes()
        if let code = codes.first(where: { CodePath($0.path) == CodePath(path) }) {
            return code
        }
        return try CodeResolver(codes).resolve(path)
    }

    /// Each code's path, by id.
    func codePaths() throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try flatCodes().map { ($0.id, $0.path) })
    }

    /// The id of a code and of all its descendants, parents before children.
    func subtreeIDs(of id: String) throws -> [String] {
        try String.fetchAll(db, sql: """
            WITH RECURSIVE subtree(id) AS (
                SELECT ?
                UNION ALL
                SELECT c.id FROM codes c JOIN subtree s ON c.parent_id = s.id
            )
            SELECT id FROM subtree
            """, arguments: [id])
    }

    /// Whether a code with this id exists.
    func codeExists(id: String) throws -> Bool {
        try CodeRecord.exists(db, key: id)
    }

    /// The codebook's title and description, if set.
    func codebookHeading() throws -> (title: String?, description: String?) {
        (try ProjectInfoRecord.fetchOne(db, key: Self.codebookTitleKey)?.value,
         try ProjectInfoRecord.fetchOne(db, key: Self.codebookDescriptionKey)?.value)
    }

    // MARK: Writing

    /// Inserts a code (its `path` and `depth` are not stored).
    func insertCode(_ code: FlatCode) throws {
        try CodeRecord(code).insert(db)
    }

    /// Overwrites the stored definition, parent and position of the code with `code.id`.
    func updateCode(_ code: FlatCode) throws {
        try CodeRecord(code).update(db)
    }

    /// Moves the children of `parentID` under `newParentID`, after its existing children
    /// (their order kept).
    func moveChildren(of parentID: String, under newParentID: String) throws {
        let offset = try Int.fetchOne(db, sql: "SELECT max(position) + 1 FROM codes WHERE parent_id = ?",
                                      arguments: [newParentID]) ?? 0
        try db.execute(sql: "UPDATE codes SET parent_id = ?, position = position + ? WHERE parent_id = ?",
                       arguments: [newParentID, offset, parentID])
    }

    /// Deletes one code (its children and codings must be gone or moved first).
    func deleteCode(id: String) throws {
        _ = try CodeRecord.deleteOne(db, key: id)
    }

    /// Sets the codebook's title.
    func setCodebookTitle(_ title: String) throws {
        try ProjectInfoRecord(key: Self.codebookTitleKey, value: title).insert(db, onConflict: .replace)
    }

    /// Sets the codebook's description.
    func setCodebookDescription(_ description: String) throws {
        try ProjectInfoRecord(key: Self.codebookDescriptionKey, value: description).insert(db, onConflict: .replace)
    }

    private static let codebookTitleKey = "codebook_title"
    private static let codebookDescriptionKey = "codebook_description"
}

extension CodeRecord {
    /// The row for a code (its path and depth are not stored).
    init(_ code: FlatCode) {
        self.init(id: code.id, parentID: code.parentID, name: code.name, label: code.label, colour: code.colour,
                  description: code.description, include: code.include, exclude: code.exclude,
                  examples: Self.encodeList(code.examples), keywords: Self.encodeList(code.keywords),
                  position: code.position)
    }

    /// The code as a row of the flat codebook (path = name and depth 0 until built into a tree).
    var flatCode: FlatCode {
        FlatCode(id: id, parentID: parentID, position: position, name: name, label: label, colour: colour,
                 description: description, include: include, exclude: exclude,
                 examples: Self.decodeList(examples), keywords: Self.decodeList(keywords))
    }

    static func encodeList(_ list: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(list)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeList(_ text: String?) -> [String] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
