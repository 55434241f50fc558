import Foundation

/// The Mann–Whitney U test of two independent samples, exactly as
/// `scipy.stats.mannwhitneyu(x, y, use_continuity=True, alternative="two-sided",
/// method="asymptotic")`.
///
/// U is the statistic of the first sample: its rank sum (average ranks for ties) minus
/// nx(nx + 1)/2. The p-value uses the larger of U and nx·ny − U in the normal
/// approximation z = (U − nx·ny/2 − 0.5) / σ, with the tie-corrected
/// σ = √(nx·ny/12 · ((n + 1) − Σ(t³ − t) / (n(n − 1)))) over the groups of t tied values;
/// p = 2 P(Z > z), at most 1 (so 1 when every value is tied).
public struct MannWhitneyU: Sendable, Equatable {
    /// U of the first sample.
    public var u: Double
    public var p: Double

    /// The test, or nil when a sample is empty.
    public init?(_ x: [Double], _ y: [Double]) {
        guard !x.isEmpty, !y.isEmpty else { return nil }
        let n1 = Double(x.count), n2 = Double(y.count), n = n1 + n2
        let pooled = (x.map { ($0, true) } + y.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var rankSum = 0.0
        var tieTerm = 0.0
        var start = 0
        while start < pooled.count {
            var end = start + 1
            while end < pooled.count, pooled[end].0 == pooled[start].0 { end += 1 }
            // Ranks start + 1 ... end share their average.
            let rank = Double(start + 1 + end) / 2
            for index in start..<end where pooled[index].1 { rankSum += rank }
            let tied = Double(end - start)
            tieTerm += tied * tied * tied - tied
            start = end
        }
        let u1 = rankSum - n1 * (n1 + 1) / 2
        let u = max(u1, n1 * n2 - u1)
        let sigma = (n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)))).squareRoot()
        let z = (u - n1 * n2 / 2 - 0.5) / sigma
        self.u = u1
        self.p = min(max(2 * Distributions.normalSurvival(z), 0), 1)
    }
}
