/// For each unit, how many ratings fell in each category (`r_ik` in Gwet 2014), stored
/// sparsely: only categories a unit actually received.
///
/// This is the sufficient statistic for Fleiss' kappa, Gwet's AC1, Brennan-Prediger,
/// percent agreement for any number of coders and Krippendorff's alpha: coder identity
/// does not matter to them.
///
/// - Complexity: building from a table is O(units × coders) time and memory proportional to
///   the number of distinct (unit, category) pairs.
public struct CategoryCounts: Sendable, Equatable {
    /// Number of categories `q` (the table's category list, declared or observed).
    public let categoryCount: Int
    /// `unitStart[u] ..< unitStart[u + 1]` indexes `category` and `count` for unit `u`.
    let unitStart: [Int]
    let category: [Int32]
    let count: [Int32]

    /// Number of units, including units with no rating.
    public var unitCount: Int { unitStart.count - 1 }

    /// Counts ratings per unit and category.
    public init(_ table: RatingsTable) {
        let width = table.coderCount
        var starts = [Int](repeating: 0, count: table.unitCount + 1)
        var cats: [Int32] = []
        var counts: [Int32] = []
        cats.reserveCapacity(table.cells.count)
        counts.reserveCapacity(table.cells.count)
        table.cells.withUnsafeBufferPointer { cells in
            for u in 0..<table.unitCount {
                let begin = cats.count
                for c in 0..<width {
                    let v = cells[u * width + c]
                    if v < 0 { continue }
                    var found = false
                    var j = begin
                    while j < cats.count {
                        if cats[j] == v { counts[j] += 1; found = true; break }
                        j += 1
                    }
                    if !found { cats.append(v); counts.append(1) }
                }
                starts[u + 1] = cats.count
            }
        }
        self.categoryCount = table.categoryCount
        self.unitStart = starts
        self.category = cats
        self.count = counts
    }

    /// Makes counts from a units × categories matrix of rating counts (the layout of
    /// Fleiss 1971 and most textbook examples).
    public init(countMatrix: [[Int]]) throws {
        let q = countMatrix.first?.count ?? 0
        guard countMatrix.allSatisfy({ $0.count == q }) else {
            throw RatingsError.badShape("rows of the units × categories matrix differ in length")
        }
        guard countMatrix.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
            throw RatingsError.badShape("counts must not be negative")
        }
        var starts = [0]
        var cats: [Int32] = []
        var counts: [Int32] = []
        for row in countMatrix {
            for (k, n) in row.enumerated() where n > 0 {
                cats.append(Int32(k))
                counts.append(Int32(n))
            }
            starts.append(cats.count)
        }
        self.categoryCount = q
        self.unitStart = starts
        self.category = cats
        self.count = counts
    }

    /// Number of ratings of unit `u` (`r_i`).
    public func ratings(ofUnit u: Int) -> Int {
        var r = 0
        for j in unitStart[u]..<unitStart[u + 1] { r += Int(count[j]) }
        return r
    }

    /// Calls `body(r_i, entries)` for every unit, where `entries` are the unit's
    /// (category, count) pairs.
    @inline(__always)
    func forEachUnit(_ body: (_ ratings: Int, _ entries: Range<Int>) -> Void) {
        for u in 0..<unitCount {
            let range = unitStart[u]..<unitStart[u + 1]
            var r = 0
            for j in range { r += Int(count[j]) }
            body(r, range)
        }
    }

    /// Collapses to "category `k`" vs "any other category", for per-category statistics.
    public func binary(category k: Int) -> CategoryCounts {
        var starts = [0]
        var cats: [Int32] = []
        var counts: [Int32] = []
        forEachUnit { r, entries in
            var inK: Int32 = 0
            for j in entries where Int(category[j]) == k { inK = count[j] }
            let other = Int32(r) - inK
            if inK > 0 { cats.append(1); counts.append(inK) }
            if other > 0 { cats.append(0); counts.append(other) }
            starts.append(cats.count)
        }
        return CategoryCounts(categoryCount: 2, unitStart: starts, category: cats, count: counts)
    }

    init(categoryCount: Int, unitStart: [Int], category: [Int32], count: [Int32]) {
        self.categoryCount = categoryCount
        self.unitStart = unitStart
        self.category = category
        self.count = count
    }
}
