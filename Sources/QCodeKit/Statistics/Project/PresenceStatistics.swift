import Foundation

/// One group (attribute value) of a code's presence table.
public struct PresenceGroup: Sendable, Equatable {
    /// The attribute value.
    public var value: String
    /// The group's cases in this code's analysis.
    public var cases: Int
    /// Those of them with the code.
    public var present: Int
    /// present / cases × 100; nil for a group with no case in the analysis.
    public var percent: Double?
    /// The adjusted standardised residual of the "present" cell; nil when the test is
    /// undefined or the group is empty.
    public var adjustedResidual: Double?
}

/// A code's presence by the values of an attribute, with its tests.
public struct CodePresence: Sendable, Equatable {
    /// The code's path.
    public var code: String
    /// Every value of the attribute, in order (groups with no case here have 0 cases).
    public var groups: [PresenceGroup]
    /// Pearson's chi-square (no continuity correction) of the groups with cases × present/absent;
    /// nil when undefined (no case has the code, or every case has it).
    public var chiSquare: Double?
    public var df: Int?
    public var p: Double?
    public var cramersV: Double?
    /// Fisher's exact two-sided p when exactly two groups have cases.
    public var fisherP: Double?
    /// The smallest expected count of the chi-square table.
    public var minimumExpected: Double?
    /// `p` adjusted across codes (when an adjustment was asked for).
    public var pAdjusted: Double?
    /// `fisherP` adjusted across the codes that have one.
    public var fisherPAdjusted: Double?
    /// Cases left out of this code: no value of the attribute, or not coded by the coder.
    public var leftOut: Int
    /// Of those, the cases with a value that the coder did not code.
    public var notCoded: Int
    /// True when the p-values were adjusted (the adjusted ones are then given, null or not).
    var adjusted = false

    /// True when the chi-square table has an expected count below 5.
    public var hasSmallExpected: Bool { (minimumExpected ?? 5) < 5 }
}

/// Code presence by the values of a case attribute (`qcode stats presence`): for each code,
/// the cases with and without it in each group, Pearson's chi-square, Cramér's V, the
/// adjusted residuals, and Fisher's exact p for two groups.
///
/// Exploratory: one test per code, so p-values are not corrected for multiple comparisons
/// unless ``adjustment`` is set.
public struct PresenceStatistics: Sendable, Equatable {
    /// The grouping attribute.
    public var attribute: String
    /// The coder whose codings count.
    public var coder: String?
    /// The attribute's values, in order (numbers by size, other values alphabetically).
    public var values: [String]
    public var codes: [CodePresence]
    /// Cases with a document (the matrix's rows).
    public var cases: Int
    /// Of those, the cases with no value of the attribute, left out of every code.
    public var withoutValue: Int
    /// The adjustment applied to `p` and `fisherP` across codes, if any.
    public var adjustment: PValueAdjustment?

    /// Computes the statistics from plain values.
    ///
    /// - Parameters:
    ///   - codes: the code paths.
    ///   - presence: per code, per case: true (coded with the code), false (coded, not with
    ///     it), nil (not coded by the coder: left out of that code).
    ///   - groupValues: per case, its attribute value; nil: missing (left out).
    public init(attribute: String, coder: String?, codes: [String], presence: [[Bool?]], groupValues: [String?],
                adjustment: PValueAdjustment?) {
        self.attribute = attribute
        self.coder = coder
        self.adjustment = adjustment
        cases = groupValues.count
        withoutValue = groupValues.filter { $0 == nil }.count
        let values = Project.orderedValues(Set(groupValues.compactMap { $0 }))
        self.values = values
        let groupIndex = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        let groupOfCase = groupValues.map { $0.flatMap { groupIndex[$0] } }
        self.codes = zip(codes, presence).map { code, cells in
            Self.codePresence(code: code, cells: cells, groupOfCase: groupOfCase, values: values)
        }
        if let adjustment {
            let adjusted = adjustment.adjust(self.codes.map(\.p))
            let fisher = adjustment.adjust(self.codes.map(\.fisherP))
            for index in self.codes.indices {
                self.codes[index].pAdjusted = adjusted[index]
                self.codes[index].fisherPAdjusted = fisher[index]
                self.codes[index].adjusted = true
            }
        }
    }

    private static func codePresence(code: String, cells: [Bool?], groupOfCase: [Int?], values: [String]) -> CodePresence {
        var present = [Int](repeating: 0, count: values.count)
        var total = [Int](repeating: 0, count: values.count)
        var notCoded = 0
        var leftOut = 0
        for (cell, group) in zip(cells, groupOfCase) {
            guard let group else { leftOut += 1; continue }
            guard let cell else { notCoded += 1; continue }
            total[group] += 1
            if cell { present[group] += 1 }
        }
        let used = values.indices.filter { total[$0] > 0 }
        let test = PearsonChiSquare(used.map { [present[$0], total[$0] - present[$0]] })
        var groups = values.indices.map { index in
            PresenceGroup(value: values[index], cases: total[index], present: present[index],
                          percent: total[index] > 0 ? Double(present[index]) / Double(total[index]) * 100 : nil,
                          adjustedResidual: nil)
        }
        if let test {
            for (row, index) in used.enumerated() { groups[index].adjustedResidual = test.adjustedResiduals[row][0] }
        }
        var fisherP: Double?
        if used.count == 2 {
            let (first, second) = (used[0], used[1])
            fisherP = FisherExact.twoSided(present[first], total[first] - present[first],
                                           present[second], total[second] - present[second])
        }
        return CodePresence(code: code, groups: groups, chiSquare: test?.chiSquare, df: test?.df, p: test?.p,
                            cramersV: test?.cramersV, fisherP: fisherP, minimumExpected: test?.minimumExpected,
                            leftOut: leftOut + notCoded, notCoded: notCoded)
    }
}
