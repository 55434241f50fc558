/// Krippendorff's binary unitizing alpha `|uα` for one code in its 2016 coincidence-matrix
/// form, for any number `m ≥ 2` of coders: how reliably the coders cut a continuum (a
/// document) into coded sections ("units") and uncoded gaps.
///
/// Each coder's continuum of length `L` is a sequence of sections of value `1` (a unit: the
/// coder applied the code) or `0` (a gap). Coincidences are lengths of overlap, over all
/// ordered pairs of different coders `i ≠ j` and their sections `g`, `h`:
///
///     o_ck = 1/(m − 1) · Σ_{i≠j} Σ_{g of i with value c} Σ_{h of j with value k} |g ∩ h|
///     l_c. = Σ_k o_ck,     l.. = Σ_c l_c. = mL
///     e_ck = l.. · (l_c. · l_.k − [c = k] · Σ_{sections s of value c} f(s)) / (l..² − Σ_s f(s))
///            with f(s) = l_s² for a unit and f(s) = l_s for a gap
///     Do = l.. − Σ_c o_cc,   De = l.. − Σ_c e_cc   (nominal δ: 0 on the diagonal, 1 off it)
///     |uα = 1 − Do / De
///
/// Units enter the expected coincidences as indivisible wholes (the `l²` term) while gaps
/// may be divided at every position (the `l` term). In the binary case Do = o₀₁ + o₁₀ and
/// De = e₀₁ + e₁₀ = 2 l.. l₀. l₁. / (l..² − Σ f), so `|uα` is defined exactly when somebody
/// coded something and not every position was coded by every coder. It does not depend on
/// where units begin and end except through the expected term, unlike the 2004 form.
///
/// Source: Krippendorff, K., Mathet, Y., Bouvry, S. & Widlöcher, A. (2016), "On the
/// reliability of unitizing textual continua: Further developments", *Quality & Quantity*
/// 50, 2347–2364 (restated in Krippendorff 2019, *Content Analysis* 4th ed., ch. 12). The
/// paper's equation numbers were not available to us, so none are cited. The family there
/// also has `uα` over several codes, `cuα` (coding of the units) and `(k)uα`; only `|uα`
/// is implemented here.
///
/// Checked against: the PyPI package `krippendorff-unitized-alpha` 0.1.0 (class
/// `KrippendorffUnitizedAlpha`, an independent implementation of the 2016 paper), fed one
/// tag plus explicit `_empty` gap segments built exactly as `sections` below builds them:
/// the hard-coded cases in `UnitizedAlpha2016Tests` (2, 3 and 5 coders, touching and
/// overlapping spans, pooled documents) agree to 1e-12, and a one-off run of this type on
/// 198 random continua (2–5 coders, L = 5–60) matched the package to 9e-16. For the 2004 textbook example (see `UnitizedAlpha`) it gives
/// .5163, not the 2004 form's .7286. The package itself does not compute `cuα`, which is
/// why `cuα` is not implemented.
///
/// Conventions shared with `UnitizedAlpha`: a coder's overlapping spans (same code) are
/// merged into one unit; spans that merely touch stay separate units (this matters only
/// for the `l²` term). Several documents are pooled as one continuum of length `L = Σ L_d`
/// whose sections never cross a document boundary. Undefined: `.noPairableUnits` (fewer
/// than two coders), `.emptyDocument` (`L = 0`), `.noSegments` (no unit at all),
/// `.noVariation` (`De = 0`: every coder coded every position).
public struct UnitizedAlpha2016: Sendable, Equatable {
    /// Number of coders `m`.
    public let coders: Int
    /// Total length `L` of the continua.
    public let length: Int
    /// Number of units of all coders (after merging each coder's overlapping spans).
    public let units: Int
    /// Observed coincidences `o_ck`, indexed `[c][k]` with 0 = gap, 1 = unit; zeros when
    /// fewer than two coders.
    public let observedCoincidences: [[Double]]
    /// Expected coincidences `e_ck`, indexed like `observedCoincidences`.
    public let expectedCoincidences: [[Double]]

    /// `Do / l..`, the observed share of mismatching coincidences; 0 when undefined.
    public var observedDisagreement: Double {
        let n = total
        return n > 0 ? (observedCoincidences[0][1] + observedCoincidences[1][0]) / n : 0
    }

    /// `De / l..`, the expected share of mismatching coincidences; 0 when undefined.
    public var expectedDisagreement: Double {
        let n = total
        return n > 0 ? (expectedCoincidences[0][1] + expectedCoincidences[1][0]) / n : 0
    }

    private var total: Double { observedCoincidences.joined().reduce(0, +) }

    /// `|uα = 1 − Do / De`, or why it is undefined.
    public var alpha: Result<Double, AgreementUndefined> {
        guard coders >= 2 else { return .failure(.noPairableUnits) }
        guard length > 0 else { return .failure(.emptyDocument) }
        guard units > 0 else { return .failure(.noSegments) }
        let expected = expectedDisagreement
        guard expected > 0 else { return .failure(.noVariation) }
        return .success(1 - observedDisagreement / expected)
    }

    /// `|uα` of one document.
    ///
    /// ```swift
    /// let a = [try ContinuumSpan(start: 0, end: 4)], b = [try ContinuumSpan(start: 2, end: 6)]
    /// try UnitizedAlpha2016.compute(length: 10, coders: [a, b]).alpha  // .success(31/120 ≈ 0.258)
    /// ```
    /// - Throws: `ContinuumSpanError.outsideDocument` when a span ends after the document.
    public static func compute(length: Int, coders: [[ContinuumSpan]], document: String = "") throws
        -> UnitizedAlpha2016
    {
        try compute([UnitizedAlpha.Continuum(length: length, coders: coders, document: document)])
    }

    /// `|uα` of several documents pooled into one continuum (sections never cross documents).
    /// `m` is the largest number of coders of any document; a document that lists fewer
    /// treats the missing coders as having coded nothing in it.
    ///
    /// - Throws: `ContinuumSpanError.outsideDocument` when a span ends after its document.
    /// - Complexity: O(s log s) for s spans.
    public static func compute(_ continua: [UnitizedAlpha.Continuum]) throws -> UnitizedAlpha2016 {
        for continuum in continua {
            if let bad = continuum.coders.joined().first(where: { $0.end > continuum.length }) {
                throw ContinuumSpanError.outsideDocument(
                    document: continuum.document, end: bad.end, length: continuum.length)
            }
        }
        let m = continua.map(\.coders.count).max() ?? 0
        let length = continua.reduce(0) { $0 + $1.length }
        let zero: [[Double]] = [[0, 0], [0, 0]]
        guard m >= 2, length > 0 else {
            return UnitizedAlpha2016(coders: m, length: length, units: 0, observedCoincidences: zero,
                                     expectedCoincidences: zero)
        }
        // Σ over positions of k(k − 1), k(m − k) and (m − k)(m − k − 1), k = coders coding it.
        var both = 0.0, mixed = 0.0, neither = 0.0
        var unitCount = 0
        var unitSelf = 0.0, gapSelf = 0.0  // Σ f(s) over units and over gaps
        let mm = Double(m)
        for continuum in continua {
            var events: [(offset: Int, delta: Int)] = []
            for c in 0..<m {
                let spans = c < continuum.coders.count ? continuum.coders[c] : []
                for s in UnitizedAlpha.sections(spans, length: continuum.length) {
                    let l = Double(s.length)
                    if s.isUnit {
                        unitCount += 1
                        unitSelf += l * l
                        events.append((s.start, 1))
                        events.append((s.end, -1))
                    } else {
                        gapSelf += l
                    }
                }
            }
            events.sort { $0.offset < $1.offset }
            var k = 0, cursor = 0, e = 0
            func add(_ stretch: Int) {
                guard stretch > 0 else { return }
                let w = Double(stretch), kk = Double(k)
                both += w * kk * (kk - 1)
                mixed += w * kk * (mm - kk)
                neither += w * (mm - kk) * (mm - kk - 1)
            }
            while e < events.count {
                let offset = events[e].offset
                add(offset - cursor)
                cursor = offset
                while e < events.count && events[e].offset == offset { k += events[e].delta; e += 1 }
            }
            add(continuum.length - cursor)
        }
        let selfTerm = unitSelf + gapSelf
        let o11 = both / (mm - 1), o01 = mixed / (mm - 1), o00 = neither / (mm - 1)
        let observed = [[o00, o01], [o01, o11]]
        let n = o00 + 2 * o01 + o11
        let l0 = o00 + o01, l1 = o01 + o11
        let denominator = n * n - selfTerm
        let expected: [[Double]] =
            denominator > 0
            ? [[n * (l0 * l0 - gapSelf) / denominator, n * l0 * l1 / denominator],
               [n * l0 * l1 / denominator, n * (l1 * l1 - unitSelf) / denominator]]
            : zero
        return UnitizedAlpha2016(coders: m, length: length, units: unitCount, observedCoincidences: observed,
                                 expectedCoincidences: expected)
    }
}
