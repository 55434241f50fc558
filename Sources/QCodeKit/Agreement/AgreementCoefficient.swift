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

    /// `estimate ± z · se` with `z = 1.959964` (95%, normal approximation, not clipped).
    public static func normal95(_ estimate: Double, standardError se: Double) -> ConfidenceInterval {
        ConfidenceInterval(lower: estimate - 1.959964 * se, upper: estimate + 1.959964 * se)
    }
}
