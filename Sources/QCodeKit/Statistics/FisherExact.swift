import Foundation

/// Fisher's exact test on a 2 × 2 table, two-sided, exactly as `scipy.stats.fisher_exact`:
/// the p-value is the sum of the probabilities of every table with the same margins whose
/// hypergeometric probability is at most the observed table's (times 1 + 1e-14, scipy's
/// relative tolerance for ties). When the observed table is (within that tolerance) the most
/// likely one, p is 1; when a row or column total is 0, p is 1.
///
/// The probabilities come from the ratio of consecutive hypergeometric terms, walked out
/// from the mode, so no factorial is formed and the tails keep their relative accuracy.
public enum FisherExact {
    /// The two-sided p of the table [[a, b], [c, d]].
    public static func twoSided(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "counts must not be negative")
        let row1 = a + b, row2 = c + d, column1 = a + c
        if row1 == 0 || row2 == 0 || column1 == 0 || b + d == 0 { return 1 }
        // x = the top-left cell, hypergeometric with population row1 + row2, row1 successes,
        // column1 draws (scipy's hypergeom.pmf(x, n1 + n2, n1, n)).
        let low = max(0, column1 - row2), high = min(column1, row1)
        let mode = Int((Double(column1 + 1) * Double(row1 + 1)) / Double(row1 + row2 + 2))
        var weights = [Double](repeating: 0, count: high - low + 1)
        weights[mode - low] = 1
        // pmf(x + 1) / pmf(x) = (row1 − x)(column1 − x) / ((x + 1)(row2 − column1 + x + 1)).
        if mode < high {
            for x in mode..<high {
                let ratio = Double(row1 - x) * Double(column1 - x) / (Double(x + 1) * Double(row2 - column1 + x + 1))
                weights[x + 1 - low] = weights[x - low] * ratio
            }
        }
        if mode > low {
            for x in stride(from: mode, to: low, by: -1) {
                // pmf(x − 1) = pmf(x) · x (row2 − column1 + x) / ((row1 − x + 1)(column1 − x + 1)).
                let ratio = Double(x) * Double(row2 - column1 + x) / (Double(row1 - x + 1) * Double(column1 - x + 1))
                weights[x - 1 - low] = weights[x - low] * ratio
            }
        }
        let total = weights.sorted().reduce(0, +)
        let observed = weights[a - low]
        let epsilon = 1e-14
        if abs(observed - 1) / max(observed, 1) <= epsilon { return 1 }
        let bound = observed * (1 + epsilon)
        var sum = 0.0
        if a < mode {
            // This side: every table up to a; the other: those beyond the mode at most as likely.
            for x in low...a { sum += weights[x - low] }
            for x in stride(from: high, through: mode, by: -1) where weights[x - low] <= bound { sum += weights[x - low] }
        } else {
            for x in stride(from: high, through: a, by: -1) { sum += weights[x - low] }
            for x in low...mode where weights[x - low] <= bound { sum += weights[x - low] }
        }
        return min(sum / total, 1)
    }
}
