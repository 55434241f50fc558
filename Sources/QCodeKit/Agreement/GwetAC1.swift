/// Gwet's AC1 for any number of coders with missing ratings (Gwet 2008, British Journal of
/// Mathematical and Statistical Psychology 61, 29–48; Gwet 2014, ch. 5; irrCAC
/// `gwet.ac1.raw`), with `π_k` and `p_a` as in `GwetGeneralisation`:
///
///     p_e = Σ_k π_k (1 - π_k) / (q - 1),   AC1 = (p_a - p_e) / (1 - p_e)
///
/// `q` is the number of categories of the table: the declared list when one is given
/// (unused categories count), otherwise the observed categories.
public enum GwetAC1 {
    /// - Returns: `.tooFewCategories` when `q < 2`, `.noPairableUnits` when no unit has two
    ///   ratings.
    /// - Complexity: O(number of (unit, category) entries + q).
    public static func compute(_ counts: CategoryCounts) -> Result<AgreementCoefficient, AgreementUndefined> {
        GwetGeneralisation.coefficient(counts, chance: .gwet)
    }
}
