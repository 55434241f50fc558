import Foundation

/// Figures as text: rounded for people, exact (shortest round-trip form) for CSV.
enum StatisticsText {
    /// The shortest text that reads back as the same Double; integers without ".0".
    static func exact(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// `value` with `decimals` decimals.
    static func rounded(_ value: Double?, _ decimals: Int) -> String {
        guard let value, value.isFinite else { return "" }
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// A p-value for people: three decimals, or "<0.001".
    static func p(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return value < 0.001 ? "<0.001" : String(format: "%.3f", value)
    }

    /// The line under a table about multiple comparisons.
    static func comparisons(_ adjustment: PValueAdjustment?, codes: Int, columns: String) -> String {
        switch adjustment {
        case nil: return "exploratory, not corrected for multiple comparisons"
        case .holm: return "\(columns) adjusted for \(codes) comparisons by Holm's method (family-wise error rate)"
        case .bh: return "\(columns) adjusted for \(codes) comparisons by Benjamini-Hochberg (false discovery rate)"
        }
    }
}

extension PresenceStatistics {
    /// One row per code and attribute value. `exact`: every figure in full (for CSV), the
    /// code's figures on each of its rows; otherwise rounded for people, and the code's
    /// figures on its first row only, its chi-square marked `*` when an expected count is below 5.
    public func tabular(exact: Bool) -> Tabular {
        let adjusted = adjustment != nil
        var headers = exact
            ? ["code", "value", "cases", "present", "percent", "adjusted_residual", "chi2", "df", "p"]
            : ["code", "value", "cases", "present", "%", "adj.res", "chi2", "df", "p"]
        if adjusted { headers.append(exact ? "p_adjusted" : "p.adj") }
        headers += exact ? ["cramers_v", "fisher_p"] : ["V", "fisher_p"]
        if adjusted { headers.append(exact ? "fisher_p_adjusted" : "fisher.adj") }
        if exact { headers += ["min_expected", "left_out"] }
        var rows: [[String]] = []
        for code in codes {
            for (index, group) in code.groups.enumerated() {
                var row = [exact || index == 0 ? code.code : "", group.value, String(group.cases), String(group.present),
                           exact ? StatisticsText.exact(group.percent) : StatisticsText.rounded(group.percent, 1),
                           exact ? StatisticsText.exact(group.adjustedResidual) : StatisticsText.rounded(group.adjustedResidual, 2)]
                let first = exact || index == 0
                func figure(_ value: Double?, _ text: (Double?) -> String) -> String { first ? text(value) : "" }
                let chi2 = figure(code.chiSquare) { exact ? StatisticsText.exact($0) : StatisticsText.rounded($0, 2) }
                row.append(!exact && first && code.hasSmallExpected && !chi2.isEmpty ? chi2 + "*" : chi2)
                row.append(first ? code.df.map(String.init) ?? "" : "")
                row.append(figure(code.p) { exact ? StatisticsText.exact($0) : StatisticsText.p($0) })
                if adjusted { row.append(figure(code.pAdjusted) { exact ? StatisticsText.exact($0) : StatisticsText.p($0) }) }
                row.append(figure(code.cramersV) { exact ? StatisticsText.exact($0) : StatisticsText.rounded($0, 2) })
                row.append(figure(code.fisherP) { exact ? StatisticsText.exact($0) : StatisticsText.p($0) })
                if adjusted { row.append(figure(code.fisherPAdjusted) { exact ? StatisticsText.exact($0) : StatisticsText.p($0) }) }
                if exact { row += [StatisticsText.exact(code.minimumExpected), String(code.leftOut)] }
                rows.append(row)
            }
        }
        return Tabular(headers: headers, rows: rows)
    }

    /// The lines printed under the table: multiple comparisons, small expected counts, and
    /// the cases left out.
    public var notes: [String] {
        var lines = [StatisticsText.comparisons(adjustment, codes: codes.filter { $0.p != nil }.count,
                                                columns: "p and fisher_p")]
        let small = codes.filter(\.hasSmallExpected).count
        if small > 0 {
            lines.append("* an expected count is below 5 for \(small) of \(codes.count) code(s): the chi-square p may be "
                         + "inaccurate" + (values.count == 2 ? "; prefer Fisher's exact p" : ""))
        }
        lines += leftOutNotes
        return lines
    }

    /// How many cases were left out, and why.
    public var leftOutNotes: [String] {
        var lines: [String] = []
        if withoutValue > 0 { lines.append("left out \(withoutValue) of \(cases) case(s) with no value of \(attribute)") }
        if let most = codes.map(\.notCoded).max(), most > 0 {
            lines.append("left out per code the cases \(coder.map { "coder \($0)" } ?? "the coder") never coded "
                         + "(up to \(most) for a code)")
        }
        return lines
    }
}

extension OutcomeComparison {
    /// One row per code. `exact`: every figure in full (for CSV); otherwise rounded for people.
    public func tabular(exact: Bool) -> Tabular {
        let adjusted = adjustment != nil
        var headers = exact
            ? ["code", "n_present", "mean_present", "sd_present", "median_present",
               "n_absent", "mean_absent", "sd_absent", "median_absent", "welch_t", "welch_df", "welch_p"]
            : ["code", "n+", "mean+", "sd+", "median+", "n-", "mean-", "sd-", "median-", "t", "df", "p"]
        if adjusted { headers.append(exact ? "welch_p_adjusted" : "p.adj") }
        headers += exact ? ["mann_whitney_u", "mann_whitney_p"] : ["U", "p(U)"]
        if adjusted { headers.append(exact ? "mann_whitney_p_adjusted" : "p(U).adj") }
        headers += exact ? ["hedges_g", "left_out"] : ["g"]
        let number: (Double?) -> String = { exact ? StatisticsText.exact($0) : StatisticsText.rounded($0, 2) }
        let p: (Double?) -> String = { exact ? StatisticsText.exact($0) : StatisticsText.p($0) }
        let rows = codes.map { code -> [String] in
            var row = [code.code]
            for group in [code.present, code.absent] {
                row += [String(group.n), number(group.mean), number(group.sd), number(group.median)]
            }
            row += [number(code.welch?.t), exact ? number(code.welch?.df) : StatisticsText.rounded(code.welch?.df, 1),
                    p(code.welch?.p)]
            if adjusted { row.append(p(code.welchPAdjusted)) }
            row += [exact ? number(code.mannWhitney?.u) : StatisticsText.rounded(code.mannWhitney?.u, 1), p(code.mannWhitney?.p)]
            if adjusted { row.append(p(code.mannWhitneyPAdjusted)) }
            row.append(number(code.hedgesG))
            if exact { row.append(String(code.leftOut)) }
            return row
        }
        return Tabular(headers: headers, rows: rows)
    }

    /// What was compared, then the lines printed under the table.
    public var notes: [String] {
        let measure = baseline.map { "\(outcome) - \($0)" } ?? outcome
        var lines = ["outcome: \(measure); + cases with the code, - coded cases without it; "
                     + "t: Welch, U: Mann-Whitney (present group), g: Hedges"]
        lines.append(StatisticsText.comparisons(adjustment, codes: codes.filter { $0.welch != nil }.count,
                                                columns: "welch_p and mann_whitney_p"))
        if withoutOutcome > 0 {
            let what = baseline.map { "no value of \(outcome) or \($0)" } ?? "no value of \(outcome)"
            lines.append("left out \(withoutOutcome) of \(cases) case(s) with \(what)")
        }
        if let most = codes.map(\.notCoded).max(), most > 0 {
            lines.append("left out per code the cases \(coder.map { "coder \($0)" } ?? "the coder") never coded "
                         + "(up to \(most) for a code)")
        }
        return lines
    }
}
