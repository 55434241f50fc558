/// Character-level agreement of two coders on one code in one document, as NVivo's coding
/// comparison query computes it: every character is a unit that each coder either coded or
/// not (overlapping spans of one coder count once).
///
///     percent = (both + neither) / L
///     κ = (TA - ΣEF) / (L - ΣEF),  ΣEF = (A_coded · B_coded + A_uncoded · B_uncoded) / L
///
/// with `L` the document length and `TA = both + neither` (NVivo help, "How is the
/// percentage agreement calculated?" and "How is Cohen's kappa calculated?"). This is Cohen's
/// kappa on the 2 × 2 table of characters. Characters are not independent, so no standard
/// error is given. When neither coder's coding varies (e.g. both coded nothing) κ is 0/0 and
/// reported as `.chanceAgreementIsOne`, whatever NVivo displays.
public struct CharacterAgreement: Sendable, Equatable {
    /// Document length `L` in characters.
    public let length: Int
    public let both: Int
    public let onlyA: Int
    public let onlyB: Int
    public var neither: Int { length - both - onlyA - onlyB }

    /// `(both + neither) / L`; `.emptyDocument` when `L = 0`.
    public var percentAgreement: Result<Double, AgreementUndefined> {
        guard length > 0 else { return .failure(.emptyDocument) }
        return .success(Double(both + neither) / Double(length))
    }

    /// NVivo's kappa (= Cohen's kappa on the character 2 × 2 table).
    public var kappa: Result<Double, AgreementUndefined> {
        Self.kappa(both: Double(both), onlyA: Double(onlyA), onlyB: Double(onlyB), length: Double(length))
    }

    /// Krippendorff's alpha (nominal, two coders, no missing values) with each character as a
    /// unit coded 1 or 0.
    ///
    /// This is a character-level *binary alpha*, not Krippendorff's unitizing alphas
    /// (`|uα`, `cuα`, `Cuα`, Krippendorff et al. 2016), which weight disagreements by the
    /// lengths of whole segments; the values generally differ.
    public var characterAlpha: Result<Double, AgreementUndefined> {
        Self.alpha(both: Double(both), onlyA: Double(onlyA), onlyB: Double(onlyB), length: Double(length))
    }

    public init(length: Int, both: Int, onlyA: Int, onlyB: Int) {
        self.length = length
        self.both = both
        self.onlyA = onlyA
        self.onlyB = onlyB
    }

    /// Compares two coders' spans for one code in a document of `length` characters.
    ///
    /// ```swift
    /// let a = [try ContinuumSpan(start: 0, end: 150)], b = [try ContinuumSpan(start: 100, end: 200)]
    /// let c = try CharacterAgreement.compare(length: 1000, coderA: a, coderB: b)
    /// c.both  // 50; c.onlyA 100; c.onlyB 50; c.neither 800; percentAgreement 0.85
    /// ```
    /// - Throws: `ContinuumSpanError.outsideDocument` when a span ends after the document.
    /// - Complexity: O(s log s) for s spans.
    public static func compare(length: Int, coderA: [ContinuumSpan], coderB: [ContinuumSpan], document: String = "")
        throws -> CharacterAgreement
    {
        if let bad = (coderA + coderB).first(where: { $0.end > length }) {
            throw ContinuumSpanError.outsideDocument(document: document, end: bad.end, length: length)
        }
        let a = ContinuumSpan.union(coderA)
        let b = ContinuumSpan.union(coderB)
        let codedA = a.reduce(0) { $0 + $1.end - $1.start }
        let codedB = b.reduce(0) { $0 + $1.end - $1.start }
        let both = ContinuumSpan.intersectionLength(a, b)
        return CharacterAgreement(length: length, both: both, onlyA: codedA - both, onlyB: codedB - both)
    }

    /// Agreement over several documents.
    ///
    /// - `pooledKappa`: kappa on the summed character tables (every character of every
    ///   document one unit).
    /// - `lengthWeightedKappa`: mean of the per-document kappas weighted by document length,
    ///   over documents whose kappa is defined (how NVivo users usually average; NVivo itself
    ///   reports no overall value).
    public struct Overall: Sendable, Equatable {
        public let pooled: CharacterAgreement
        public let pooledKappa: Result<Double, AgreementUndefined>
        public let lengthWeightedKappa: Result<Double, AgreementUndefined>
        public let pooledPercentAgreement: Result<Double, AgreementUndefined>
        public let pooledCharacterAlpha: Result<Double, AgreementUndefined>
    }

    public static func overall(_ parts: [CharacterAgreement]) -> Overall {
        let pooled = CharacterAgreement(
            length: parts.reduce(0) { $0 + $1.length }, both: parts.reduce(0) { $0 + $1.both },
            onlyA: parts.reduce(0) { $0 + $1.onlyA }, onlyB: parts.reduce(0) { $0 + $1.onlyB })
        var weighted = 0.0
        var weight = 0.0
        for p in parts {
            if let k = p.kappa.value {
                weighted += k * Double(p.length)
                weight += Double(p.length)
            }
        }
        return Overall(
            pooled: pooled, pooledKappa: pooled.kappa,
            lengthWeightedKappa: weight > 0 ? .success(weighted / weight) : .failure(.chanceAgreementIsOne),
            pooledPercentAgreement: pooled.percentAgreement, pooledCharacterAlpha: pooled.characterAlpha)
    }

    static func kappa(both: Double, onlyA: Double, onlyB: Double, length: Double) -> Result<Double, AgreementUndefined> {
        guard length > 0 else { return .failure(.emptyDocument) }
        let neither = length - both - onlyA - onlyB
        let codedA = both + onlyA
        let codedB = both + onlyB
        let expected = (codedA * codedB + (length - codedA) * (length - codedB)) / length
        guard length - expected > 1e-9 else { return .failure(.chanceAgreementIsOne) }
        return .success((both + neither - expected) / (length - expected))
    }

    static func alpha(both: Double, onlyA: Double, onlyB: Double, length: Double) -> Result<Double, AgreementUndefined> {
        guard length > 0 else { return .failure(.emptyDocument) }
        let neither = length - both - onlyA - onlyB
        // Coincidences of a 2-coder, no-missing table: o_00 = 2·neither, o_11 = 2·both,
        // o_01 = o_10 = onlyA + onlyB.
        let o = CoincidenceMatrix(
            categoryCount: 2, values: [2 * neither, onlyA + onlyB, onlyA + onlyB, 2 * both],
            pairableUnits: Int(length))
        return KrippendorffAlpha.compute(o, level: .nominal).map(\.alpha)
    }
}
