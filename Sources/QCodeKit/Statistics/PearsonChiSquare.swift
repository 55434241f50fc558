import Foundation

/// Pearson's chi-square test of independence on an r × c table of counts, without a
/// continuity correction (as `scipy.stats.chi2_contingency(table, correction=False)`),
/// with Cramér's V and the adjusted standardised residual of every cell.
///
/// - chi² = Σ (O − E)² / E with E = row total × column total / n; df = (r − 1)(c − 1);
///   p = P(χ²_df ≥ chi²). With one row or one column df is 0, chi² is 0 and p is 1 (as scipy).
/// - Cramér's V = √(chi² / (n (min(r, c) − 1))) (`scipy.stats.contingency.association(...,
///   method="cramer", correction=False)`); undefined when min(r, c) = 1.
/// - Adjusted standardised residual (Haberman 1973; SPSS's "adjusted residual"):
///   (O − E) / √(E (1 − row total / n) (1 − column total / n)).
public struct PearsonChiSquare: Sendable, Equatable {
    public var chiSquare: Double
    public var df: Int
    public var p: Double
    public var cramersV: Double?
    /// Expected counts under independence, rows × columns.
    public var expected: [[Double]]
    /// Adjusted standardised residuals, rows × columns; nil where undefined (a row or
    /// column holding every observation).
    public var adjustedResiduals: [[Double?]]

    /// The smallest expected count.
    public var minimumExpected: Double { expected.joined().min() ?? 0 }

    /// The test on `table` (rows of equal length), or nil when it is undefined: no rows or
    /// columns, or a row or column total of 0 (an expected count of 0; scipy raises then).
    public init?(_ table: [[Int]]) {
        let rows = table.count
        guard rows > 0, let columns = table.first?.count, columns > 0,
              table.allSatisfy({ $0.count == columns }) else { return nil }
        let rowTotals = table.map { Double($0.reduce(0, +)) }
        let columnTotals = (0..<columns).map { column in Double(table.reduce(0) { $0 + $1[column] }) }
        let n = rowTotals.reduce(0, +)
        guard rowTotals.allSatisfy({ $0 > 0 }), columnTotals.allSatisfy({ $0 > 0 }) else { return nil }
        var statistic = 0.0
        var expected = [[Double]](repeating: [Double](repeating: 0, count: columns), count: rows)
        var residuals = [[Double?]](repeating: [Double?](repeating: nil, count: columns), count: rows)
        for row in 0..<rows {
            for column in 0..<columns {
                let e = rowTotals[row] * columnTotals[column] / n
                let difference = Double(table[row][column]) - e
                expected[row][column] = e
                statistic += difference * difference / e
                let variance = e * (1 - rowTotals[row] / n) * (1 - columnTotals[column] / n)
                residuals[row][column] = variance > 0 ? difference / variance.squareRoot() : nil
            }
        }
        self.df = (rows - 1) * (columns - 1)
        self.expected = expected
        self.adjustedResiduals = residuals
        if df == 0 {
            self.chiSquare = 0
            self.p = 1
            self.cramersV = nil
        } else {
            self.chiSquare = statistic
            self.p = Distributions.chiSquareSurvival(statistic, df: Double(df))
            self.cramersV = (statistic / (n * Double(min(rows, columns) - 1))).squareRoot()
        }
    }
}
