/// Krippendorff's unitizing alphas for a set of mutually exclusive codes (a "semantic domain",
/// for example the subcodes of one theme), in the 2016 coincidence-matrix form, for any number
/// `m ≥ 2` of coders:
///
/// - `uα`: agreement on where the coded stretches are *and* which code each got;
/// - `|uα` (alpha-binary): agreement on coded versus uncoded only, all codes collapsed;
/// - `cuα`: agreement on which code was applied, only where two coders both coded something.
///
/// Each coder's continuum of length `L` is a sequence of sections, each either a gap `φ` or a
/// unit with one value `c` (a code of the domain). Coincidences are lengths of overlap over all
/// ordered pairs of different coders `i ≠ j` and their sections `g`, `h`:
///
///     l_ck = 1/(m − 1) · Σ_{i≠j} Σ_{g of i with value c} Σ_{h of j with value k} |g ∩ h|
///     e_ck = l.. · (l_c. l_.k − [c = k] F_c) / (l..² − Σ_c F_c)
///            F_c = Σ_{sections s of value c} f(s),  f(s) = l_s² for a unit, l_s for a gap
///     uα   = 1 − (l.. − Σ_c l_cc) / (l.. − Σ_c e_cc)                         (nominal δ)
///
/// `|uα` is the same with every value other than `φ` merged into one (coincidences and
/// expected coincidences summed), which for a single code is ``UnitizedAlpha2016``.
/// `cuα` keeps only the coincidences between values (`c, k ≠ φ`), so gaps play no part:
///
///     l*_ck = l_ck for c, k ≠ φ,     l*.. = Σ l*_ck
///     e*_ck = l*.. · (l*_c. l*_.k − [c = k] F*_c) / (l*..² − Σ_c F*_c)
///            F*_c = Σ_{units s of value c} q(s)²,
///            q(s) = Σ_{positions x of s} (other coders who coded x, with any value) / (m − 1)
///     cuα  = 1 − (l*.. − Σ l*_cc) / (l*.. − Σ e*_cc)
///
/// `q(s)` is the part of unit `s` that can be paired, counted as the coincidences count it, so
/// that `Σ_s q(s) = l*..` just as `Σ_s l_s = l..` for `uα`. For two coders it is simply the
/// length of `s` that the other coder also coded. For more coders this weighting is our
/// reading: the R package below uses the unweighted pairable length, which can make the
/// denominator negative and `cuα` exceed 1 when not every other coder coded the stretch.
///
/// Sources: Krippendorff, K., Mathet, Y., Bouvry, S. & Widlöcher, A. (2016), "On the
/// reliability of unitizing textual continua: Further developments", *Quality & Quantity* 50,
/// 2347–2364; Krippendorff (2019), *Content Analysis* 4th ed., §12.6 (eqs. 32–37 there, as
/// cited by the R package below; we have not seen the book's pages). ATLAS.ti calls these
/// alpha-binary, cu-alpha and, for the themes of a whole codebook taken as the values,
/// Cu-alpha.
///
/// Checked against: `uα` and `|uα` against the PyPI package `krippendorff-unitized-alpha`
/// 0.1.0 (its `KrippendorffUnitizedAlpha` is `uα` with explicit `_empty` gap segments), and all
/// three against `reliability_alpha_u` of the R package quallmer (an independent
/// implementation of Krippendorff 2019 §12.6, run once outside this project): `cuα` agrees
/// with it for two coders, and for more coders wherever every unit's pairable part was coded
/// by all other coders; the cases are in `UnitizedAlphaFamilyTests`.
///
/// Conventions: a coder's overlapping spans of the same value are merged into one unit; spans
/// that merely touch stay separate units. Several documents are pooled into one continuum whose
/// sections never cross a document boundary; a document that lists fewer coders treats the
/// missing ones as having coded nothing. Codes of a domain must be mutually exclusive (as
/// ATLAS.ti also requires): when one coder gave two values to the same stretch, every alpha
/// is `.overlappingValues`. Otherwise undefined: `.noPairableUnits` (fewer than two coders;
/// for `cuα` also when no stretch is coded by two coders), `.emptyDocument` (`L = 0`),
/// `.noSegments` (no unit at all), `.noVariation` (expected disagreement 0: for `uα` and
/// `|uα` every position coded alike by everyone, for `cuα` only one value where coders meet).
public struct UnitizedAlphaFamily: Sendable, Equatable {
    /// A coded stretch with its value: offsets `start ..< end` (code point offsets, as
    /// everywhere in qcode) and `value` in `0 ..< values`.
    public struct ValuedSpan: Sendable, Hashable {
        public let start: Int
        public let end: Int
        public let value: Int

        /// - Throws: `ContinuumSpanError.invalid` unless `0 <= start <= end`.
        public init(start: Int, end: Int, value: Int) throws {
            guard start >= 0, start <= end else { throw ContinuumSpanError.invalid(start: start, end: end) }
            self.start = start
            self.end = end
            self.value = value
        }
    }

    /// One document as every coder unitized it.
    public typealias Continuum = UnitizedContinuum<ValuedSpan>

    /// Number of coders `m`.
    public let coders: Int
    /// Number of values (codes) `V`.
    public let values: Int
    /// Total length `L` of the continua.
    public let length: Int
    /// Number of units of all coders (after merging each coder's overlapping same-value spans).
    public let units: Int
    /// Observed coincidences `l_ck`, `(V + 1) × (V + 1)`, index 0 = gap `φ`, value `c` at `c + 1`.
    public let observedCoincidences: [[Double]]
    /// Expected coincidences `e_ck`, indexed like `observedCoincidences`.
    public let expectedCoincidences: [[Double]]
    /// Expected coincidences among values `e*_ck`, `V × V`.
    public let expectedCodingCoincidences: [[Double]]
    /// Set when a coder gave two values to the same stretch; every alpha is then undefined.
    public let overlap: Overlap?

    /// Where a coder gave two values to the same stretch (the first such place).
    public struct Overlap: Sendable, Equatable {
        public let document: String
        public let coder: Int
        public let offset: Int
    }

    /// `uα` over all values and gaps, or why it is undefined.
    public var alpha: Result<Double, AgreementUndefined> {
        if let failure = precondition() { return .failure(failure) }
        let all = observedCoincidences.indices
        return Self.nominalAlpha(observed: observedCoincidences, expected: expectedCoincidences, cells: all)
    }

    /// `|uα`: coded versus uncoded, every value merged into one.
    public var binaryAlpha: Result<Double, AgreementUndefined> {
        if let failure = precondition() { return .failure(failure) }
        func collapse(_ x: [[Double]]) -> [[Double]] {
            var out: [[Double]] = [[0, 0], [0, 0]]
            for c in x.indices { for k in x.indices { out[min(c, 1)][min(k, 1)] += x[c][k] } }
            return out
        }
        return Self.nominalAlpha(observed: collapse(observedCoincidences), expected: collapse(expectedCoincidences),
                                 cells: 0..<2)
    }

    /// `cuα`: agreement on the values where coders' units meet, gaps left out.
    public var codingAlpha: Result<Double, AgreementUndefined> {
        if let failure = precondition() { return .failure(failure) }
        let observed = observedCoincidences.dropFirst().map { Array($0.dropFirst()) }
        guard observed.joined().reduce(0, +) > 0 else { return .failure(.noPairableUnits) }
        return Self.nominalAlpha(observed: observed, expected: expectedCodingCoincidences, cells: observed.indices)
    }

    private func precondition() -> AgreementUndefined? {
        if overlap != nil { return .overlappingValues }
        if coders < 2 { return .noPairableUnits }
        if length == 0 { return .emptyDocument }
        if units == 0 { return .noSegments }
        return nil
    }

    private static func nominalAlpha(observed: [[Double]], expected: [[Double]], cells: Range<Int>)
        -> Result<Double, AgreementUndefined>
    {
        var total = 0.0, observedAgreement = 0.0, expectedAgreement = 0.0
        for c in cells {
            total += observed[c].reduce(0, +)
            observedAgreement += observed[c][c]
            expectedAgreement += expected[c][c]
        }
        let expectedDisagreement = total - expectedAgreement
        // Relative tolerance: e_cc sums can miss l.. by rounding when every coder agrees.
        guard expectedDisagreement > 1e-12 * max(total, 1) else { return .failure(.noVariation) }
        return .success(1 - (total - observedAgreement) / expectedDisagreement)
    }
}

extension UnitizedAlphaFamily {
    /// The family for one document.
    ///
    /// ```swift
    /// let a = [try ValuedSpan(start: 0, end: 4, value: 0), try ValuedSpan(start: 6, end: 9, value: 1)]
    /// let b = [try ValuedSpan(start: 0, end: 5, value: 0), try ValuedSpan(start: 6, end: 9, value: 0)]
    /// let family = try UnitizedAlphaFamily.compute(length: 10, values: 2, coders: [a, b])
    /// family.codingAlpha  // agreement on the codes where both coded
    /// ```
    /// - Throws: `ContinuumSpanError.outsideDocument` when a span ends after the document;
    ///   `ContinuumSpanError.invalidValue` when a value is outside `0 ..< values`.
    public static func compute(length: Int, values: Int, coders: [[ValuedSpan]], document: String = "") throws
        -> UnitizedAlphaFamily
    {
        try compute([Continuum(length: length, coders: coders, document: document)], values: values)
    }

    /// The family for several documents pooled into one continuum.
    ///
    /// - Throws: as `compute(length:values:coders:document:)`.
    /// - Complexity: O(s log s + b · m) for s spans and b distinct section boundaries.
    public static func compute(_ continua: [Continuum], values: Int) throws -> UnitizedAlphaFamily {
        for continuum in continua {
            for span in continuum.coders.joined() {
                if span.end > continuum.length {
                    throw ContinuumSpanError.outsideDocument(
                        document: continuum.document, end: span.end, length: continuum.length)
                }
                if span.value < 0 || span.value >= values {
                    throw ContinuumSpanError.invalidValue(span.value, values: values)
                }
            }
        }
        var tally = CoincidenceTally(coders: continua.map(\.coders.count).max() ?? 0, values: values)
        for continuum in continua {
            if let overlap = tally.add(continuum) {
                return UnitizedAlphaFamily(tally: tally, overlap: overlap)
            }
        }
        return UnitizedAlphaFamily(tally: tally, overlap: nil)
    }

    private init(tally: CoincidenceTally, overlap: Overlap?) {
        coders = tally.coders
        values = tally.values
        length = tally.length
        units = tally.units
        self.overlap = overlap
        let size = tally.values + 1
        let scale = tally.coders > 1 ? 1 / Double(tally.coders - 1) : 0
        let observed = (0..<size).map { c in (0..<size).map { k in tally.pairs[c * size + k] * scale } }
        observedCoincidences = observed
        expectedCoincidences = Self.expected(observed, selfTerms: tally.selfTerms)
        let coding = observed.dropFirst().map { Array($0.dropFirst()) }
        expectedCodingCoincidences = Self.expected(coding, selfTerms: tally.pairableSelfTerms)
    }

    /// `e_ck = n · (n_c n_k − [c = k] F_c) / (n² − Σ F)`, zeros when the denominator is not positive.
    private static func expected(_ observed: [[Double]], selfTerms: [Double]) -> [[Double]] {
        let marginals = observed.map { $0.reduce(0, +) }
        let n = marginals.reduce(0, +)
        let denominator = n * n - selfTerms.reduce(0, +)
        return observed.indices.map { c in
            observed.indices.map { k in
                guard denominator > 0 else { return 0 }
                return n * (marginals[c] * marginals[k] - (c == k ? selfTerms[c] : 0)) / denominator
            }
        }
    }
}

/// Sweeps documents section boundary by section boundary, counting coincidences and the
/// self-pairing terms of `UnitizedAlphaFamily`.
private struct CoincidenceTally {
    let coders: Int
    let values: Int
    var length = 0
    var units = 0
    /// Ordered pairs of different coders × overlap length, `(V + 1)²`, index 0 = gap.
    var pairs: [Double]
    /// `F_c`: Σ l² over units of value c (index c + 1), Σ l over gaps (index 0).
    var selfTerms: [Double]
    /// `F*_c`: Σ q(s)² over units of value c, `V` entries.
    var pairableSelfTerms: [Double]

    init(coders: Int, values: Int) {
        self.coders = coders
        self.values = values
        pairs = Array(repeating: 0, count: (values + 1) * (values + 1))
        selfTerms = Array(repeating: 0, count: values + 1)
        pairableSelfTerms = Array(repeating: 0, count: values)
    }

    private struct Section {
        let start: Int
        let end: Int
        /// 0 = gap, otherwise value + 1.
        let cell: Int
    }

    /// Adds one document; returns where a coder gave two values to the same stretch, if so.
    mutating func add(_ continuum: UnitizedAlphaFamily.Continuum) -> UnitizedAlphaFamily.Overlap? {
        length += continuum.length
        guard continuum.length > 0 else { return nil }
        var partitions: [[Section]] = []
        for c in 0..<coders {
            let spans = c < continuum.coders.count ? continuum.coders[c] : []
            switch Self.partition(spans, length: continuum.length) {
            case .success(let sections): partitions.append(sections)
            case .failure(let overlap):
                return UnitizedAlphaFamily.Overlap(document: continuum.document, coder: c, offset: overlap.offset)
            }
        }
        for sections in partitions {
            for s in sections {
                let l = Double(s.end - s.start)
                if s.cell == 0 {
                    selfTerms[0] += l
                } else {
                    units += 1
                    selfTerms[s.cell] += l * l
                }
            }
        }
        guard coders >= 2 else { return nil }
        sweep(partitions, length: continuum.length)
        return nil
    }

    /// Walks every stretch between consecutive boundaries of any coder's sections.
    private mutating func sweep(_ partitions: [[Section]], length: Int) {
        let size = values + 1
        var index = [Int](repeating: 0, count: coders)
        var pairable = [Double](repeating: 0, count: coders)  // q(s) × (m − 1) of each coder's current section
        var counts = [Int](repeating: 0, count: size)
        var present: [Int] = []
        var cursor = 0
        while cursor < length {
            var next = length
            for c in 0..<coders { next = min(next, partitions[c][index[c]].end) }
            let w = Double(next - cursor)
            present.removeAll(keepingCapacity: true)
            var coding = 0
            for c in 0..<coders {
                let cell = partitions[c][index[c]].cell
                if counts[cell] == 0 { present.append(cell) }
                counts[cell] += 1
                if cell != 0 { coding += 1 }
            }
            for c in present {
                let nc = Double(counts[c])
                for k in present {
                    pairs[c * size + k] += w * (c == k ? nc * (nc - 1) : nc * Double(counts[k]))
                }
            }
            for c in present { counts[c] = 0 }
            for c in 0..<coders {
                let section = partitions[c][index[c]]
                if section.cell != 0 { pairable[c] += w * Double(coding - 1) }
                if section.end == next {
                    if section.cell != 0 {
                        let q = pairable[c] / Double(coders - 1)
                        pairableSelfTerms[section.cell - 1] += q * q
                    }
                    pairable[c] = 0
                    index[c] += 1
                }
            }
            cursor = next
        }
    }

    /// Gaps and units covering `0 ..< length`, or the offset where two values overlap.
    private static func partition(_ spans: [UnitizedAlphaFamily.ValuedSpan], length: Int) -> Result<[Section], OverlapAt> {
        let sorted = spans.filter { $0.end > $0.start }.sorted { ($0.start, $0.end, $0.value) < ($1.start, $1.end, $1.value) }
        var units: [Section] = []
        for s in sorted {
            if let last = units.last, s.start < last.end {
                guard last.cell == s.value + 1 else { return .failure(OverlapAt(offset: s.start)) }
                units[units.count - 1] = Section(start: last.start, end: max(last.end, s.end), cell: last.cell)
            } else {
                units.append(Section(start: s.start, end: s.end, cell: s.value + 1))
            }
        }
        var out: [Section] = []
        var cursor = 0
        for u in units {
            if u.start > cursor { out.append(Section(start: cursor, end: u.start, cell: 0)) }
            out.append(u)
            cursor = u.end
        }
        if cursor < length { out.append(Section(start: cursor, end: length, cell: 0)) }
        return .success(out)
    }

    private struct OverlapAt: Error { let offset: Int }
}
