import Foundation

/// A code's outcome in the cases with it against the cases without it.
public struct CodeOutcome: Sendable, Equatable {
    /// The code's path.
    public var code: String
    /// n, mean, SD (n − 1) and median of the outcome in the cases with the code.
    public var present: Descriptives
    /// The same in the coded cases without it.
    public var absent: Descriptives
    /// Welch's t-test, present minus absent; nil when undefined (a group below two cases,
    /// or no spread at all).
    public var welch: WelchTTest?
    /// Mann–Whitney U of the "present" group, with its two-sided asymptotic p; nil when a
    /// group is empty.
    public var mannWhitney: MannWhitneyU?
    /// Hedges' g, present minus absent (see ``HedgesG``).
    public var hedgesG: Double?
    /// Welch's p adjusted across codes (when an adjustment was asked for).
    public var welchPAdjusted: Double?
    /// Mann–Whitney's p adjusted across codes.
    public var mannWhitneyPAdjusted: Double?
    /// Cases left out of this code: no outcome, or not coded by the coder.
    public var leftOut: Int
    /// Of those, the cases with an outcome that the coder did not code.
    public var notCoded: Int
    /// True when the p-values were adjusted (the adjusted ones are then given, null or not).
    var adjusted = false
}

/// A numeric outcome (or its change from a baseline) in cases with each code against cases
/// without it (`qcode stats compare`): descriptives, Welch's t, Mann–Whitney U, Hedges' g.
///
/// Exploratory: one test per code, so p-values are not corrected for multiple comparisons
/// unless ``adjustment`` is set.
public struct OutcomeComparison: Sendable, Equatable {
    /// The outcome attribute.
    public var outcome: String
    /// The baseline attribute, when the outcome is the change outcome − baseline.
    public var baseline: String?
    public var coder: String?
    public var codes: [CodeOutcome]
    /// Cases with a document (the matrix's rows).
    public var cases: Int
    /// Of those, the cases with no outcome (or no baseline), left out of every code.
    public var withoutOutcome: Int
    public var adjustment: PValueAdjustment?

    /// Computes the comparison from plain values.
    ///
    /// - Parameters:
    ///   - presence: per code, per case: true, false, or nil (not coded: left out of that code).
    ///   - outcomes: per case, its outcome (or change); nil: missing (left out).
    public init(outcome: String, baseline: String?, coder: String?, codes: [String], presence: [[Bool?]],
                outcomes: [Double?], adjustment: PValueAdjustment?) {
        self.outcome = outcome
        self.baseline = baseline
        self.coder = coder
        self.adjustment = adjustment
        cases = outcomes.count
        withoutOutcome = outcomes.filter { $0 == nil }.count
        self.codes = zip(codes, presence).map { code, cells in
            var with: [Double] = [], without: [Double] = []
            var leftOut = 0, notCoded = 0
            for (cell, value) in zip(cells, outcomes) {
                guard let value else { leftOut += 1; continue }
                guard let cell else { notCoded += 1; continue }
                if cell { with.append(value) } else { without.append(value) }
            }
            return CodeOutcome(code: code, present: Descriptives(with), absent: Descriptives(without),
                               welch: WelchTTest(with, without), mannWhitney: MannWhitneyU(with, without),
                               hedgesG: HedgesG.compute(with, without), leftOut: leftOut + notCoded, notCoded: notCoded)
        }
        if let adjustment {
            let welch = adjustment.adjust(self.codes.map { $0.welch?.p })
            let mannWhitney = adjustment.adjust(self.codes.map { $0.mannWhitney?.p })
            for index in self.codes.indices {
                self.codes[index].welchPAdjusted = welch[index]
                self.codes[index].mannWhitneyPAdjusted = mannWhitney[index]
                self.codes[index].adjusted = true
            }
        }
    }
}
