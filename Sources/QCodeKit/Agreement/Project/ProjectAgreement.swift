/// Why a figure in a project agreement report is null.
public struct AgreementNote: Sendable, Codable, Equatable {
    /// The JSON key of the figure.
    public var statistic: String
    /// Machine-readable reason (an `AgreementUndefined` raw value, or `units_not_independent`,
    /// `not_unit_based`, `mean_of_defined`).
    public var reason: String
    /// One line for people.
    public var message: String

    public init(statistic: String, reason: String, message: String) {
        self.statistic = statistic
        self.reason = reason
        self.message = message
    }

    init(_ statistic: String, _ undefined: AgreementUndefined) {
        self.init(statistic: statistic, reason: undefined.rawValue, message: undefined.description)
    }
}

/// The agreement figures for one code, theme, or the pooled decisions. Every key is always
/// present in JSON; an undefined figure is `null` with a note.
public struct AgreementFigures: EncodesEveryKey, Sendable, Codable, Equatable {
    public var percentAgreement: Double?
    public var cohenKappa: Double?
    public var cohenKappaSE: Double?
    /// `[lower, upper]`: `κ ± 1.959964 · SE`, clipped to [-1, 1].
    public var cohenKappaCI: [Double]?
    public var fleissKappa: Double?
    public var krippendorffAlpha: Double?
    public var gwetAC1: Double?
    public var brennanPrediger: Double?
    public var notes: [AgreementNote] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case percentAgreement = "percent_agreement"
        case cohenKappa = "cohen_kappa"
        case cohenKappaSE = "cohen_kappa_se"
        case cohenKappaCI = "cohen_kappa_ci"
        case fleissKappa = "fleiss_kappa"
        case krippendorffAlpha = "krippendorff_alpha"
        case gwetAC1 = "gwet_ac1"
        case brennanPrediger = "brennan_prediger"
        case notes
    }

    public init() {}

    /// The figures for a tally of present/absent decisions.
    ///
    /// - Parameter independentUnits: false for characters, which are not independent, so
    ///   kappa gets no standard error or interval.
    public init(_ tally: BinaryAgreement, independentUnits: Bool = true) {
        func take<T>(_ result: Result<T, AgreementUndefined>, _ key: CodingKeys) -> T? {
            switch result {
            case .success(let value): return value
            case .failure(let reason):
                notes.append(AgreementNote(key.rawValue, reason))
                return nil
            }
        }
        percentAgreement = take(tally.percentAgreement, .percentAgreement)
        if let kappa = take(tally.cohenKappa, .cohenKappa) {
            cohenKappa = kappa.kappa
            if independentUnits {
                cohenKappaSE = kappa.standardError
                cohenKappaCI = [kappa.confidenceInterval95.lower, kappa.confidenceInterval95.upper]
            } else {
                for key in [CodingKeys.cohenKappaSE, .cohenKappaCI] {
                    notes.append(AgreementNote(statistic: key.rawValue, reason: "units_not_independent",
                                               message: "characters are not independent units, so no standard error"))
                }
            }
        }
        fleissKappa = take(tally.fleissKappa, .fleissKappa)?.value
        krippendorffAlpha = take(tally.krippendorffAlpha, .krippendorffAlpha)
        gwetAC1 = take(tally.gwetAC1, .gwetAC1)?.value
        brennanPrediger = take(tally.brennanPrediger, .brennanPrediger)?.value
    }

    /// The mean of each figure over `figures`, over those where it is defined (noted when
    /// some are not). Standard errors and intervals are not averaged.
    public init(meanOf figures: [AgreementFigures]) {
        func mean(_ key: CodingKeys, _ value: (AgreementFigures) -> Double?) -> Double? {
            let values = figures.compactMap(value)
            if values.count < figures.count {
                notes.append(AgreementNote(
                    statistic: key.rawValue, reason: values.isEmpty ? "undefined_for_every_code" : "mean_of_defined",
                    message: values.isEmpty ? "undefined for every code"
                        : "mean over the \(values.count) of \(figures.count) codes where it is defined"))
            }
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        percentAgreement = mean(.percentAgreement) { $0.percentAgreement }
        cohenKappa = mean(.cohenKappa) { $0.cohenKappa }
        fleissKappa = mean(.fleissKappa) { $0.fleissKappa }
        krippendorffAlpha = mean(.krippendorffAlpha) { $0.krippendorffAlpha }
        gwetAC1 = mean(.gwetAC1) { $0.gwetAC1 }
        brennanPrediger = mean(.brennanPrediger) { $0.brennanPrediger }
    }

    public func encode(to encoder: Encoder) throws {
        try encodeEveryKey(to: encoder)
    }
}

/// Segment-matching counts (units `segment` and `continuum`).
public struct SegmentCounts: Sendable, Codable, Equatable {
    public var segmentsA: Int
    public var segmentsB: Int
    public var matchedA: Int
    public var matchedB: Int

    enum CodingKeys: String, CodingKey {
        case segmentsA = "segments_a", segmentsB = "segments_b", matchedA = "matched_a", matchedB = "matched_b"
    }

    init(_ m: SegmentMatching) {
        segmentsA = m.matchedA + m.unmatchedA
        segmentsB = m.matchedB + m.unmatchedB
        matchedA = m.matchedA
        matchedB = m.matchedB
    }
}

/// Agreement on one code (or theme, or all codes pooled).
///
/// For units turn, sentence, paragraph and character: `units` decisions, and with two
/// coders the 2 × 2 counts `both`, `only_a`, `only_b`, `neither`; `units_coded_by[j]` is
/// the number of units exactly `j` coders coded. For `segment` and `continuum`, `segments`
/// holds the matching counts and `units` is the number of segments of both coders.
public struct CodeAgreement: EncodesEveryKey, Sendable, Codable, Equatable {
    /// The code's path; for the pooled row, `*`.
    public var code: String
    public var units: Int
    public var both: Int?
    public var onlyA: Int?
    public var onlyB: Int?
    public var neither: Int?
    public var unitsCodedBy: [Int]?
    /// Character level, two coders: per-document kappas averaged with document lengths as
    /// weights (the usual NVivo summary).
    public var cohenKappaLengthWeighted: Double?
    public var segments: SegmentCounts?
    /// Unit `continuum`: Krippendorff's unitizing alpha `|uα` (``UnitizedAlpha``); absent
    /// for other units, null with a note when undefined.
    public var unitizedAlpha: Double?
    /// Unit `continuum`: the 2016 coincidence form of `|uα` (``UnitizedAlpha2016``); absent
    /// for other units, null with a note when undefined.
    public var unitizedAlpha2016: Double?
    /// Unit `continuum`: Krippendorff's `uα` over this code's subcodes taken as mutually
    /// exclusive values, where and which (``UnitizedAlphaFamily``); on the pooled row, over the
    /// top-level codes. Absent for other units, null with a note when undefined.
    public var domainAlpha: Double?
    /// Unit `continuum`: Krippendorff's `cuα` over the same values: which subcode, where
    /// coders' coded stretches meet (ATLAS.ti's cu-alpha; on the pooled row, Cu-alpha).
    public var codingAlpha: Double?
    public var figures: AgreementFigures

    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, units, both
        case onlyA = "only_a", onlyB = "only_b", neither
        case unitsCodedBy = "units_coded_by"
        case cohenKappaLengthWeighted = "cohen_kappa_length_weighted"
        case segments
        case unitizedAlpha = "unitized_alpha"
        case unitizedAlpha2016 = "unitized_alpha_2016"
        case domainAlpha = "u_alpha"
        case codingAlpha = "cu_alpha"
    }

    public init(code: String, units: Int, figures: AgreementFigures) {
        self.code = code
        self.units = units
        self.figures = figures
    }

    init(code: String, tally: BinaryAgreement, independentUnits: Bool) {
        self.init(code: code, units: tally.units, figures: AgreementFigures(tally, independentUnits: independentUnits))
        both = tally.pair?.both
        onlyA = tally.pair?.onlyA
        onlyB = tally.pair?.onlyB
        neither = tally.pair?.neither
        unitsCodedBy = tally.unitsByCount
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        units = try c.decode(Int.self, forKey: .units)
        both = try c.decodeIfPresent(Int.self, forKey: .both)
        onlyA = try c.decodeIfPresent(Int.self, forKey: .onlyA)
        onlyB = try c.decodeIfPresent(Int.self, forKey: .onlyB)
        neither = try c.decodeIfPresent(Int.self, forKey: .neither)
        unitsCodedBy = try c.decodeIfPresent([Int].self, forKey: .unitsCodedBy)
        cohenKappaLengthWeighted = try c.decodeIfPresent(Double.self, forKey: .cohenKappaLengthWeighted)
        segments = try c.decodeIfPresent(SegmentCounts.self, forKey: .segments)
        unitizedAlpha = try c.decodeIfPresent(Double.self, forKey: .unitizedAlpha)
        unitizedAlpha2016 = try c.decodeIfPresent(Double.self, forKey: .unitizedAlpha2016)
        domainAlpha = try c.decodeIfPresent(Double.self, forKey: .domainAlpha)
        codingAlpha = try c.decodeIfPresent(Double.self, forKey: .codingAlpha)
        figures = try AgreementFigures(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        // Figures of unit `continuum` only: present when set or explained by a note.
        let continuum: [(CodingKeys, Double?)] = [(.unitizedAlpha, unitizedAlpha), (.unitizedAlpha2016, unitizedAlpha2016),
                                                  (.domainAlpha, domainAlpha), (.codingAlpha, codingAlpha)]
        try encodeEveryKey(to: encoder, except: continuum.map(\.0))
        var c = encoder.container(keyedBy: CodingKeys.self)
        for (key, value) in continuum where value != nil || figures.notes.contains(where: { $0.statistic == key.rawValue }) {
            try c.encode(value, forKey: key)
        }
        try figures.encode(to: encoder)
    }
}

/// Overall figures, labelled by how they combine codes.
public struct OverallAgreement: Sendable, Codable, Equatable {
    /// Every code × unit decision of every listed code pooled into one table.
    public var pooled: CodeAgreement
    /// Each figure averaged over the listed codes (over those where it is defined).
    public var meanOverCodes: AgreementFigures
    /// Number of codes averaged.
    public var codes: Int

    enum CodingKeys: String, CodingKey {
        case pooled
        case meanOverCodes = "mean_over_codes"
        case codes
    }
}

/// A project agreement report: per code, per top-level theme and overall.
public struct ProjectAgreement: Sendable, Codable, Equatable {
    /// The unit, e.g. `turn` or `segment:90`.
    public var unit: String
    public var coders: [String]
    public var documents: [String]
    /// Codes with codings by any of the coders (in the chosen subtree), codebook order.
    public var codes: [CodeAgreement]
    /// Top-level codes (with `--code`, the chosen code) with their whole subtree rolled up.
    public var themes: [CodeAgreement]
    public var overall: OverallAgreement
    /// How the numbers were made, in words.
    public var method: String
}

/// Which agreement to compute inside a project.
public struct ProjectAgreementRequest: Sendable {
    public var coders: [String]
    public var unit: AgreementUnit = .turn
    /// Minimum overlap in characters for a coding to count for a unit.
    public var minOverlap = 1
    /// Whether a code's row counts codings of its descendants too.
    public var includeChildren = true
    /// Only this code's subtree.
    public var code: String?
    /// These documents; empty = every document each coder coded.
    public var documents: [String] = []

    public init(coders: [String]) {
        self.coders = coders
    }
}
