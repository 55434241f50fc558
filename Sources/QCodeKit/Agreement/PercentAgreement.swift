/// Percent agreement (as a proportion in 0...1).
///
/// - Two coders: the share of units rated by both coders on which they chose the same
///   category, `p_o = Σ_i p_ii`.
/// - Any number of coders: Fleiss' `P̄`, the mean over units with at least two ratings of the
///   share of agreeing ordered rating pairs in the unit,
///   `p_a = (1/n') Σ_{r_i ≥ 2} Σ_k r_ik (r_ik - 1) / (r_i (r_i - 1))`
///   (Fleiss 1971; Gwet 2014, ch. 2, with missing ratings). With two coders this equals the
///   two-coder definition.
///
/// Units with fewer than two ratings are ignored. Returns `.noPairableUnits` when no unit
/// has two ratings.
public enum PercentAgreement {
    /// Percent agreement for any number of coders.
    ///
    /// ```swift
    /// PercentAgreement.compute(CategoryCounts(table))  // .success(0.8181…)
    /// ```
    /// - Complexity: O(number of (unit, category) entries).
    public static func compute(_ counts: CategoryCounts) -> Result<Double, AgreementUndefined> {
        var sum = 0.0
        var pairable = 0
        counts.forEachUnit { r, entries in
            guard r >= 2 else { return }
            pairable += 1
            var agree = 0.0
            for j in entries {
                let n = Double(counts.count[j])
                agree += n * (n - 1)
            }
            sum += agree / (Double(r) * Double(r - 1))
        }
        guard pairable > 0 else { return .failure(.noPairableUnits) }
        return .success(sum / Double(pairable))
    }

    /// Two-coder percent agreement from a contingency table.
    public static func compute(_ table: ContingencyTable) -> Result<Double, AgreementUndefined> {
        let n = table.total
        guard n > 0 else { return .failure(.noPairableUnits) }
        var diagonal = 0.0
        for i in 0..<table.categoryCount { diagonal += table.count(i, i) }
        return .success(diagonal / n)
    }
}
