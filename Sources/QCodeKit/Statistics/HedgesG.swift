import Foundation

/// Hedges' g of two independent samples, as pingouin's `compute_effsize(x, y,
/// eftype="hedges")`: Cohen's d with the pooled standard deviation,
/// d = (mean x − mean y) / √(((nx − 1) s²x + (ny − 1) s²y) / (nx + ny − 2)),
/// times the small-sample correction J ≈ 1 − 3 / (4(nx + ny) − 9) (Hedges & Olkin 1985,
/// eq. 5.10's approximation of the exact gamma-function factor).
public enum HedgesG {
    /// g, or nil when undefined: a sample of fewer than two values (its n − 1 variance is
    /// undefined, as pingouin's NaN), or no spread in either sample.
    public static func compute(_ x: [Double], _ y: [Double]) -> Double? {
        guard let meanX = Descriptives.mean(x), let meanY = Descriptives.mean(y),
              let varianceX = Descriptives.variance(x), let varianceY = Descriptives.variance(y) else { return nil }
        let nx = Double(x.count), ny = Double(y.count)
        let pooled = (((nx - 1) * varianceX + (ny - 1) * varianceY) / (nx + ny - 2)).squareRoot()
        guard pooled > 0 else { return nil }
        let d = (meanX - meanY) / pooled
        return d * (1 - 3 / (4 * (nx + ny) - 9))
    }
}
