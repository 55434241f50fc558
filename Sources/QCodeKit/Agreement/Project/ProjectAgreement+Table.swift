extension ProjectAgreement {
    /// A readable report: a header line, the per-code table, the theme table and the
    /// overall figures, each clearly labelled. Three decimals; "—" marks an undefined figure
    /// (the JSON output says why).
    public func renderTable() -> String {
        var out = "Agreement by \(unit) · coders \(coders.joined(separator: ", ")) · \(documents.count) document(s)\n"
        out += method + "\n\n"
        out += "Codes\n" + rows(codes, label: "Code").table(maxWidth: 48)
        out += "\nThemes (each top-level code with its whole subtree)\n" + rows(themes, label: "Theme").table(maxWidth: 48)
        var pooled = overall.pooled
        pooled.code = "pooled (\(overall.pooled.units) code × unit decisions)"
        if unit.hasPrefix("segment") || unit == "continuum" { pooled.code = "pooled (all codes)" }
        var mean = CodeAgreement(code: "mean over \(overall.codes) code(s)", units: 0, figures: overall.meanOverCodes)
        mean.unitsCodedBy = nil
        out += "\nOverall\n" + rows([pooled, mean], label: "Combined", blankUnitsFor: [1]).table(maxWidth: 60)
        return out
    }

    /// One row per code, theme, pooled and mean, with full-precision numbers (empty when
    /// undefined), for `--format csv`.
    public func tabular() -> Tabular {
        var table = Tabular(headers: [
            "scope", "code", "units", "both", "only_a", "only_b", "neither", "percent_agreement", "cohen_kappa",
            "cohen_kappa_se", "cohen_kappa_ci_lower", "cohen_kappa_ci_upper", "cohen_kappa_length_weighted",
            "fleiss_kappa", "krippendorff_alpha", "gwet_ac1", "brennan_prediger", "unitized_alpha",
            "unitized_alpha_2016", "u_alpha", "cu_alpha",
        ])
        func number(_ x: Double?) -> String { x.map { String($0) } ?? "" }
        func count(_ x: Int?) -> String { x.map(String.init) ?? "" }
        func add(_ scope: String, _ row: CodeAgreement, units: String? = nil) {
            let f = row.figures
            table.rows.append([
                scope, row.code, units ?? String(row.units), count(row.both), count(row.onlyA), count(row.onlyB),
                count(row.neither), number(f.percentAgreement), number(f.cohenKappa), number(f.cohenKappaSE),
                number(f.cohenKappaCI?[0]), number(f.cohenKappaCI?[1]), number(row.cohenKappaLengthWeighted),
                number(f.fleissKappa), number(f.krippendorffAlpha), number(f.gwetAC1), number(f.brennanPrediger),
                number(row.unitizedAlpha), number(row.unitizedAlpha2016), number(row.domainAlpha), number(row.codingAlpha),
            ])
        }
        for row in codes { add("code", row) }
        for row in themes { add("theme", row) }
        add("pooled", overall.pooled)
        add("mean", CodeAgreement(code: "*", units: 0, figures: overall.meanOverCodes), units: String(overall.codes))
        return table
    }

    private func rows(_ list: [CodeAgreement], label: String, blankUnitsFor blank: Set<Int> = []) -> Tabular {
        func f(_ x: Double?) -> String {
            guard let x else { return "—" }
            let s = String(agreementDecimals3: x)
            return s == "-0.000" ? "0.000" : s
        }
        let segments = unit.hasPrefix("segment")
        let twoCoders = coders.count == 2
        let characters = unit == "character" || unit == "continuum"
        var headers = [label]
        if segments {
            headers += ["Segs A", "Segs B", "Matched A", "Matched B", "Agree", "B-P"]
        } else {
            headers += twoCoders ? ["Units", "Both", "A only", "B only", "Neither"] : ["Units", "All", "None", "Some"]
            headers += ["Agree"]
            if twoCoders { headers += characters ? ["Kappa", "Kappa (len-wtd)"] : ["Kappa", "95% CI"] }
            headers += ["Fleiss", "Alpha", "AC1", "B-P"]
            if unit == "continuum" { headers += (twoCoders ? ["Seg. agree", "|uα 2004"] : []) + ["|uα 2016", "cuα"] }
        }
        var table = Tabular(headers: headers)
        for (index, row) in list.enumerated() {
            let fig = row.figures
            var cells = [row.code]
            if segments {
                let s = row.segments
                cells += [s.map { String($0.segmentsA) } ?? "", s.map { String($0.segmentsB) } ?? "",
                          s.map { String($0.matchedA) } ?? "", s.map { String($0.matchedB) } ?? "",
                          f(fig.percentAgreement), f(fig.brennanPrediger)]
            } else {
                let units = blank.contains(index) ? "" : String(row.units)
                if twoCoders {
                    cells += [units] + [row.both, row.onlyA, row.onlyB, row.neither].map { $0.map(String.init) ?? "" }
                } else {
                    let h = row.unitsCodedBy ?? []
                    let all = h.last ?? 0, none = h.first ?? 0
                    cells += [units] + (h.isEmpty ? ["", "", ""] : [String(all), String(none), String(row.units - all - none)])
                }
                cells.append(f(fig.percentAgreement))
                if twoCoders {
                    cells.append(f(fig.cohenKappa))
                    if characters {
                        cells.append(f(row.cohenKappaLengthWeighted))
                    } else {
                        cells.append(fig.cohenKappaCI.map { "[\(f($0[0])), \(f($0[1]))]" } ?? "")
                    }
                }
                cells += [f(fig.fleissKappa), f(fig.krippendorffAlpha), f(fig.gwetAC1), f(fig.brennanPrediger)]
                if unit == "continuum" {
                    if twoCoders {
                        let s = row.segments
                        let total = (s?.segmentsA ?? 0) + (s?.segmentsB ?? 0)
                        cells.append(total == 0 ? "—" : f(Double((s?.matchedA ?? 0) + (s?.matchedB ?? 0)) / Double(total)))
                        cells.append(f(row.unitizedAlpha))
                    }
                    cells.append(f(row.unitizedAlpha2016))
                    cells.append(f(row.codingAlpha))
                }
            }
            table.rows.append(cells)
        }
        return table
    }
}
