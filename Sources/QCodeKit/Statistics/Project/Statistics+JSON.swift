import Foundation

/// The JSON of `qcode stats presence`: one object per code,
/// `{"code","chi2","df","p","cramers_v","fisher_p","groups":[{"value","cases","present","percent","adjusted_residual"}]}`,
/// plus `min_expected`, `left_out`, `not_coded`, and `p_adjusted` / `fisher_p_adjusted`
/// when an adjustment was applied. Undefined figures are null.
extension CodePresence: Encodable {
    private enum Keys: String, CodingKey {
        case code, chi2, df, p, cramers_v, fisher_p, groups, min_expected, left_out, not_coded, p_adjusted, fisher_p_adjusted
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(code, forKey: .code)
        try container.encode(chiSquare.finite, forKey: .chi2)
        try container.encode(df, forKey: .df)
        try container.encode(p.finite, forKey: .p)
        try container.encode(cramersV.finite, forKey: .cramers_v)
        try container.encode(fisherP.finite, forKey: .fisher_p)
        try container.encode(groups, forKey: .groups)
        try container.encode(minimumExpected.finite, forKey: .min_expected)
        try container.encode(leftOut, forKey: .left_out)
        try container.encode(notCoded, forKey: .not_coded)
        if adjusted {
            try container.encode(pAdjusted.finite, forKey: .p_adjusted)
            try container.encode(fisherPAdjusted.finite, forKey: .fisher_p_adjusted)
        }
    }
}

extension PresenceGroup: Encodable {
    private enum Keys: String, CodingKey { case value, cases, present, percent, adjusted_residual }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(value, forKey: .value)
        try container.encode(cases, forKey: .cases)
        try container.encode(present, forKey: .present)
        try container.encode(percent.finite, forKey: .percent)
        try container.encode(adjustedResidual.finite, forKey: .adjusted_residual)
    }
}

/// The JSON of `qcode stats compare`: one object per code,
/// `{"code","present":{"n","mean","sd","median"},"absent":{...},"welch_t","welch_df","welch_p",
/// "mann_whitney_u","mann_whitney_p","hedges_g"}`, plus `left_out`, `not_coded`, and
/// `welch_p_adjusted` / `mann_whitney_p_adjusted` when an adjustment was applied.
extension CodeOutcome: Encodable {
    private enum Keys: String, CodingKey {
        case code, present, absent, welch_t, welch_df, welch_p, mann_whitney_u, mann_whitney_p, hedges_g
        case left_out, not_coded, welch_p_adjusted, mann_whitney_p_adjusted
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(code, forKey: .code)
        try container.encode(present, forKey: .present)
        try container.encode(absent, forKey: .absent)
        try container.encode(welch?.t.finite, forKey: .welch_t)
        try container.encode(welch?.df.finite, forKey: .welch_df)
        try container.encode(welch?.p.finite, forKey: .welch_p)
        try container.encode(mannWhitney?.u.finite, forKey: .mann_whitney_u)
        try container.encode(mannWhitney?.p.finite, forKey: .mann_whitney_p)
        try container.encode(hedgesG.finite, forKey: .hedges_g)
        try container.encode(leftOut, forKey: .left_out)
        try container.encode(notCoded, forKey: .not_coded)
        if adjusted {
            try container.encode(welchPAdjusted.finite, forKey: .welch_p_adjusted)
            try container.encode(mannWhitneyPAdjusted.finite, forKey: .mann_whitney_p_adjusted)
        }
    }
}

extension Descriptives: Encodable {
    private enum Keys: String, CodingKey { case n, mean, sd, median }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(n, forKey: .n)
        try container.encode(mean.finite, forKey: .mean)
        try container.encode(sd.finite, forKey: .sd)
        try container.encode(median.finite, forKey: .median)
    }
}

extension Optional where Wrapped == Double {
    /// The value when finite, else nil (JSON has no NaN or infinity).
    var finite: Double? {
        guard let value = self, value.isFinite else { return nil }
        return value
    }
}

extension Double {
    /// The value when finite, else nil.
    var finite: Double? { isFinite ? self : nil }
}
