/// Brennan & Prediger's (1981) coefficient (also Bennett, Alpert & Goldstein's S, Randolph's
/// free-marginal kappa) for any number of coders with missing ratings, as irrCAC's
/// `bp.coeff.raw`:
///
///     p_e = 1 / q,   BP = (p_a - 1/q) / (1 - 1/q)
///
/// `q` is the number of categories of the table: the declared list when one is given,
/// otherwise the observed categories. `p_a` is as in `GwetGeneralisation`.
public enum BrennanPrediger {
    /// - Returns: `.chanceAgreementIsOne` when `q = 1`, `.noPairableUnits` when no unit has
    ///   two ratings.
    /// - Complexity: O(number of (unit, category) entries).
    public static func compute(_ counts: CategoryCounts) -> Result<AgreementCoefficient, AgreementUndefined> {
        return GwetGeneralisation.coefficient(counts, chance: .uniform)
    }
}
