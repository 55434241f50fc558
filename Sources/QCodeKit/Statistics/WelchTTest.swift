import Foundation

/// Welch's unequal-variances t-test of two independent samples (as
/// `scipy.stats.ttest_ind(x, y, equal_var=False)`):
/// t = (mean x − mean y) / √(s²x/nx + s²y/ny), with the Welch–Satterthwaite
/// df = (s²x/nx + s²y/ny)² / ((s²x/nx)²/(nx − 1) + (s²y/ny)²/(ny − 1)) and a two-sided p.
public struct WelchTTest: Sendable, Equatable {
    public var t: Double
    public var df: Double
    public var p: Double

    /// The test, or nil when it is undefined: a sample of fewer than two values, or both
    /// samples without spread and with equal means. Without spread but with different
    /// means, t is infinite, df 1 and p 0, as scipy gives.
    public init?(_ x: [Double], _ y: [Double]) {
        guard let meanX = Descriptives.mean(x), let meanY = Descriptives.mean(y),
              let varianceX = Descriptives.variance(x), let varianceY = Descriptives.variance(y) else { return nil }
        let vx = varianceX / Double(x.count), vy = varianceY / Double(y.count)
        let standardError = (vx + vy).squareRoot()
        guard standardError > 0 else {
            guard meanX != meanY else { return nil }
            (t, df, p) = (meanX < meanY ? -.infinity : .infinity, 1, 0)
            return
        }
        t = (meanX - meanY) / standardError
        df = (vx + vy) * (vx + vy) / (vx * vx / Double(x.count - 1) + vy * vy / Double(y.count - 1))
        p = Distributions.studentTTwoSided(t, df: df)
    }
}
