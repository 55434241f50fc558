extension AgreementSummary {
    /// A readable, aligned plain-text table of the summary.
    ///
    /// ```
    /// Units 12 (11 pairable) · Coders 4 · Categories 5 · Ratings 41 · Level nominal
    ///
    /// Statistic                 Value      SE  95% CI
    /// Percent agreement         0.818
    /// Cohen's kappa                 —          needs exactly two coders
    /// ```
    /// Values have three decimals; "—" marks a statistic that is undefined or does not
    /// apply, followed by the reason.
    public func renderTable() -> String {
        var rows: [(String, Double?, Double?, [Double]?, String)] = []
        func reason(_ key: CodingKeys) -> String {
            notes.first { $0.statistic == key.rawValue }?.message ?? ""
        }
        func add(_ label: String, _ key: CodingKeys, _ value: Double?, se: Double? = nil, ci: [Double]? = nil) {
            rows.append((label, value, se, ci, value == nil ? reason(key) : ""))
        }
        add("Percent agreement", .percentAgreement, percentAgreement)
        add("Cohen's kappa", .cohenKappa, cohenKappa, se: cohenKappaSE, ci: cohenKappaCI)
        add("  linear weights", .cohenKappaLinear, cohenKappaLinear)
        add("  quadratic weights", .cohenKappaQuadratic, cohenKappaQuadratic)
        add("Scott's pi", .scottPi, scottPi)
        add("Fleiss' kappa", .fleissKappa, fleissKappa, se: fleissKappaSE)
        add("Krippendorff's alpha (\(level.rawValue))", .krippendorffAlpha, krippendorffAlpha, ci: krippendorffAlphaCI)
        add("Gwet's AC1", .gwetAC1, gwetAC1, se: gwetAC1SE)
        add("Brennan-Prediger", .brennanPrediger, brennanPrediger, se: brennanPredigerSE)

        func f(_ x: Double) -> String {
            let s = String(agreementDecimals3: x)
            return s == "-0.000" ? "0.000" : s
        }
        let labelWidth = max(9, rows.map(\.0.count).max() ?? 0)
        func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, w - s.count))
            return right ? fill + s : s + fill
        }
        var lines: [String] = []
        lines.append(
            "Units \(units) (\(pairableUnits) pairable) · Coders \(coders) · Categories \(categories) · "
                + "Ratings \(ratings) · Level \(level.rawValue)")
        lines.append("")
        lines.append(pad("Statistic", labelWidth) + "   " + pad("Value", 6, right: true) + "  " + pad("SE", 6, right: true) + "  95% CI")
        for (label, value, se, ci, why) in rows {
            var line = pad(label, labelWidth) + "   " + pad(value.map(f) ?? "—", 6, right: true)
            line += "  " + pad(se.map(f) ?? "", 6, right: true)
            if let ci { line += "  [\(f(ci[0])), \(f(ci[1]))]" }
            if !why.isEmpty { line += "  " + why }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        if bootstrapSamples > 0, let seed = bootstrapSeed {
            lines.append("")
            let how = bootstrapMethod == .units ? "resamples of units" : "resamples of value pairs (Hayes & Krippendorff)"
            lines.append("Alpha interval: \(bootstrapSamples) bootstrap \(how), seed \(seed).")
            if let below = krippendorffAlphaBelow {
                lines.append("Probability alpha is below: " + below.map { "\(String(agreementDecimals3: $0.alphaMin)) \(String(agreementDecimals3: $0.q))" }
                    .joined(separator: " · "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// `x` rounded to three decimals, without Foundation's locale-dependent formatting.
    init(agreementDecimals3 x: Double) {
        let scaled = (x * 1000).rounded()
        let negative = scaled < 0
        let magnitude = Int(abs(scaled))
        let fraction = magnitude % 1000
        let digits = String(fraction)
        self = (negative ? "-" : "") + "\(magnitude / 1000)." + String(repeating: "0", count: 3 - digits.count) + digits
    }
}
