/// A chance-corrected agreement coefficient `(p_a - p_e) / (1 - p_e)` with its parts.
public struct AgreementCoefficient: Sendable, Equatable, Codable {
    /// The coefficient.
    public let value: Double
    /// Observed agreement `p_a`.
    public let observedAgreement: Double
    /// Chance agreement `p_e`.
    public let chanceAgreement: Double
    /// Standard error, when the method defines one and there are enough units.
    public let standardError: Double?

    public init(value: Double, observedAgreement: Double, chanceAgreement: Double, standardError: Double?) {
        self.value = value
        self.observedAgreement = observedAgreement
        self.chanceAgreement = chanceAgreement
        self.standardError = standardError
    }

    /// `(p_a - p_e) / (1 - p_e)`, or `.chanceAgreementIsOne` when `p_e` is 1.
    static func make(observed pa: Double, chance pe: Double, standardError: Double? = nil)
        -> Result<AgreementCoefficient, AgreementUndefined>
    {
        guard 1 - pe > 1e-12 else { return .failure(.chanceAgreementIsOne) }
        return .success(
            AgreementCoefficient(
                value: (pa - pe) / (1 - pe), observedAgreement: pa, chanceAgreement: pe, standardError: standardError))
    }
}

/// A two-sided confidence interval.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
    public let lower: Double
    public let upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// `estimate ± z · se` with `z = 1.959964` (95%, normal approximation), clipped to
    /// `range`, the statistic's own range ([-1, 1] for kappa and the other chance-corrected
    /// coefficients).
    ///
    /// With few units the standard error is large and the plain interval runs past ±1
    /// (kappa 0.662 with SE 0.316 gives [0.043, 1.282]); an agreement above perfect means
    /// nothing, so the bound is then ±1 exactly ([0.043, 1.000]). Only the bounds are
    /// clipped: the interval is not recomputed on another scale, so where it stays inside
    /// the range it is the textbook one (SAS PROC FREQ, statsmodels, psych). A degenerate
    /// estimate outside `range` gives an interval collapsed onto the nearer end.
    public static func normal95(
        _ estimate: Double, standardError se: Double, within range: ClosedRange<Double> = -1...1
    ) -> ConfidenceInterval {
        func clip(_ value: Double) -> Double { min(max(value, range.lowerBound), range.upperBound) }
        return ConfidenceInterval(lower: clip(estimate - 1.959964 * se), upper: clip(estimate + 1.959964 * se))
    }
}
