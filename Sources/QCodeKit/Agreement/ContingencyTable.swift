/// A two-coder cross-tabulation: `count(i, j)` = units coder A put in category `i` and
/// coder B in category `j`. Only units rated by both coders are counted.
///
/// This is the sufficient statistic for Cohen's kappa (plain and weighted), Scott's pi and
/// two-coder percent agreement.
public struct ContingencyTable: Sendable, Equatable {
    /// Number of categories `q`.
    public let categoryCount: Int
    /// Row-major `q × q` counts.
    public let counts: [Double]
    /// Units rated by both coders.
    public var total: Double { counts.reduce(0, +) }

    /// Count of units in cell (`i`, `j`).
    public func count(_ i: Int, _ j: Int) -> Double { counts[i * categoryCount + j] }

    /// Cross-tabulates two coders of a table (default: the first two).
    ///
    /// - Complexity: O(units + q²).
    public init(_ table: RatingsTable, coderA: Int = 0, coderB: Int = 1) {
        let q = table.categoryCount
        var cells = [Double](repeating: 0, count: q * q)
        let width = table.coderCount
        if coderA < width && coderB < width {
            table.cells.withUnsafeBufferPointer { t in
                for u in 0..<table.unitCount {
                    let a = t[u * width + coderA]
                    let b = t[u * width + coderB]
                    if a >= 0 && b >= 0 { cells[Int(a) * q + Int(b)] += 1 }
                }
            }
        }
        self.categoryCount = q
        self.counts = cells
    }

    /// Makes a table from a square matrix of counts (rows coder A, columns coder B).
    public init(counts matrix: [[Double]]) throws {
        let q = matrix.count
        guard matrix.allSatisfy({ $0.count == q }) else {
            throw RatingsError.badShape("contingency table must be square")
        }
        guard matrix.allSatisfy({ $0.allSatisfy { $0 >= 0 && $0.isFinite } }) else {
            throw RatingsError.badShape("counts must be finite and not negative")
        }
        self.categoryCount = q
        self.counts = matrix.flatMap { $0 }
    }

    /// Row and column proportions (`p_i+`, `p_+j`) and cell proportions, or nil when empty.
    func proportions() -> (cells: [Double], rows: [Double], columns: [Double])? {
        let n = total
        guard n > 0 else { return nil }
        let q = categoryCount
        let p = counts.map { $0 / n }
        var rows = [Double](repeating: 0, count: q)
        var cols = [Double](repeating: 0, count: q)
        for i in 0..<q {
            for j in 0..<q {
                rows[i] += p[i * q + j]
                cols[j] += p[i * q + j]
            }
        }
        return (p, rows, cols)
    }
}
