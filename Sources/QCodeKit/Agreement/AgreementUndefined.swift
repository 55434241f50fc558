/// Why an agreement statistic has no value for the given data.
///
/// Every statistic in `Agreement/` returns `Result<Value, AgreementUndefined>` instead of
/// dividing by zero: degenerate data gives a defined answer, never a crash or NaN.
public enum AgreementUndefined: String, Error, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// No unit has ratings from at least two coders (or, for two-coder statistics,
    /// no unit is rated by both coders).
    case noPairableUnits = "no_pairable_units"
    /// The statistic is defined for exactly two coders only.
    case notTwoCoders = "not_two_coders"
    /// Expected (chance) agreement is 1, so the ratio is 0/0: typically every rating
    /// falls in one category.
    case chanceAgreementIsOne = "chance_agreement_is_one"
    /// Expected disagreement is 0 (Krippendorff's alpha): all pairable values are equal.
    case noVariation = "no_variation"
    /// The statistic needs at least two categories (for example Gwet's AC1 divides by q - 1).
    case tooFewCategories = "too_few_categories"
    /// A standard error needs at least two units.
    case tooFewUnits = "too_few_units"
    /// The category never occurs, so its per-category statistic is 0/0.
    case categoryNotUsed = "category_not_used"
    /// A span-based statistic got a document of length 0.
    case emptyDocument = "empty_document"
    /// No segment was coded by either coder.
    case noSegments = "no_segments"
    /// Weighted kappa needs ordered categories (level ordinal, interval or ratio).
    case notOrdered = "not_ordered"
    /// A coder applied two codes of a set that must be mutually exclusive (the values of a
    /// unitizing alpha) to the same stretch of text.
    case overlappingValues = "overlapping_values"

    public var description: String {
        switch self {
        case .noPairableUnits: "no unit is rated by at least two coders"
        case .notTwoCoders: "needs exactly two coders"
        case .chanceAgreementIsOne: "chance agreement is 1 (all ratings in one category)"
        case .noVariation: "expected disagreement is 0 (all values identical)"
        case .tooFewCategories: "needs at least two categories"
        case .tooFewUnits: "needs at least two units"
        case .categoryNotUsed: "category never used"
        case .emptyDocument: "document has length 0"
        case .noSegments: "no segments coded"
        case .notOrdered: "needs ordered categories (ordinal, interval or ratio level)"
        case .overlappingValues: "a coder applied two of these codes to the same text; they must not overlap"
        }
    }
}

extension Result where Failure == AgreementUndefined {
    /// The value, or nil when the statistic is undefined.
    public var value: Success? {
        if case .success(let v) = self { return v }
        return nil
    }

    /// The reason the statistic is undefined, or nil when it has a value.
    public var undefinedReason: AgreementUndefined? {
        if case .failure(let r) = self { return r }
        return nil
    }
}
