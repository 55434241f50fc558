/// Scott's pi for two coders (Scott 1955, Public Opinion Quarterly 19, 321–325).
///
///     p_o = Σ_i p_ii,   π_k = (p_k+ + p_+k) / 2,   p_e = Σ_k π_k²,   π = (p_o - p_e) / (1 - p_e)
///
/// Only units rated by both coders count. For a 2 × 2 table this is the "intraclass kappa"
/// of Fleiss, Levin & Paik (2003). No standard error is reported.
public enum ScottPi {
    /// - Returns: `.noPairableUnits` for an empty table, `.chanceAgreementIsOne` when all
    ///   ratings fall in one category.
    /// - Complexity: O(q²).
    public static func compute(_ table: ContingencyTable) -> Result<AgreementCoefficient, AgreementUndefined> {
        guard let (p, rows, cols) = table.proportions() else { return .failure(.noPairableUnits) }
        let q = table.categoryCount
        var po = 0.0
        var pe = 0.0
        for k in 0..<q {
            po += p[k * q + k]
            let pik = (rows[k] + cols[k]) / 2
            pe += pik * pik
        }
        return AgreementCoefficient.make(observed: po, chance: pe)
    }

    /// Scott's pi for a two-coder table; `.notTwoCoders` otherwise.
    public static func compute(_ table: RatingsTable) -> Result<AgreementCoefficient, AgreementUndefined> {
        guard table.coderCount == 2 else { return .failure(.notTwoCoders) }
        return compute(ContingencyTable(table))
    }
}
