import Foundation

/// Errors in table exports.
public enum ExportError: Error, CustomStringConvertible, Equatable {
    case severalCoders([String])
    case noSuchCoder(String, known: [String])
    case badLevel(Int)
    case noSuchAttribute(String, known: [String])

    public var description: String {
        switch self {
        case .severalCoders(let names):
            return "codings by \(names.count) coders (\(names.joined(separator: ", "))) where one is needed (one coder, or a consensus coder)"
        case .noSuchCoder(let name, let known):
            return "no coder '\(name)' has codings (coders: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
        case .badLevel(let level):
            return "level \(level) is not a code depth: use 1 for themes, 2 for their children, ..."
        case .noSuchAttribute(let name, let known):
            return "no attribute '\(name)' (attributes: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
        }
    }
}

/// The codebook as indexes, for counting codings per code column.
///
/// With a `level`, only codes down to that depth get a column (1: themes only); every
/// coding counts towards its own code's column and each ancestor's column ("aggregate").
struct CodeColumns {
    let codes: [FlatCode]
    /// Index into `codes` for the `codes.rowid` of each code.
    let indexByRowID: [Int64: Int]
    /// The column codes (indexes into `codes`), depth-first.
    let columns: [Int]
    /// For each code, the columns it counts towards (itself and its ancestors with columns).
    let targets: [[Int]]
    /// For each code, the index of its top-level code.
    let theme: [Int]

    /// Indexes `codes` (depth-first, as ``Codebook/flattened`` lists them).
    ///
    /// - Parameters:
    ///   - rowIDs: each code's `rowid` with its id, for ``indexByRowID``; unknown ids are ignored.
    ///   - level: the deepest level with a column (1: themes); nil: every code.
    /// - Throws: ``ExportError/badLevel(_:)`` for a level below 1.
    init(codes: [FlatCode], rowIDs: [Int64: String] = [:], level: Int?) throws {
        if let level, level < 1 { throw ExportError.badLevel(level) }
        self.codes = codes
        var indexByID: [String: Int] = [:]
        for (index, code) in codes.enumerated() { indexByID[code.id] = index }
        var indexByRowID: [Int64: Int] = [:]
        for (rowID, id) in rowIDs {
            if let index = indexByID[id] { indexByRowID[rowID] = index }
        }
        self.indexByRowID = indexByRowID
        let maximumDepth = level.map { $0 - 1 } ?? Int.max
        let columns = codes.indices.filter { codes[$0].depth <= maximumDepth }
        self.columns = columns
        var columnOf: [Int: Int] = [:]
        for (column, code) in columns.enumerated() { columnOf[code] = column }
        var targets: [[Int]] = []
        var theme: [Int] = []
        for index in codes.indices {
            var list: [Int] = []
            var current: Int? = index
            var top = index
            while let node = current {
                if let column = columnOf[node] { list.append(column) }
                top = node
                current = codes[node].parentID.flatMap { indexByID[$0] }
            }
            targets.append(list.reversed())
            theme.append(top)
        }
        self.targets = targets
        self.theme = theme
    }

    /// The project's codebook as columns down to `level`.
    static func read(_ store: any AgreementSource, level: Int?) throws -> CodeColumns {
        if let level, level < 1 { throw ExportError.badLevel(level) }
        return try CodeColumns(codes: store.codebookCodes(), rowIDs: store.codeIDsByRowID(), level: level)
    }

    /// The code of column `column`.
    func code(ofColumn column: Int) -> FlatCode { codes[columns[column]] }

    /// The paths of the column codes, in column order.
    var columnPaths: [String] { columns.map { codes[$0].path } }
}

extension Project {
    /// Resolves and checks the names in `filter` (code, coders, documents, attributes, in
    /// that order), giving the selection the store's segment queries take. The speaker
    /// condition is left to the caller.
    static func codingSelection(_ store: any SegmentSource, _ filter: SegmentFilter) throws -> CodingSelection {
        var selection = CodingSelection()
        if let query = filter.code {
            let code = try store.resolveCode(query)
            selection.codeIDs = filter.includeChildren ? try store.subtreeIDs(of: code.id) : [code.id]
        }
        if !filter.coders.isEmpty {
            try checkCoders(store, filter.coders)
            selection.coders = filter.coders
        }
        selection.documentIDs = try filter.documents.map { try store.documentID($0) }
        selection.cases = filter.cases
        for condition in filter.attributes {
            guard try store.attributeExists(condition.name) else { throw SegmentError.noSuchAttribute(condition.name) }
        }
        selection.attributes = filter.attributes
        return selection
    }

    /// Throws unless every name is a coder with codings.
    static func checkCoders(_ store: any SegmentSource, _ names: [String]) throws {
        let known = try store.namesOfCodersWithCodings()
        for name in names where !known.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) {
            throw ExportError.noSuchCoder(name, known: known)
        }
    }

    /// The coders a table counts: `names` (checked), else the only coder with codings.
    /// - Throws: ``ExportError/severalCoders(_:)`` when none is named and several coded.
    static func tableCoders(_ store: Store, _ names: [String]) throws -> [String] {
        if names.isEmpty { return try singleCoder(store, nil).map { [$0] } ?? [] }
        try checkCoders(store, names)
        return names
    }

    /// The coder to count for a one-coder table: `name`, else the only coder, else an error.
    static func singleCoder(_ store: Store, _ name: String?) throws -> String? {
        if let name {
            try checkCoders(store, [name])
            return name
        }
        let known = try store.namesOfCodersWithCodings()
        if known.count > 1 { throw ExportError.severalCoders(known) }
        return known.first
    }
}

/// A turn's number, speaker, span and time, as exports need them.
struct TurnInfo {
    var number: Int
    var speaker: String?
    var start: Int
    var end: Int
    var time: Double?

    /// The index of the last turn starting at or before `offset` (the turn a coding
    /// starting there belongs to), if any.
    static func index(startingAtOrBefore offset: Int, in turns: [TurnInfo]) -> Int? {
        var low = 0
        var high = turns.count
        while low < high {
            let middle = (low + high) / 2
            if turns[middle].start <= offset { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }
}
