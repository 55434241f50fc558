/// Krippendorff's alpha for any number of coders, missing values and four measurement
/// levels, by the coincidence-matrix method (Krippendorff 2011, "Computing Krippendorff's
/// Alpha-Reliability"; Krippendorff 2019, *Content Analysis*, 4th ed., ch. 12):
///
///     α = 1 - (n - 1) Σ_{c,k} o_ck δ²_ck / Σ_{c,k} n_c n_k δ²_ck
///
/// with `o_ck` the coincidences (see `CoincidenceMatrix`), `n_c` their marginals, `n` the
/// number of pairable values, and the difference function
///
/// - nominal: `δ² = 0` if `c = k`, else 1;
/// - ordinal (categories in table order): `δ² = (Σ_{g=c..k} n_g - (n_c + n_k)/2)²`;
/// - interval: `δ² = (v_c - v_k)²`;
/// - ratio: `δ² = ((v_c - v_k) / (v_c + v_k))²` (0 when `v_c + v_k = 0`),
///
/// where `v_c` is category `c`'s label read as a number. Units with fewer than two values
/// are dropped.
public enum KrippendorffAlpha {
    /// Alpha with its parts.
    public struct Estimate: Sendable, Equatable, Codable {
        public let alpha: Double
        /// Observed disagreement `D_o = Σ o_ck δ²_ck / n`.
        public let observedDisagreement: Double
        /// Expected disagreement `D_e = Σ n_c n_k δ²_ck / (n (n - 1))`.
        public let expectedDisagreement: Double
        /// Number of pairable values `n`.
        public let pairableValues: Double
        /// Units with at least two values.
        public let pairableUnits: Int
    }

    /// Alpha for a table at a measurement level.
    ///
    /// - Throws: `RatingsError.notNumeric` for interval or ratio data whose category labels
    ///   are not all numbers.
    public static func compute(_ table: RatingsTable, level: MeasurementLevel) throws
        -> Result<Estimate, AgreementUndefined>
    {
        let values = try numericValues(table, level: level)
        return compute(CoincidenceMatrix(CategoryCounts(table)), level: level, values: values)
    }

    /// Alpha from a coincidence matrix.
    ///
    /// - Parameter values: numeric category values for interval and ratio levels (ignored
    ///   otherwise; the category index is used when nil).
    /// - Returns: `.noPairableUnits` when no unit has two values, `.noVariation` when
    ///   expected disagreement is 0 (all values equal).
    /// - Complexity: O(q²).
    public static func compute(_ o: CoincidenceMatrix, level: MeasurementLevel, values: [Double]? = nil)
        -> Result<Estimate, AgreementUndefined>
    {
        let marginals = o.marginals
        let n = marginals.reduce(0, +)
        guard o.pairableUnits > 0, n > 1 else { return .failure(.noPairableUnits) }
        let delta = differences(level: level, marginals: marginals, values: values)
        let q = o.categoryCount
        var observed = 0.0
        var expected = 0.0
        for c in 0..<q {
            for k in 0..<q where c != k {
                let d = delta[c * q + k]
                observed += o.values[c * q + k] * d
                expected += marginals[c] * marginals[k] * d
            }
        }
        guard expected > 0 else { return .failure(.noVariation) }
        return .success(
            Estimate(
                alpha: 1 - (n - 1) * observed / expected, observedDisagreement: observed / n,
                expectedDisagreement: expected / (n * (n - 1)), pairableValues: n, pairableUnits: o.pairableUnits))
    }

    /// Row-major `q × q` squared differences `δ²_ck`.
    static func differences(level: MeasurementLevel, marginals: [Double], values: [Double]?) -> [Double] {
        let q = marginals.count
        var d = [Double](repeating: 0, count: q * q)
        switch level {
        case .nominal:
            for c in 0..<q { for k in 0..<q where c != k { d[c * q + k] = 1 } }
        case .ordinal:
            var prefix = [Double](repeating: 0, count: q + 1)
            for g in 0..<q { prefix[g + 1] = prefix[g] + marginals[g] }
            for c in 0..<q {
                for k in (c + 1)..<max(q, c + 1) {
                    let between = prefix[k + 1] - prefix[c] - (marginals[c] + marginals[k]) / 2
                    d[c * q + k] = between * between
                    d[k * q + c] = between * between
                }
            }
        case .interval, .ratio:
            let v = values ?? (0..<q).map(Double.init)
            for c in 0..<q {
                for k in 0..<q where c != k {
                    if level == .interval {
                        d[c * q + k] = (v[c] - v[k]) * (v[c] - v[k])
                    } else {
                        let s = v[c] + v[k]
                        d[c * q + k] = s == 0 ? 0 : ((v[c] - v[k]) / s) * ((v[c] - v[k]) / s)
                    }
                }
            }
        }
        return d
    }

    /// The table's numeric category values when the level needs them.
    static func numericValues(_ table: RatingsTable, level: MeasurementLevel) throws -> [Double]? {
        guard level.needsNumbers else { return nil }
        guard let v = table.numericValues else {
            let bad = table.categories.first { Double($0.agreementTrimmed())?.isFinite != true } ?? ""
            throw RatingsError.notNumeric(category: bad, level: level)
        }
        return v
    }
}
