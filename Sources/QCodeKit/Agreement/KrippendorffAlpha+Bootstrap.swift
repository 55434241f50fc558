import Foundation

/// Bootstrap confidence intervals for Krippendorff's alpha, two ways.
///
/// `.pairs` (the default) is the algorithm Krippendorff wrote for Hayes & Krippendorff's KALPHA
/// macro ("Algorithm for bootstrapping a distribution of alpha", 2006, rev. 2011): the
/// coincidence matrix, read as a probability distribution over unordered value pairs
/// (`p_cc = o_cc / n..`, `p_ck = 2 o_ck / n..` for `c < k`), is sampled `M` times with
/// replacement, and each replicate is `α* = 1 − (Σ δ²_drawn / M) / De` with the expected
/// disagreement `De` of the data held fixed. `M = min(25 Q, (m − 1) n.. / 2)`, where `Q` is the
/// number of non-zero cells of the coincidence matrix and `m` the largest number of values in
/// a unit (the number of coders when nothing is missing): Krippendorff caps the draws "by a
/// practical limit", so for large data the interval reflects at most 25 Q pairs. Replicates
/// below −1 are set to −1, and replicates of exactly 1 that stand for data without variation
/// are set to 0: all of them when the matrix has one non-zero diagonal cell, otherwise as many
/// as `round(X · Σ_c (o_cc / n..)^M)`. Where the manuscript's wording was not available to us we
/// followed the R function `kripp.boot` (Proutskova & Gruszczynski), whose intervals ours
/// match to Monte-Carlo error (see `KrippendorffBootstrapTests`).
///
/// `.units` is a nonparametric cluster bootstrap (ours): the pairable units are drawn with
/// replacement, as many as there are, and alpha is recomputed from scratch, expected
/// disagreement included; replicates with no variation are left out and counted.
///
/// Either way the interval is the 2.5% and 97.5% quantiles of the replicates (linear
/// interpolation between order statistics, R's type 7), and `SplitMix64(seed:)` makes a seed
/// reproduce it exactly.
extension KrippendorffAlpha {
    /// How bootstrap replicates are drawn.
    public enum BootstrapMethod: String, Sendable, Codable, CaseIterable {
        /// Pairs of values drawn from the coincidence matrix (Hayes & Krippendorff, KALPHA).
        case pairs
        /// Units drawn with replacement (cluster bootstrap).
        case units
    }

    public struct Bootstrap: Sendable, Equatable, Codable {
        /// 2.5% and 97.5% quantiles of the replicates.
        public let interval: ConfidenceInterval
        /// Replicates requested.
        public let samples: Int
        /// Replicates with an undefined alpha (left out of the quantiles).
        public let undefinedSamples: Int
        public let seed: UInt64
        public var method: BootstrapMethod = .units
        /// Pairs drawn per replicate (`.pairs`), or pairable units drawn (`.units`).
        public var draws = 0
        /// The sorted defined replicate alphas.
        public let replicates: [Double]

        /// Share of replicates below `minimum` (Hayes & Krippendorff's q(α < α_min)).
        public func probabilityBelow(_ minimum: Double) -> Double {
            guard !replicates.isEmpty else { return 0 }
            var lo = 0
            var hi = replicates.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if replicates[mid] < minimum { lo = mid + 1 } else { hi = mid }
            }
            return Double(lo) / Double(replicates.count)
        }
    }

    /// Bootstraps alpha (see the comment at the top of this file for both methods).
    ///
    /// - Parameters:
    ///   - samples: number of replicates (1000 or more recommended; KALPHA requires 1000).
    ///   - seed: seed for `SplitMix64`.
    /// - Returns: `.noPairableUnits` without pairable units, `.noVariation` when alpha itself
    ///   (`.pairs`) or every replicate (`.units`) is undefined.
    /// - Complexity: `.pairs` O(units + samples × M log q); `.units` O(samples × (pairable
    ///   units × values per unit² + q²)).
    public static func bootstrap(
        _ counts: CategoryCounts, level: MeasurementLevel, values: [Double]? = nil, samples: Int, seed: UInt64,
        method: BootstrapMethod = .pairs
    ) -> Result<Bootstrap, AgreementUndefined> {
        switch method {
        case .pairs: return pairBootstrap(counts, level: level, values: values, samples: samples, seed: seed)
        case .units: return unitBootstrap(counts, level: level, values: values, samples: samples, seed: seed)
        }
    }

    private static func pairBootstrap(
        _ counts: CategoryCounts, level: MeasurementLevel, values: [Double]?, samples: Int, seed: UInt64
    ) -> Result<Bootstrap, AgreementUndefined> {
        let o = CoincidenceMatrix(counts)
        guard samples > 0 else { return .failure(.noPairableUnits) }
        let estimate: Estimate
        switch compute(o, level: level, values: values) {
        case .success(let e): estimate = e
        case .failure(let reason): return .failure(reason)
        }
        let q = o.categoryCount
        let n = o.total
        let delta = differences(level: level, marginals: o.marginals, values: values)
        // Unordered cells with their probabilities, as a cumulative distribution.
        var cumulative: [Double] = [], cellDelta: [Double] = [], diagonal: [Double] = []
        var running = 0.0
        for k in 0..<q {
            for c in k..<q {
                let p = c == k ? o.value(c, c) / n : 2 * o.value(c, k) / n
                guard p > 0 else { continue }
                running += p
                cumulative.append(running)
                cellDelta.append(delta[c * q + k])
                if c == k { diagonal.append(p) }
            }
        }
        var largestUnit = 0
        counts.forEachUnit { m, _ in largestUnit = max(largestUnit, m) }
        let nonZeroCells = o.values.filter { $0 > 0 }.count
        let draws = max(1, Int(min(25 * Double(nonZeroCells), (Double(largestUnit) - 1) * n / 2)))
        let expected = estimate.expectedDisagreement
        var rng = SplitMix64(seed: seed)
        var replicates: [Double] = []
        replicates.reserveCapacity(samples)
        var ones = 0
        for _ in 0..<samples {
            var sum = 0.0
            for _ in 0..<draws {
                let r = Double(rng.next() >> 11) * 0x1p-53 * running
                var lo = 0, hi = cumulative.count - 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if cumulative[mid] <= r { lo = mid + 1 } else { hi = mid }
                }
                sum += cellDelta[lo]
            }
            var alpha = max(-1, 1 - sum / (Double(draws) * expected))
            if alpha == 1 {
                if diagonal.count == 1 { alpha = 0 } else { ones += 1 }
            }
            replicates.append(alpha)
        }
        // Replicates of 1 drawn only from the diagonal stand for data without variation.
        let noVariation = Int((Double(samples) * diagonal.reduce(0) { $0 + pow($1, Double(draws)) }).rounded())
        var toZero = min(noVariation, ones)
        for i in replicates.indices where toZero > 0 && replicates[i] == 1 {
            replicates[i] = 0
            toZero -= 1
        }
        replicates.sort()
        var result = Bootstrap(
            interval: ConfidenceInterval(lower: quantile(replicates, 0.025), upper: quantile(replicates, 0.975)),
            samples: samples, undefinedSamples: 0, seed: seed, replicates: replicates)
        result.method = .pairs
        result.draws = draws
        return .success(result)
    }

    private static func unitBootstrap(
        _ counts: CategoryCounts, level: MeasurementLevel, values: [Double]?, samples: Int, seed: UInt64
    ) -> Result<Bootstrap, AgreementUndefined> {
        var pairable: [(Range<Int>, Int)] = []
        counts.forEachUnit { m, entries in if m >= 2 { pairable.append((entries, m)) } }
        guard !pairable.isEmpty, samples > 0 else { return .failure(.noPairableUnits) }
        let q = counts.categoryCount
        var rng = SplitMix64(seed: seed)
        var replicates: [Double] = []
        replicates.reserveCapacity(samples)
        var undefined = 0
        var times = [Int32](repeating: 0, count: pairable.count)
        var o = [Double](repeating: 0, count: q * q)
        for _ in 0..<samples {
            for i in times.indices { times[i] = 0 }
            for _ in 0..<pairable.count {
                times[Int(rng.next(below: UInt64(pairable.count)))] += 1
            }
            for i in o.indices { o[i] = 0 }
            for (i, t) in times.enumerated() where t > 0 {
                CoincidenceMatrix.add(
                    unit: pairable[i].0, m: pairable[i].1, counts: counts, into: &o, q: q, times: Double(t))
            }
            let matrix = CoincidenceMatrix(categoryCount: q, values: o, pairableUnits: pairable.count)
            if let a = compute(matrix, level: level, values: values).value {
                replicates.append(a.alpha)
            } else {
                undefined += 1
            }
        }
        guard !replicates.isEmpty else { return .failure(.noVariation) }
        replicates.sort()
        var result = Bootstrap(
            interval: ConfidenceInterval(lower: quantile(replicates, 0.025), upper: quantile(replicates, 0.975)),
            samples: samples, undefinedSamples: undefined, seed: seed, replicates: replicates)
        result.draws = pairable.count
        return .success(result)
    }

    /// Type-7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
