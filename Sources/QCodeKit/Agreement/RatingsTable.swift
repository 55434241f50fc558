/// Ratings of units by coders: a dense units × coders matrix of category indices.
///
/// Category order (it matters for ordinal alpha and weighted kappa, and `q` for AC1 and
/// Brennan-Prediger):
/// - when a category list is declared, that list in its given order, including categories
///   nobody used;
/// - otherwise the observed labels, sorted numerically when every label is a finite number
///   (so "10" follows "9"), else sorted by Unicode scalar order of the label. Row order of
///   the input never changes the result.
///
/// Units and coders keep the order in which they first appear.
///
/// ```swift
/// let t = try RatingsTable(ratings: [("u1", "A", "yes"), ("u1", "B", "no")])
/// t.categories  // ["no", "yes"]
/// t.rating(unit: 0, coder: 1)  // 0 (= "no")
/// ```
public struct RatingsTable: Sendable, Equatable {
    /// The value stored for a missing rating.
    public static let missing: Int32 = -1

    public let units: [String]
    public let coders: [String]
    public let categories: [String]
    /// Row-major `units.count × coders.count` category indices; `-1` means missing.
    public let cells: [Int32]
    /// The category labels read as numbers, when every label is a finite number.
    public let numericValues: [Double]?

    public var unitCount: Int { units.count }
    public var coderCount: Int { coders.count }
    public var categoryCount: Int { categories.count }

    /// The category index coder `coder` gave unit `unit`, or nil when missing.
    public func rating(unit: Int, coder: Int) -> Int? {
        let v = cells[unit * coders.count + coder]
        return v < 0 ? nil : Int(v)
    }

    /// Number of non-missing ratings.
    public var ratingCount: Int { cells.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }

    /// Makes a table from already-indexed cells.
    ///
    /// - Throws: `RatingsError.badShape` when sizes disagree or an index is out of range.
    public init(units: [String], coders: [String], categories: [String], cells: [Int32]) throws {
        guard cells.count == units.count * coders.count else {
            throw RatingsError.badShape(
                "expected \(units.count * coders.count) cells for \(units.count) units × \(coders.count) coders, found \(cells.count)")
        }
        let q = Int32(categories.count)
        if let bad = cells.first(where: { $0 < -1 || $0 >= q }) {
            throw RatingsError.badShape("category index \(bad) out of range 0..<\(q)")
        }
        if let dup = Self.firstDuplicate(categories) { throw RatingsError.duplicateCategory(dup) }
        self.units = units
        self.coders = coders
        self.categories = categories
        self.cells = cells
        self.numericValues = Self.numbers(categories)
    }

    /// Makes a table from cells the caller has already checked (the CSV reader): every index
    /// in `-1..<categories.count`, `units.count × coders.count` of them, categories distinct.
    init(checkedUnits units: [String], coders: [String], categories: [String], cells: [Int32]) {
        assert(cells.count == units.count * coders.count)
        self.units = units
        self.coders = coders
        self.categories = categories
        self.cells = cells
        self.numericValues = Self.numbers(categories)
    }

    /// Builds a table from a long list of `(unit, coder, value)` ratings; a nil or empty value
    /// is a missing rating (the unit and coder still count).
    ///
    /// - Parameter categories: the declared category list, or nil to use the observed labels
    ///   in sorted order (see the type's documentation).
    /// - Throws: `RatingsError.duplicateRating` (lines counted from 1 in the list),
    ///   `.undeclaredCategory`, `.duplicateCategory`.
    /// - Complexity: O(ratings + units × coders).
    public init(
        ratings: [(unit: String, coder: String, value: String?)], categories declared: [String]? = nil
    ) throws {
        var unitIndex: [String: Int32] = [:]
        var coderIndex: [String: Int32] = [:]
        var valueIndex: [String: Int32] = [:]
        var unitNames: [String] = []
        var coderNames: [String] = []
        var valueNames: [String] = []
        var triples: [(Int32, Int32, Int32)] = []
        triples.reserveCapacity(ratings.count)
        for r in ratings {
            let u = unitIndex[r.unit] ?? {
                let i = Int32(unitNames.count); unitNames.append(r.unit); unitIndex[r.unit] = i; return i
            }()
            let c = coderIndex[r.coder] ?? {
                let i = Int32(coderNames.count); coderNames.append(r.coder); coderIndex[r.coder] = i; return i
            }()
            var v: Int32 = -1
            if let value = r.value, !value.isEmpty {
                v = valueIndex[value] ?? {
                    let i = Int32(valueNames.count); valueNames.append(value); valueIndex[value] = i; return i
                }()
            }
            triples.append((u, c, v))
        }
        let (categories, remap) = try Self.orderCategories(observed: valueNames, declared: declared)
        let width = coderNames.count
        var cells = [Int32](repeating: -2, count: unitNames.count * width)
        for (line, t) in triples.enumerated() {
            let at = Int(t.0) * width + Int(t.1)
            if cells[at] != -2 {
                let first = triples.firstIndex { $0.0 == t.0 && $0.1 == t.1 }! + 1
                throw RatingsError.duplicateRating(
                    line: line + 1, unit: unitNames[Int(t.0)], coder: coderNames[Int(t.1)], firstLine: first)
            }
            cells[at] = t.2 < 0 ? -1 : remap[Int(t.2)]
        }
        for i in cells.indices where cells[i] == -2 { cells[i] = -1 }
        try self.init(units: unitNames, coders: coderNames, categories: categories, cells: cells)
    }

    /// Builds a table from a coders × units matrix of labels (nil = missing), the layout of
    /// Krippendorff's reliability data tables.
    public init(codersByUnits matrix: [[String?]], coders: [String]? = nil, categories declared: [String]? = nil)
        throws
    {
        let coderNames = coders ?? matrix.indices.map { "coder\($0 + 1)" }
        guard coderNames.count == matrix.count else {
            throw RatingsError.badShape("\(coderNames.count) coder names for \(matrix.count) rows")
        }
        let unitCount = matrix.first?.count ?? 0
        guard matrix.allSatisfy({ $0.count == unitCount }) else {
            throw RatingsError.badShape("rows of the coders × units matrix differ in length")
        }
        var list: [(unit: String, coder: String, value: String?)] = []
        for u in 0..<unitCount {
            for (c, row) in matrix.enumerated() { list.append(("\(u + 1)", coderNames[c], row[u])) }
        }
        try self.init(ratings: list, categories: declared)
    }

    // MARK: Category order

    /// Orders observed labels (see the type's documentation) and returns the remapping from
    /// observed index to final index.
    static func orderCategories(observed: [String], declared: [String]?) throws -> ([String], [Int32]) {
        if let declared {
            if let dup = firstDuplicate(declared) { throw RatingsError.duplicateCategory(dup) }
            var position: [String: Int32] = [:]
            for (i, c) in declared.enumerated() { position[c] = Int32(i) }
            let remap = try observed.map { label -> Int32 in
                guard let p = position[label] else { throw RatingsError.undeclaredCategory(line: nil, value: label) }
                return p
            }
            return (declared, remap)
        }
        func scalarsPrecede(_ a: Int, _ b: Int) -> Bool {
            observed[a].unicodeScalars.lexicographicallyPrecedes(observed[b].unicodeScalars)
        }
        let order: [Int]
        if let numbers = numbers(observed) {
            order = observed.indices.sorted {
                numbers[$0] != numbers[$1] ? numbers[$0] < numbers[$1] : scalarsPrecede($0, $1)
            }
        } else {
            order = observed.indices.sorted(by: scalarsPrecede)
        }
        var remap = [Int32](repeating: 0, count: observed.count)
        for (newIndex, old) in order.enumerated() { remap[old] = Int32(newIndex) }
        return (order.map { observed[$0] }, remap)
    }

    /// The labels as finite numbers, or nil when any label is not one.
    static func numbers(_ labels: [String]) -> [Double]? {
        var out: [Double] = []
        out.reserveCapacity(labels.count)
        for label in labels {
            let trimmed = label.agreementTrimmed()
            guard let d = Double(trimmed), d.isFinite else { return nil }
            out.append(d)
        }
        return out
    }

    static func firstDuplicate(_ labels: [String]) -> String? {
        var seen = Set<String>()
        for l in labels where !seen.insert(l).inserted { return l }
        return nil
    }
}

extension String {
    func agreementTrimmed() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
