import Foundation

/// Every agreement statistic for one ratings table, ready to print or encode as JSON.
///
/// JSON keys are snake_case and always present: a statistic that is undefined or does not
/// apply is `null`, and `notes` says why. `cohen_*` and `scott_pi` apply to exactly two
/// coders; weighted kappas to two coders at the ordinal, interval or ratio level.
/// Proportions are in 0...1 (percent agreement 0.85 means 85%).
///
/// Definitions (see each statistic's type): percent agreement is Fleiss' `P̄` over units
/// with two or more ratings; Fleiss' kappa, Gwet's AC1 and Brennan-Prediger use Gwet's
/// treatment of missing ratings (as irrCAC), with `q` = `categories` (the declared list when
/// given, else the observed labels); Krippendorff's alpha uses `level`.
public struct AgreementSummary: EncodesEveryKey, Codable, Sendable, Equatable {
    /// Why a statistic is null.
    public struct Note: Codable, Sendable, Equatable {
        /// The JSON key of the statistic.
        public var statistic: String
        /// Machine-readable reason.
        public var reason: AgreementUndefined
        /// One-line explanation.
        public var message: String

        public init(statistic: String, reason: AgreementUndefined) {
            self.statistic = statistic
            self.reason = reason
            self.message = reason.description
        }
    }

    public var level: MeasurementLevel
    /// Distinct units (including units whose every rating is missing).
    public var units: Int
    public var coders: Int
    /// Number of categories `q`.
    public var categories: Int
    public var categoryLabels: [String]
    /// Non-missing ratings.
    public var ratings: Int
    /// Units with at least two ratings.
    public var pairableUnits: Int

    public var percentAgreement: Double?
    public var cohenKappa: Double?
    public var cohenKappaSE: Double?
    public var cohenKappaSENull: Double?
    /// `[lower, upper]`, `κ ± 1.959964 · SE`, clipped to [-1, 1].
    public var cohenKappaCI: [Double]?
    public var cohenKappaLinear: Double?
    public var cohenKappaQuadratic: Double?
    public var scottPi: Double?
    public var fleissKappa: Double?
    public var fleissKappaSE: Double?
    /// Per-category Fleiss kappas, aligned with `categoryLabels`.
    public var fleissKappaPerCategory: [Double?]
    public var krippendorffAlpha: Double?
    /// `[lower, upper]` bootstrap percentile interval, when requested.
    public var krippendorffAlphaCI: [Double]?
    public var bootstrapSamples: Int
    public var bootstrapSeed: UInt64?
    /// How the bootstrap drew its replicates (`pairs`: Hayes & Krippendorff; `units`).
    public var bootstrapMethod: KrippendorffAlpha.BootstrapMethod?
    /// KALPHA's q: the share of bootstrap replicates below each minimum acceptable alpha.
    public var krippendorffAlphaBelow: [AlphaBelow]?

    /// `q`: the share of replicates with alpha below `alphaMin`.
    public struct AlphaBelow: Sendable, Codable, Equatable {
        public var alphaMin: Double
        public var q: Double

        enum CodingKeys: String, CodingKey {
            case alphaMin = "alpha_min", q
        }
    }

    /// The minimum alphas KALPHA reports `q` for.
    public static let alphaMinimums = [0.9, 0.8, 0.7, 0.667, 0.6, 0.5]
    public var gwetAC1: Double?
    public var gwetAC1SE: Double?
    public var brennanPrediger: Double?
    public var brennanPredigerSE: Double?
    public var notes: [Note]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case level, units, coders, categories
        case categoryLabels = "category_labels"
        case ratings
        case pairableUnits = "pairable_units"
        case percentAgreement = "percent_agreement"
        case cohenKappa = "cohen_kappa"
        case cohenKappaSE = "cohen_kappa_se"
        case cohenKappaSENull = "cohen_kappa_se_null"
        case cohenKappaCI = "cohen_kappa_ci"
        case cohenKappaLinear = "cohen_kappa_linear"
        case cohenKappaQuadratic = "cohen_kappa_quadratic"
        case scottPi = "scott_pi"
        case fleissKappa = "fleiss_kappa"
        case fleissKappaSE = "fleiss_kappa_se"
        case fleissKappaPerCategory = "fleiss_kappa_per_category"
        case krippendorffAlpha = "krippendorff_alpha"
        case krippendorffAlphaCI = "krippendorff_alpha_ci"
        case bootstrapSamples = "bootstrap_samples"
        case bootstrapSeed = "bootstrap_seed"
        case bootstrapMethod = "bootstrap_method"
        case krippendorffAlphaBelow = "krippendorff_alpha_below"
        case gwetAC1 = "gwet_ac1"
        case gwetAC1SE = "gwet_ac1_se"
        case brennanPrediger = "brennan_prediger"
        case brennanPredigerSE = "brennan_prediger_se"
        case notes
    }

    /// Encodes every key, writing `null` for nil values.
    public func encode(to encoder: Encoder) throws {
        try encodeEveryKey(to: encoder)
    }

    /// Pretty-printed JSON with sorted keys (a stable contract for output files and tests).
    public func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

extension AgreementSummary {
    /// Computes every statistic for a table.
    ///
    /// - Parameters:
    ///   - level: measurement level for Krippendorff's alpha (and whether weighted kappas
    ///     apply: not at the nominal level).
    ///   - bootstrap: bootstrap replicates for alpha's interval (0 = none).
    ///   - seed: bootstrap seed.
    ///   - bootstrapMethod: how replicates are drawn (default: pairs, as KALPHA).
    /// - Throws: `RatingsError.notNumeric` for interval or ratio levels with non-numeric
    ///   categories.
    /// - Complexity: O(units × coders + q²), plus O(bootstrap × units) when requested.
    public init(table: RatingsTable, level: MeasurementLevel, bootstrap: Int = 0, seed: UInt64 = 1,
                bootstrapMethod: KrippendorffAlpha.BootstrapMethod = .pairs) throws {
        let values = try KrippendorffAlpha.numericValues(table, level: level)
        let counts = CategoryCounts(table)
        var notes: [Note] = []
        func take<T>(_ r: Result<T, AgreementUndefined>, _ key: CodingKeys) -> T? {
            switch r {
            case .success(let v): return v
            case .failure(let reason):
                notes.append(Note(statistic: key.rawValue, reason: reason))
                return nil
            }
        }

        // The statistics are independent passes over the same counts: Fleiss' kappa, AC1 and
        // Brennan-Prediger on one core, the rest on the other. Each value is computed exactly
        // as it would be alone; only the notes below fix the order.
        let (shared, rest) = Concurrently.both({
            (gwet: GwetGeneralisation.coefficients(counts), ratings: table.ratingCount)
        }, {
            var pairable = 0
            counts.forEachUnit { r, _ in if r >= 2 { pairable += 1 } }
            var cohen: (plain: Result<CohenKappa, AgreementUndefined>,
                        linear: Result<CohenKappa, AgreementUndefined>?,
                        quadratic: Result<CohenKappa, AgreementUndefined>?,
                        scott: Result<AgreementCoefficient, AgreementUndefined>)? = nil
            if table.coderCount == 2 {
                let contingency = ContingencyTable(table)
                cohen = (CohenKappa.compute(contingency),
                         level == .nominal ? nil : CohenKappa.compute(contingency, weights: .linear),
                         level == .nominal ? nil : CohenKappa.compute(contingency, weights: .quadratic),
                         ScottPi.compute(contingency))
            }
            return (pairable: pairable, percent: PercentAgreement.compute(counts), cohen: cohen,
                    perCategory: FleissKappa.perCategory(counts),
                    alpha: KrippendorffAlpha.compute(CoincidenceMatrix(counts), level: level, values: values))
        })

        self.level = level
        units = table.unitCount
        coders = table.coderCount
        categories = table.categoryCount
        categoryLabels = table.categories
        ratings = shared.ratings
        pairableUnits = rest.pairable

        percentAgreement = take(rest.percent, .percentAgreement)

        if let cohen = rest.cohen {
            let k = take(cohen.plain, .cohenKappa)
            cohenKappa = k?.kappa
            cohenKappaSE = k?.standardError
            cohenKappaSENull = k?.nullStandardError
            cohenKappaCI = k.map { [$0.confidenceInterval95.lower, $0.confidenceInterval95.upper] }
            if let linear = cohen.linear, let quadratic = cohen.quadratic {
                cohenKappaLinear = take(linear, .cohenKappaLinear)?.kappa
                cohenKappaQuadratic = take(quadratic, .cohenKappaQuadratic)?.kappa
            } else {
                notes.append(Note(statistic: CodingKeys.cohenKappaLinear.rawValue, reason: .notOrdered))
                notes.append(Note(statistic: CodingKeys.cohenKappaQuadratic.rawValue, reason: .notOrdered))
            }
            scottPi = take(cohen.scott, .scottPi)?.value
        } else {
            for key in [CodingKeys.cohenKappa, .cohenKappaLinear, .cohenKappaQuadratic, .scottPi] {
                notes.append(Note(statistic: key.rawValue, reason: .notTwoCoders))
            }
        }

        let gwet = shared.gwet
        let fleiss = take(gwet.fleiss, .fleissKappa)
        fleissKappa = fleiss?.value
        fleissKappaSE = fleiss?.standardError
        fleissKappaPerCategory = rest.perCategory.map(\.value)

        krippendorffAlpha = take(rest.alpha, .krippendorffAlpha)?.alpha
        bootstrapSamples = bootstrap
        if bootstrap > 0 {
            bootstrapSeed = seed
            self.bootstrapMethod = bootstrapMethod
            let b = take(
                KrippendorffAlpha.bootstrap(counts, level: level, values: values, samples: bootstrap, seed: seed,
                                            method: bootstrapMethod),
                .krippendorffAlphaCI)
            krippendorffAlphaCI = b.map { [$0.interval.lower, $0.interval.upper] }
            krippendorffAlphaBelow = b.map { b in
                Self.alphaMinimums.map { AlphaBelow(alphaMin: $0, q: b.probabilityBelow($0)) }
            }
        }

        let ac1 = take(gwet.gwet, .gwetAC1)
        gwetAC1 = ac1?.value
        gwetAC1SE = ac1?.standardError
        let bp = take(gwet.uniform, .brennanPrediger)
        brennanPrediger = bp?.value
        brennanPredigerSE = bp?.standardError
        self.notes = notes
    }
}
