/// Cohen's kappa for two coders, plain or weighted, with large-sample standard errors.
///
/// With cell proportions `p_ij`, margins `p_i+`, `p_+j` and agreement weights `w_ij`
/// (identity for plain kappa):
///
///     p_o = Σ w_ij p_ij,   p_e = Σ w_ij p_i+ p_+j,   κ = (p_o - p_e) / (1 - p_e)
///
/// Standard error (Fleiss, Cohen & Everitt 1969, Psychological Bulletin 72, 323–327), with
/// `w̄_i = Σ_j p_+j w_ij` and `w̄_j = Σ_i p_i+ w_ij`:
///
///     Var(κ)  = [Σ p_ij (w_ij - (w̄_i + w̄_j)(1 - κ))² - (κ - p_e (1 - κ))²] / (n (1 - p_e)²)
///     Var0(κ) = [Σ p_i+ p_+j (w_ij - (w̄_i + w̄_j))² - p_e²] / (n (1 - p_e)²)
///
/// which for identity weights are the unweighted formulas in FORMULAS.md. The 95% interval
/// is `κ ± 1.959964 · SE`, clipped to [-1, 1]. Matches SAS PROC FREQ (AGREE), statsmodels
/// `cohens_kappa` and `psych::cohen.kappa`.
///
/// Only units rated by both coders count (`n` = their number).
public struct CohenKappa: Sendable, Equatable, Codable {
    public let kappa: Double
    /// Weighted observed agreement `p_o`.
    public let observedAgreement: Double
    /// Weighted chance agreement `p_e`.
    public let chanceAgreement: Double
    /// Standard error (Fleiss, Cohen & Everitt 1969).
    public let standardError: Double
    /// Standard error under the null hypothesis κ = 0.
    public let nullStandardError: Double
    /// Units rated by both coders.
    public let units: Int

    /// `κ ± 1.959964 · SE`, clipped to [-1, 1] (see ``ConfidenceInterval/normal95(_:standardError:within:)``).
    public var confidenceInterval95: ConfidenceInterval { .normal95(kappa, standardError: standardError) }

    /// `κ / SE0`, or nil when the null SE is 0.
    public var z: Double? { nullStandardError > 0 ? kappa / nullStandardError : nil }

    /// Computes (weighted) kappa from a contingency table.
    ///
    /// ```swift
    /// let t = try ContingencyTable(counts: [[0, 4, 1], [0, 8, 0], [0, 1, 5]])
    /// CohenKappa.compute(t).value?.kappa  // 0.4842 (SAS PROC FREQ)
    /// ```
    /// - Returns: `.noPairableUnits` for an empty table, `.chanceAgreementIsOne` when
    ///   `p_e = 1` (both coders used one and the same category throughout),
    ///   `.tooFewCategories` when the weight matrix does not fit.
    /// - Complexity: O(q²).
    public static func compute(_ table: ContingencyTable, weights: KappaWeights = .unweighted)
        -> Result<CohenKappa, AgreementUndefined>
    {
        let q = table.categoryCount
        guard let w = weights.matrix(categoryCount: q) else { return .failure(.tooFewCategories) }
        guard let (p, rows, cols) = table.proportions() else { return .failure(.noPairableUnits) }
        let n = table.total
        var po = 0.0
        var pe = 0.0
        var rowBar = [Double](repeating: 0, count: q)  // w̄_i = Σ_j p_+j w_ij
        var colBar = [Double](repeating: 0, count: q)  // w̄_j = Σ_i p_i+ w_ij
        for i in 0..<q {
            for j in 0..<q {
                let wij = w[i * q + j]
                po += wij * p[i * q + j]
                pe += wij * rows[i] * cols[j]
                rowBar[i] += cols[j] * wij
                colBar[j] += rows[i] * wij
            }
        }
        guard 1 - pe > 1e-12 else { return .failure(.chanceAgreementIsOne) }
        let k = (po - pe) / (1 - pe)
        var a = 0.0
        var a0 = 0.0
        for i in 0..<q {
            for j in 0..<q {
                let wij = w[i * q + j]
                let d = wij - (rowBar[i] + colBar[j]) * (1 - k)
                a += p[i * q + j] * d * d
                let d0 = wij - (rowBar[i] + colBar[j])
                a0 += rows[i] * cols[j] * d0 * d0
            }
        }
        let denominator = n * (1 - pe) * (1 - pe)
        let b = k - pe * (1 - k)
        let variance = max(0, (a - b * b) / denominator)
        let nullVariance = max(0, (a0 - pe * pe) / denominator)
        return .success(
            CohenKappa(
                kappa: k, observedAgreement: po, chanceAgreement: pe, standardError: variance.squareRoot(),
                nullStandardError: nullVariance.squareRoot(), units: Int(n.rounded())))
    }

    /// Cohen's kappa for the first two coders of a table.
    ///
    /// - Returns: `.notTwoCoders` unless the table has exactly two coders.
    public static func compute(_ table: RatingsTable, weights: KappaWeights = .unweighted)
        -> Result<CohenKappa, AgreementUndefined>
    {
        guard table.coderCount == 2 else { return .failure(.notTwoCoders) }
        return compute(ContingencyTable(table), weights: weights)
    }
}
