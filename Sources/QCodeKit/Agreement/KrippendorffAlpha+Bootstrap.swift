/// A bootstrap confidence interval for Krippendorff's alpha by resampling units.
///
/// Method (ours; documented because tools differ): the pairable units (two or more values)
/// are drawn with replacement, as many as there are; the coincidence matrix, its marginals
/// and hence both observed and expected disagreement are recomputed for each draw, and
/// alpha is recomputed. The interval is the 2.5% and 97.5% quantiles of the replicate alphas
/// (linear interpolation between order statistics, R's type 7). Replicates whose alpha is
/// undefined (no variation) are left out and counted.
///
/// This is a nonparametric cluster bootstrap over units, not the KALPHA macro of Hayes &
/// Krippendorff (2007), which resamples pair disagreements from the coincidence matrix
/// with fixed expected disagreement; intervals are similar for moderate samples but not
/// identical. Draws use `SplitMix64(seed:)`, so a seed reproduces the interval exactly.
extension KrippendorffAlpha {
    public struct Bootstrap: Sendable, Equatable, Codable {
        /// 2.5% and 97.5% quantiles of the replicates.
        public let interval: ConfidenceInterval
        /// Replicates requested.
        public let samples: Int
        /// Replicates with an undefined alpha (left out of the quantiles).
        public let undefinedSamples: Int
        public let seed: UInt64
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

    /// Bootstraps alpha by resampling units.
    ///
    /// - Parameters:
    ///   - samples: number of replicates (1000 or more recommended).
    ///   - seed: seed for `SplitMix64`.
    /// - Returns: `.noPairableUnits` without pairable units, `.noVariation` when no
    ///   replicate has a defined alpha.
    /// - Complexity: O(samples × (pairable units × values per unit² + q²)).
    public static func bootstrap(
        _ counts: CategoryCounts, level: MeasurementLevel, values: [Double]? = nil, samples: Int, seed: UInt64
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
        return .success(
            Bootstrap(
                interval: ConfidenceInterval(
                    lower: quantile(replicates, 0.025), upper: quantile(replicates, 0.975)),
                samples: samples, undefinedSamples: undefined, seed: seed, replicates: replicates))
    }

    /// Type-7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
