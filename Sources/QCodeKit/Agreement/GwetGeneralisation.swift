/// The shared machinery of Fleiss' kappa, Gwet's AC1 and Brennan-Prediger for any number of
/// coders with missing ratings, as Gwet (2014, *Handbook of Inter-Rater Reliability*, 4th
/// ed., ch. 2 and 5) defines them and the irrCAC packages compute them (unweighted).
///
/// Unit `i` has `r_i` ratings, `r_ik` of them in category `k`; `n` = units with at least one
/// rating, `n'` = units with at least two:
///
///     p_a = (1/n') Σ_{r_i ≥ 2} Σ_k r_ik (r_ik - 1) / (r_i (r_i - 1))
///     π_k = (1/n) Σ_{r_i ≥ 1} r_ik / r_i
///
/// Standard error (Gwet 2014, section 5.4; irrCAC, sampling fraction f = 0):
///
///     κ_i  = (n / n') (p_a|i - p_e·[r_i ≥ 2]) / (1 - p_e)
///     κ*_i = κ_i - 2 (1 - κ) (p_e|i - p_e) / (1 - p_e)
///     Var  = (1 / n) Σ_i (κ*_i - κ)² / (n - 1)
///
/// where `p_e|i` is the unit's share of chance agreement (`Σ_k r_ik π_k / r_i` for Fleiss,
/// `Σ_k r_ik (1 - π_k) / (r_i (q - 1))` for AC1, and `p_e` itself for Brennan-Prediger).
enum GwetGeneralisation {
    enum Chance { case fleiss, gwet, uniform }

    static func coefficient(_ counts: CategoryCounts, chance: Chance)
        -> Result<AgreementCoefficient, AgreementUndefined>
    {
        let q = counts.categoryCount
        var n = 0
        var pairable = 0
        var paSum = 0.0
        var pi = [Double](repeating: 0, count: q)
        counts.forEachUnit { r, entries in
            guard r >= 1 else { return }
            n += 1
            let rd = Double(r)
            for j in entries { pi[Int(counts.category[j])] += Double(counts.count[j]) / rd }
            guard r >= 2 else { return }
            pairable += 1
            paSum += unitAgreement(counts, entries, r)
        }
        guard pairable > 0 else { return .failure(.noPairableUnits) }
        for k in 0..<q { pi[k] /= Double(n) }
        let pa = paSum / Double(pairable)
        let pe: Double
        switch chance {
        case .fleiss:
            pe = pi.reduce(0) { $0 + $1 * $1 }
        case .gwet:
            guard q >= 2 else { return .failure(.tooFewCategories) }
            pe = pi.reduce(0) { $0 + $1 * (1 - $1) } / Double(q - 1)
        case .uniform:
            guard q >= 1 else { return .failure(.tooFewCategories) }
            pe = 1 / Double(q)
        }
        guard 1 - pe > 1e-12 else { return .failure(.chanceAgreementIsOne) }
        let value = (pa - pe) / (1 - pe)

        var se: Double? = nil
        if n >= 2 {
            let scale = Double(n) / Double(pairable)
            var sum = 0.0
            counts.forEachUnit { r, entries in
                guard r >= 1 else { return }
                let rd = Double(r)
                let kappaI = r >= 2 ? scale * (unitAgreement(counts, entries, r) - pe) / (1 - pe) : 0
                var peI = 0.0
                switch chance {
                case .fleiss:
                    for j in entries { peI += Double(counts.count[j]) * pi[Int(counts.category[j])] }
                    peI /= rd
                case .gwet:
                    for j in entries { peI += Double(counts.count[j]) * (1 - pi[Int(counts.category[j])]) }
                    peI /= rd * Double(q - 1)
                case .uniform:
                    peI = pe
                }
                let x = kappaI - 2 * (1 - value) * (peI - pe) / (1 - pe)
                sum += (x - value) * (x - value)
            }
            se = (sum / Double(n) / Double(n - 1)).squareRoot()
        }
        return .success(
            AgreementCoefficient(value: value, observedAgreement: pa, chanceAgreement: pe, standardError: se))
    }

    /// `Σ_k r_ik (r_ik - 1) / (r_i (r_i - 1))` for one unit with `r ≥ 2`.
    @inline(__always)
    static func unitAgreement(_ counts: CategoryCounts, _ entries: Range<Int>, _ r: Int) -> Double {
        var agree = 0.0
        for j in entries {
            let c = Double(counts.count[j])
            agree += c * (c - 1)
        }
        return agree / (Double(r) * Double(r - 1))
    }
}
