import Foundation

/// What a crosstab cell counts.
public enum CrosstabCount: String, Sendable, CaseIterable {
    /// Cases with at least one coding of the code.
    case cases
    /// Codings of the code.
    case segments
}

/// Options of ``Project/crosstab(_:)``.
public struct CrosstabOptions: Sendable {
    /// The case attribute whose values make the columns.
    public var attribute: String
    public var count: CrosstabCount = .cases
    /// Only codes down to this depth (1: themes); `nil`: every code.
    public var level: Int?
    /// Only these coders' codings (one coder, or a consensus coder; naming several pools
    /// them). Empty: the one coder with codings; refused when several coders have codings.
    public var coders: [String] = []

    public init(attribute: String, count: CrosstabCount = .cases, level: Int? = nil, coders: [String] = []) {
        self.attribute = attribute
        self.count = count
        self.level = level
        self.coders = coders
    }
}

extension Project {
    /// Codes by the values of a case attribute (a "matrix coding query"): for each code
    /// (with its descendants) and value, the number of cases with that value that have a
    /// coding of the code, or the number of such codings.
    ///
    /// Columns: `code` (the path), one per value in order (numbers by size, other values
    /// alphabetically), `(missing)` when some coded case has no value, and `total`.
    /// Codings in documents without a case are left out.
    ///
    /// - Throws: ``ExportError/noSuchAttribute(_:known:)`` for an unknown attribute.
    public func crosstab(_ options: CrosstabOptions) throws -> ExportTable {
        try read { store in
            let names = try store.attributeNames()
            guard names.contains(options.attribute) else {
                throw ExportError.noSuchAttribute(options.attribute, known: names)
            }
            let codes = try CodeColumns.read(store, level: options.level)
            var filter = SegmentFilter()
            filter.coders = try Self.tableCoders(store, options.coders)
            let selection = try Self.codingSelection(store, filter)
            let valueOfCase = try store.caseValues(ofAttribute: options.attribute)
            var counts = CrosstabCounts(columns: codes.columns.count)
            try store.forEachCodingOfACase(selection) { caseID, codeRowID in
                guard let code = codes.indexByRowID[codeRowID] else { return }
                counts.add(case: caseID, value: valueOfCase[caseID], columns: codes.targets[code])
            }
            return counts.table(paths: codes.columnPaths, count: options.count)
        }
    }

    /// Values sorted as numbers when they all are, else alphabetically.
    static func orderedValues(_ values: Set<String>) -> [String] {
        if values.allSatisfy({ Double($0) != nil }) {
            return values.sorted { Double($0)! < Double($1)! }
        }
        return values.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    }
}
