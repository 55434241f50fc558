/// Krippendorff's binary unitizing alpha `|uα` for one code: how reliably two coders cut
/// a continuum (a document) into coded sections ("units") and uncoded gaps, weighting each
/// disagreement by the lengths involved rather than counting characters.
///
/// Each coder's continuum of length `L` is a sequence of sections: units `w = 1` (the coder
/// applied the code) and gaps `w = 0`. For a pair of overlapping sections `g` of coder `i`
/// and `h` of coder `j`, with beginnings `b` and lengths `l`:
///
///     δ²(ig, jh) = (b_ig − b_jh)² + (b_ig + l_ig − b_jh − l_jh)²   both are units
///                = l²                                           one is a unit of length l
///                                                               lying inside the other, a gap
///                = 0                                            otherwise
///
///     uDo = Σ_i Σ_{j≠i} Σ_g Σ_h δ²(ig, jh) / (m (m − 1) L²)
///
///     uDe = (2 / L) Σ_units [ (N − 1)/3 · (2l³ − 3l² + l) + l² Σ_{gaps k: l_k ≥ l} (l_k − l + 1) ]
///           / ( mL (mL − 1) − Σ_units l (l − 1) )
///
///     |uα = 1 − uDo / uDe
///
/// with `m = 2` coders, `N` the number of units of both coders, and the inner sum running
/// over the gaps of both coders. The expected disagreement is that of all units and gaps
/// pooled and placed at every possible position.
///
/// Source: Krippendorff, K. (2004), *Content Analysis: An Introduction to Its Methodology*
/// (2nd ed.), ch. 12, unitizing reliability, which restates and corrects Krippendorff (1995),
/// "On the reliability of unitizing continuous data", *Sociological Methodology* 25, 47–76.
/// Verified by reproducing published numbers (see the tests): the 2004 worked example for
/// category c (L = 300: uDo = .0144, uDe = .0532, |uα = .7286; for category k
/// uDe = .0490, |uα = 1) and the observed disagreements of the 1995 examples A–D
/// (.03125, 2.26736, .02777, .38715). Only `uDo` is checked against 1995: its expected
/// disagreements come from an earlier form of `uDe`; we follow 2004. The formula above was
/// reconstructed and confirmed by reproducing those printed numbers; the book's equation
/// numbers were not available to us.
///
/// Not implemented: the coincidence-matrix redefinition of Krippendorff, Mathet, Bouvry &
/// Widlöcher (2016), "On the reliability of unitizing textual continua: Further
/// developments", *Quality & Quantity* 50 (and Krippendorff 2019, §12.6), which changes
/// `uDo` and `uDe` because the 2004 form "behaves not as expected" for more than two coders,
/// nor its `uα`, `cuα` and `(k)uα`. The values differ (for the 2004 example above the 2016
/// form gives about .516). Because the 2004 form is not endorsed for `m > 2`, this type
/// answers `.notTwoCoders` for any other number of coders.
///
/// Conventions here: a coder's overlapping spans (same code) are merged into one unit;
/// spans that merely touch stay separate units, as in Krippendorff's examples. Several
/// documents are pooled as one continuum of length `L = Σ L_d` whose sections never cross
/// a document boundary; for one document this is exactly the published formula. Undefined:
/// `.notTwoCoders`, `.emptyDocument` (`L = 0`), `.noSegments` (no unit at all),
/// `.noVariation` (`uDe = 0`). When both coders code the whole continuum with the same
/// boundaries, `uDo = 0 < uDe` and `|uα = 1`; with different boundaries it is defined too.
public struct UnitizedAlpha: Sendable, Equatable {
    /// One document as every coder unitized it for one code.
    public typealias Continuum = UnitizedContinuum<ContinuumSpan>

    /// Number of coders `m`.
    public let coders: Int
    /// Total length `L` of the continua.
    public let length: Int
    /// Number of units `N` of all coders (after merging each coder's overlapping spans).
    public let units: Int
    /// `uDo`; 0 when undefined.
    public let observedDisagreement: Double
    /// `uDe`; 0 when undefined.
    public let expectedDisagreement: Double

    /// `|uα = 1 − uDo / uDe`, or why it is undefined.
    public var alpha: Result<Double, AgreementUndefined> {
        guard coders == 2 else { return .failure(.notTwoCoders) }
        guard length > 0 else { return .failure(.emptyDocument) }
        guard units > 0 else { return .failure(.noSegments) }
        guard expectedDisagreement > 0 else { return .failure(.noVariation) }
        return .success(1 - observedDisagreement / expectedDisagreement)
    }

    /// `|uα` of one document.
    ///
    /// ```swift
    /// let a = [try ContinuumSpan(start: 0, end: 4)], b = [try ContinuumSpan(start: 2, end: 6)]
    /// try UnitizedAlpha.compute(length: 10, coders: [a, b]).alpha  // .success(26/115 ≈ 0.226)
    /// ```
    /// - Throws: `ContinuumSpanError.outsideDocument` when a span ends after the document.
    public static func compute(length: Int, coders: [[ContinuumSpan]], document: String = "") throws -> UnitizedAlpha {
        try compute([Continuum(length: length, coders: coders, document: document)])
    }

    /// `|uα` of several documents pooled into one continuum (sections never cross documents).
    ///
    /// - Throws: `ContinuumSpanError.outsideDocument` when a span ends after its document.
    /// - Complexity: O(s log s) for s spans and sections.
    public static func compute(_ continua: [Continuum]) throws -> UnitizedAlpha {
        let m = continua.map(\.coders.count).first(where: { $0 != 2 }) ?? 2
        let length = continua.reduce(0) { $0 + $1.length }
        for continuum in continua {
            if let bad = continuum.coders.joined().first(where: { $0.end > continuum.length }) {
                throw ContinuumSpanError.outsideDocument(document: continuum.document, end: bad.end, length: continuum.length)
            }
        }
        guard m == 2 else {
            return UnitizedAlpha(coders: m, length: length, units: 0, observedDisagreement: 0, expectedDisagreement: 0)
        }
        var unitLengths: [Double] = []
        var gapLengths: [Double] = []
        var pairSum = 0.0  // Σ δ² over unordered pairs of sections (i, j) = (A, B)
        for continuum in continua {
            let a = sections(continuum.coders[0], length: continuum.length)
            let b = sections(continuum.coders[1], length: continuum.length)
            for s in a + b {
                if s.isUnit { unitLengths.append(Double(s.length)) } else { gapLengths.append(Double(s.length)) }
            }
            pairSum += differenceSum(a, b)
        }
        let l = Double(length), mm = Double(m)
        let observed = length > 0 ? 2 * pairSum / (mm * (mm - 1) * l * l) : 0
        let expected = length > 0 ? expectedDisagreement(units: unitLengths, gaps: gapLengths, length: l, coders: mm) : 0
        return UnitizedAlpha(coders: m, length: length, units: unitLengths.count, observedDisagreement: observed,
                             expectedDisagreement: expected)
    }

    // MARK: Sections

    struct Section: Equatable {
        let start: Int
        let end: Int
        let isUnit: Bool
        var length: Int { end - start }
    }

    /// The partition of `0 ..< length` into units (overlapping spans merged, touching spans
    /// kept apart, empty spans dropped) and the gaps between them.
    static func sections(_ spans: [ContinuumSpan], length: Int) -> [Section] {
        var units: [(start: Int, end: Int)] = []
        for s in spans.sorted() where s.length > 0 {
            if let last = units.last, s.start < last.end {
                units[units.count - 1].end = max(last.end, s.end)
            } else {
                units.append((s.start, s.end))
            }
        }
        var out: [Section] = []
        var cursor = 0
        for u in units {
            if u.start > cursor { out.append(Section(start: cursor, end: u.start, isUnit: false)) }
            out.append(Section(start: u.start, end: u.end, isUnit: true))
            cursor = u.end
        }
        if cursor < length { out.append(Section(start: cursor, end: length, isUnit: false)) }
        return out
    }

    /// Σ δ² over every overlapping pair of a section of `a` and one of `b` (both partitions of
    /// the same document), by a merge of the two sorted lists.
    static func differenceSum(_ a: [Section], _ b: [Section]) -> Double {
        func squared(_ x: Int) -> Double { Double(x) * Double(x) }
        var i = 0, j = 0, total = 0.0
        while i < a.count && j < b.count {
            let x = a[i], y = b[j]
            if min(x.end, y.end) > max(x.start, y.start) {
                switch (x.isUnit, y.isUnit) {
                case (true, true):
                    total += squared(x.start - y.start) + squared(x.end - y.end)
                case (true, false):
                    if y.start <= x.start && x.end <= y.end { total += squared(x.length) }
                case (false, true):
                    if x.start <= y.start && y.end <= x.end { total += squared(y.length) }
                case (false, false):
                    break
                }
            }
            if x.end < y.end { i += 1 } else if y.end < x.end { j += 1 } else { i += 1; j += 1 }
        }
        return total
    }

    /// `uDe` from the pooled unit and gap lengths.
    static func expectedDisagreement(units: [Double], gaps: [Double], length l: Double, coders m: Double) -> Double {
        let n = Double(units.count)
        let sortedGaps = gaps.sorted()
        // suffix[k] = Σ sortedGaps[k...]
        var suffix = [Double](repeating: 0, count: sortedGaps.count + 1)
        for k in stride(from: sortedGaps.count - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] + sortedGaps[k] }
        var numerator = 0.0
        var selfPairs = 0.0
        for u in units {
            // First gap at least as long as the unit.
            var lo = 0, hi = sortedGaps.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sortedGaps[mid] < u { lo = mid + 1 } else { hi = mid }
            }
            let fits = suffix[lo] - Double(sortedGaps.count - lo) * (u - 1)  // Σ (l_k − l + 1)
            numerator += (n - 1) / 3 * (2 * u * u * u - 3 * u * u + u) + u * u * fits
            selfPairs += u * (u - 1)
        }
        let denominator = m * l * (m * l - 1) - selfPairs
        guard denominator > 0 else { return 0 }
        return 2 / l * numerator / denominator
    }
}
