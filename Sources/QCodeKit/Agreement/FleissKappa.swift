/// Fleiss' kappa for any number of coders, with missing ratings handled as in Gwet (2014)
/// and irrCAC's `fleiss.kappa.raw` (see `GwetGeneralisation` for the formulas):
///
///     p_e = Σ_k π_k²,   κ = (p_a - p_e) / (1 - p_e)
///
/// With complete data (every unit rated `m` times) this is exactly Fleiss (1971),
/// Psychological Bulletin 76, 378–382. Units with a missing rating are kept (R's
/// `irr::kappam.fleiss` drops them instead). The standard error is Gwet's (irrCAC's), not
/// the null-hypothesis variance of Fleiss, Nee & Landis (1979) that `irr` uses for its z.
public enum FleissKappa {
    /// - Returns: `.noPairableUnits` when no unit has two ratings, `.chanceAgreementIsOne`
    ///   when every rating is in one category.
    /// - Complexity: O(number of (unit, category) entries + q).
    public static func compute(_ counts: CategoryCounts) -> Result<AgreementCoefficient, AgreementUndefined> {
        GwetGeneralisation.coefficient(counts, chance: .fleiss)
    }

    /// Fleiss' per-category kappas: kappa on the collapse "category k" vs "any other"
    /// (Fleiss 1971, eq. 13: `κ_k = 1 - Σ_i r_ik (m - r_ik) / (n m (m - 1) p_k q_k)` for
    /// complete data; with missing ratings the same collapse of the generalised kappa).
    ///
    /// A category nobody used gives `.categoryNotUsed`; one used for every rating gives
    /// `.chanceAgreementIsOne`.
    /// - Complexity: O(number of (unit, category) entries + q), one pass.
    public static func perCategory(_ counts: CategoryCounts) -> [Result<Double, AgreementUndefined>] {
        let q = counts.categoryCount
        var n = 0
        var pairable = 0
        var pi = [Double](repeating: 0, count: q)
        // Σ over units with r ≥ 2 of (1 - agreement on the collapse k vs not-k); units
        // without category k agree fully on the collapse and add nothing.
        var disagreement = [Double](repeating: 0, count: q)
        counts.forEachUnit { r, entries in
            guard r >= 1 else { return }
            n += 1
            let rd = Double(r)
            for j in entries { pi[Int(counts.category[j])] += Double(counts.count[j]) / rd }
            guard r >= 2 else { return }
            pairable += 1
            for j in entries {
                let x = Double(counts.count[j])
                let agree = (x * (x - 1) + (rd - x) * (rd - x - 1)) / (rd * (rd - 1))
                disagreement[Int(counts.category[j])] += 1 - agree
            }
        }
        return (0..<q).map { k in
            guard pairable > 0 else { return .failure(.noPairableUnits) }
            let p = pi[k] / Double(n)
            guard p > 0 else { return .failure(.categoryNotUsed) }
            let pa = 1 - disagreement[k] / Double(pairable)
            return AgreementCoefficient.make(observed: pa, chance: p * p + (1 - p) * (1 - p)).map(\.value)
        }
    }
}
