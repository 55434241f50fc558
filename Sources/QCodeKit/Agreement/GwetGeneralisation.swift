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
    enum Chance: CaseIterable { case fleiss, gwet, uniform }

    static func coefficient(_ counts: CategoryCounts, chance: Chance)
        -> Result<AgreementCoefficient, AgreementUndefined>
    {
        coefficients(counts)[chance]
    }

    /// Fleiss' kappa, Gwet's AC1 and Brennan-Prediger together: `p_a` and `π_k` are the same
    /// for the three, so the units are read twice in all (once for `p_a` and `π_k`, once for
    /// the three standard errors), not twice per coefficient. Each value is computed with
    /// exactly the operations, in the same order, as for that coefficient alone.
    ///
    /// - Complexity: O(number of (unit, category) entries + q).
    static func coefficients(_ counts: CategoryCounts) -> Coefficients {
        let q = counts.categoryCount
        var n = 0
        var pairable = 0
        var paSum = 0.0
        var pi = [Double](repeating: 0, count: q)
        counts.category.withUnsafeBufferPointer { category in
            counts.count.withUnsafeBufferPointer { count in
                pi.withUnsafeMutableBufferPointer { pi in
                    counts.forEachUnit { r, entries in
                        guard r >= 1 else { return }
                        n += 1
                        let rd = Double(r)
                        for j in entries { pi[Int(category[j])] += Double(count[j]) / rd }
                        guard r >= 2 else { return }
                        pairable += 1
                        paSum += unitAgreement(count, entries, r)
                    }
                }
            }
        }
        guard pairable > 0 else { return Coefficients(all: .failure(.noPairableUnits)) }
        for k in 0..<q { pi[k] /= Double(n) }
        let pa = paSum / Double(pairable)

        // Chance agreement and value of each coefficient, or why it is undefined.
        var pe = (fleiss: 0.0, gwet: 0.0, uniform: 0.0)
        var value = (fleiss: 0.0, gwet: 0.0, uniform: 0.0)
        var result = Coefficients(all: .failure(.chanceAgreementIsOne))
        pe.fleiss = pi.reduce(0) { $0 + $1 * $1 }
        if q >= 2 {
            pe.gwet = pi.reduce(0) { $0 + $1 * (1 - $1) } / Double(q - 1)
        } else {
            result.gwet = .failure(.tooFewCategories)
        }
        if q >= 1 {
            pe.uniform = 1 / Double(q)
        } else {
            result.uniform = .failure(.tooFewCategories)
        }
        let fleissDefined = 1 - pe.fleiss > 1e-12
        let gwetDefined = q >= 2 && 1 - pe.gwet > 1e-12
        let uniformDefined = q >= 1 && 1 - pe.uniform > 1e-12
        value.fleiss = (pa - pe.fleiss) / (1 - pe.fleiss)
        value.gwet = (pa - pe.gwet) / (1 - pe.gwet)
        value.uniform = (pa - pe.uniform) / (1 - pe.uniform)

        var se: (fleiss: Double?, gwet: Double?, uniform: Double?) = (nil, nil, nil)
        if n >= 2 && (fleissDefined || gwetDefined || uniformDefined) {
            let scale = Double(n) / Double(pairable)
            var sum = (fleiss: 0.0, gwet: 0.0, uniform: 0.0)
            counts.category.withUnsafeBufferPointer { category in
                counts.count.withUnsafeBufferPointer { count in
                    pi.withUnsafeBufferPointer { pi in
                        counts.forEachUnit { r, entries in
                            guard r >= 1 else { return }
                            let rd = Double(r)
                            let agreement = r >= 2 ? unitAgreement(count, entries, r) : 0
                            func term(_ pe: Double, _ value: Double, _ peI: Double) -> Double {
                                let kappaI = r >= 2 ? scale * (agreement - pe) / (1 - pe) : 0
                                let x = kappaI - 2 * (1 - value) * (peI - pe) / (1 - pe)
                                return (x - value) * (x - value)
                            }
                            if fleissDefined {
                                var peI = 0.0
                                for j in entries { peI += Double(count[j]) * pi[Int(category[j])] }
                                peI /= rd
                                sum.fleiss += term(pe.fleiss, value.fleiss, peI)
                            }
                            if gwetDefined {
                                var peI = 0.0
                                for j in entries { peI += Double(count[j]) * (1 - pi[Int(category[j])]) }
                                peI /= rd * Double(q - 1)
                                sum.gwet += term(pe.gwet, value.gwet, peI)
                            }
                            if uniformDefined {
                                sum.uniform += term(pe.uniform, value.uniform, pe.uniform)
                            }
                        }
                    }
                }
            }
            se.fleiss = (sum.fleiss / Double(n) / Double(n - 1)).squareRoot()
            se.gwet = (sum.gwet / Double(n) / Double(n - 1)).squareRoot()
            se.uniform = (sum.uniform / Double(n) / Double(n - 1)).squareRoot()
        }
        if fleissDefined {
            result.fleiss = .success(AgreementCoefficient(
                value: value.fleiss, observedAgreement: pa, chanceAgreement: pe.fleiss, standardError: se.fleiss))
        }
        if gwetDefined {
            result.gwet = .success(AgreementCoefficient(
                value: value.gwet, observedAgreement: pa, chanceAgreement: pe.gwet, standardError: se.gwet))
        }
        if uniformDefined {
            result.uniform = .success(AgreementCoefficient(
                value: value.uniform, observedAgreement: pa, chanceAgreement: pe.uniform, standardError: se.uniform))
        }
        return result
    }

    /// The three coefficients of one table.
    struct Coefficients {
        var fleiss: Result<AgreementCoefficient, AgreementUndefined>
        var gwet: Result<AgreementCoefficient, AgreementUndefined>
        var uniform: Result<AgreementCoefficient, AgreementUndefined>

        init(all: Result<AgreementCoefficient, AgreementUndefined>) {
            fleiss = all
            gwet = all
            uniform = all
        }

        subscript(chance: Chance) -> Result<AgreementCoefficient, AgreementUndefined> {
            switch chance {
            case .fleiss: fleiss
            case .gwet: gwet
            case .uniform: uniform
            }
        }
    }

    /// `Σ_k r_ik (r_ik - 1) / (r_i (r_i - 1))` for one unit with `r ≥ 2`.
    @inline(__always)
    static func unitAgreement(_ count: UnsafeBufferPointer<Int32>, _ entries: Range<Int>, _ r: Int) -> Double {
        var agree = 0.0
        for j in entries {
            let c = Double(count[j])
            agree += c * (c - 1)
        }
        return agree / (Double(r) * Double(r - 1))
    }
}
