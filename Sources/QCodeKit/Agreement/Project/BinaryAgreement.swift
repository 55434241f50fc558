/// Agreement on one yes/no decision — "is this code applied to this unit?" — made by `m`
/// coders for each of `n` units, with no missing decisions.
///
/// Every coefficient here is the general one of `Agreement/` applied to the two categories
/// *absent* (0) and *present* (1), so `q = 2`. They depend on the data only through how many
/// units were coded by exactly `j` coders (`unitsByCount[j]`, `j = 0...m`), so millions of
/// units (every character of a corpus) cost O(m) to summarise. With `h_j` units coded by `j`
/// coders:
///
///     p_a = Σ_j h_j [j(j-1) + (m-j)(m-j-1)] / (n m (m-1))        (percent agreement)
///     π_1 = Σ_j h_j j / (n m),  π_0 = 1 - π_1
///     Fleiss:            p_e = π_0² + π_1²
///     Gwet's AC1:        p_e = 2 π_0 π_1                         (Σ_k π_k (1-π_k) / (q-1))
///     Brennan-Prediger:  p_e = 1/2
///     coefficient = (p_a - p_e) / (1 - p_e)
///
/// Krippendorff's alpha (nominal) uses the coincidences `o_11 = Σ h_j j(j-1)/(m-1)`,
/// `o_00 = Σ h_j (m-j)(m-j-1)/(m-1)`, `o_01 = o_10 = Σ h_j j(m-j)/(m-1)`. Standard errors
/// of the Fleiss, AC1 and Brennan-Prediger values are Gwet's, as in `GwetGeneralisation`.
/// With two coders, Cohen's kappa (with the Fleiss-Cohen-Everitt standard error) comes from
/// the 2 × 2 table `pair`.
///
/// Tests check every value against `AgreementSummary` on the same data expanded unit by unit.
public struct BinaryAgreement: Sendable, Equatable {
    /// The two-coder 2 × 2 table.
    public struct PairCounts: Sendable, Equatable, Codable {
        public var both = 0
        public var onlyA = 0
        public var onlyB = 0
        public var neither = 0

        public init(both: Int = 0, onlyA: Int = 0, onlyB: Int = 0, neither: Int = 0) {
            self.both = both
            self.onlyA = onlyA
            self.onlyB = onlyB
            self.neither = neither
        }
    }

    /// Number of coders `m` (at least 2).
    public let coders: Int
    /// `unitsByCount[j]`: units that exactly `j` coders coded, `j = 0...coders`.
    public private(set) var unitsByCount: [Int]
    /// The 2 × 2 table when there are exactly two coders.
    public private(set) var pair: PairCounts?

    /// Number of units `n`.
    public var units: Int { unitsByCount.reduce(0, +) }

    /// An empty tally for `coders` coders.
    public init(coders: Int) {
        precondition(coders >= 2, "agreement needs at least two coders")
        self.coders = coders
        unitsByCount = [Int](repeating: 0, count: coders + 1)
        pair = coders == 2 ? PairCounts() : nil
    }

    /// The tally for two coders' 2 × 2 table.
    public init(both: Int, onlyA: Int, onlyB: Int, neither: Int) {
        self.init(coders: 2)
        add(both: both, onlyA: onlyA, onlyB: onlyB, neither: neither)
    }

    /// The tally for `m = unitsByCount.count - 1` coders (no Cohen's kappa unless `m = 2`,
    /// and then only through ``init(both:onlyA:onlyB:neither:)``).
    public init(unitsByCount: [Int]) {
        self.init(coders: unitsByCount.count - 1)
        self.unitsByCount = unitsByCount
        pair = nil
    }

    /// Adds units to a two-coder tally.
    public mutating func add(both: Int, onlyA: Int, onlyB: Int, neither: Int) {
        precondition(coders == 2)
        unitsByCount[0] += neither
        unitsByCount[1] += onlyA + onlyB
        unitsByCount[2] += both
        pair?.both += both
        pair?.onlyA += onlyA
        pair?.onlyB += onlyB
        pair?.neither += neither
    }

    /// Adds `count` units that exactly `coded` coders coded (for three or more coders).
    public mutating func add(units count: Int, codedBy coded: Int) {
        unitsByCount[coded] += count
        if coders == 2 { pair = nil }
    }

    /// Sums tallies of the same coders (pooling code × unit decisions).
    public static func + (a: BinaryAgreement, b: BinaryAgreement) -> BinaryAgreement {
        precondition(a.coders == b.coders)
        var sum = a
        for j in sum.unitsByCount.indices { sum.unitsByCount[j] += b.unitsByCount[j] }
        if let p = a.pair, let q = b.pair {
            sum.pair = PairCounts(both: p.both + q.both, onlyA: p.onlyA + q.onlyA, onlyB: p.onlyB + q.onlyB,
                                  neither: p.neither + q.neither)
        } else {
            sum.pair = nil
        }
        return sum
    }

    // MARK: Statistics

    /// Share of agreeing coder pairs per unit, averaged over units.
    public var percentAgreement: Result<Double, AgreementUndefined> {
        guard units > 0 else { return .failure(.noPairableUnits) }
        return .success(observedAgreement)
    }

    /// Cohen's kappa (two coders only).
    public var cohenKappa: Result<CohenKappa, AgreementUndefined> {
        guard let p = pair else { return .failure(.notTwoCoders) }
        // Rows: coder A absent / present; columns: coder B absent / present.
        guard let table = try? ContingencyTable(counts: [[Double(p.neither), Double(p.onlyB)],
                                                         [Double(p.onlyA), Double(p.both)]]) else {
            return .failure(.noPairableUnits)
        }
        return CohenKappa.compute(table)
    }

    public var fleissKappa: Result<AgreementCoefficient, AgreementUndefined> { coefficient(.fleiss) }
    public var gwetAC1: Result<AgreementCoefficient, AgreementUndefined> { coefficient(.gwet) }
    public var brennanPrediger: Result<AgreementCoefficient, AgreementUndefined> { coefficient(.uniform) }

    /// Krippendorff's alpha, nominal level, with present/absent as the two values.
    public var krippendorffAlpha: Result<Double, AgreementUndefined> {
        guard units > 0 else { return .failure(.noPairableUnits) }
        let m = Double(coders)
        var o00 = 0.0, o01 = 0.0, o11 = 0.0
        for (j, h) in unitsByCount.enumerated() where h > 0 {
            let present = Double(j), absent = m - Double(j), weight = Double(h) / (m - 1)
            o11 += weight * present * (present - 1)
            o00 += weight * absent * (absent - 1)
            o01 += weight * present * absent
        }
        let matrix = CoincidenceMatrix(categoryCount: 2, values: [o00, o01, o01, o11], pairableUnits: units)
        return KrippendorffAlpha.compute(matrix, level: .nominal).map(\.alpha)
    }

    // MARK: Gwet's family

    private var observedAgreement: Double {
        var sum = 0.0
        for (j, h) in unitsByCount.enumerated() where h > 0 { sum += Double(h) * unitAgreement(j) }
        return sum / Double(units)
    }

    /// Agreeing ordered pairs in a unit coded by `j` of the `m` coders.
    private func unitAgreement(_ j: Int) -> Double {
        let m = Double(coders), x = Double(j)
        return (x * (x - 1) + (m - x) * (m - x - 1)) / (m * (m - 1))
    }

    private func coefficient(_ chance: GwetGeneralisation.Chance) -> Result<AgreementCoefficient, AgreementUndefined> {
        let n = units
        guard n > 0 else { return .failure(.noPairableUnits) }
        let m = Double(coders)
        var pi1 = 0.0
        for (j, h) in unitsByCount.enumerated() { pi1 += Double(h) * Double(j) / m }
        pi1 /= Double(n)
        let pi0 = 1 - pi1
        let pa = observedAgreement
        let pe: Double
        switch chance {
        case .fleiss: pe = pi0 * pi0 + pi1 * pi1
        case .gwet: pe = 2 * pi0 * pi1
        case .uniform: pe = 0.5
        }
        guard 1 - pe > 1e-12 else { return .failure(.chanceAgreementIsOne) }
        let value = (pa - pe) / (1 - pe)
        var se: Double?
        if n >= 2 {
            var sum = 0.0
            for (j, h) in unitsByCount.enumerated() where h > 0 {
                let x = Double(j)
                let kappaI = (unitAgreement(j) - pe) / (1 - pe)
                let peI: Double
                switch chance {
                case .fleiss: peI = (x * pi1 + (m - x) * pi0) / m
                case .gwet: peI = (x * (1 - pi1) + (m - x) * (1 - pi0)) / m
                case .uniform: peI = pe
                }
                let star = kappaI - 2 * (1 - value) * (peI - pe) / (1 - pe)
                sum += Double(h) * (star - value) * (star - value)
            }
            se = (sum / Double(n) / Double(n - 1)).squareRoot()
        }
        return .success(AgreementCoefficient(value: value, observedAgreement: pa, chanceAgreement: pe, standardError: se))
    }
}
