/// Krippendorff's coincidence matrix: `o_ck` = number of ordered (c, k) value pairs within
/// units, each unit's pairs weighted by `1 / (m_u - 1)` where `m_u` is its number of values.
/// Units with fewer than two values are not pairable and are left out.
///
/// Source: Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", sections B–C.
///
/// - Complexity: O(units × distinct values per unit²) to build.
public struct CoincidenceMatrix: Sendable, Equatable {
    public let categoryCount: Int
    /// Row-major `q × q`, symmetric.
    public let values: [Double]
    /// Number of units with at least two values.
    public let pairableUnits: Int

    public func value(_ c: Int, _ k: Int) -> Double { values[c * categoryCount + k] }

    /// Marginals `n_c = Σ_k o_ck`.
    public var marginals: [Double] {
        let q = categoryCount
        return (0..<q).map { c in (0..<q).reduce(0) { $0 + values[c * q + $1] } }
    }

    /// Total number of pairable values `n = Σ_c n_c`.
    public var total: Double { values.reduce(0, +) }

    public init(_ counts: CategoryCounts) {
        let q = counts.categoryCount
        var o = [Double](repeating: 0, count: q * q)
        var pairable = 0
        counts.forEachUnit { m, entries in
            guard m >= 2 else { return }
            pairable += 1
            Self.add(unit: entries, m: m, counts: counts, into: &o, q: q, times: 1)
        }
        self.categoryCount = q
        self.values = o
        self.pairableUnits = pairable
    }

    init(categoryCount: Int, values: [Double], pairableUnits: Int) {
        self.categoryCount = categoryCount
        self.values = values
        self.pairableUnits = pairableUnits
    }

    /// Adds one unit's coincidences (`times` copies of it) to `o`.
    @inline(__always)
    static func add(
        unit entries: Range<Int>, m: Int, counts: CategoryCounts, into o: inout [Double], q: Int, times: Double
    ) {
        let scale = times / Double(m - 1)
        for a in entries {
            let c = Int(counts.category[a])
            let rc = Double(counts.count[a])
            for b in entries {
                let k = Int(counts.category[b])
                let rk = Double(counts.count[b])
                o[c * q + k] += (a == b ? rc * (rc - 1) : rc * rk) * scale
            }
        }
    }
}
