/// Agreement weights for Cohen's (weighted) kappa, `w_ij` in 0...1 with `w_ii = 1`.
///
/// Category distances use positions in the table's category list (the declared list when
/// one is given, so unused declared categories widen the spacing; see
/// `psych::cohen.kappa`'s "missing categories" example).
public enum KappaWeights: Sendable, Equatable {
    /// `w_ij = 1` if `i == j`, else 0: plain Cohen's kappa.
    case unweighted
    /// `w_ij = 1 - |i - j| / (q - 1)` (Cicchetti & Allison 1971).
    case linear
    /// `w_ij = 1 - (i - j)² / (q - 1)²` (Fleiss & Cohen 1973).
    case quadratic
    /// Agreement weights given as a `q × q` matrix.
    case agreement([[Double]])
    /// Disagreement weights `v_ij` as in Cohen (1968), converted to `w = 1 - v / max(v)`;
    /// the kappa is the same as Cohen's `1 - Σ v p_o / Σ v p_e`.
    case disagreement([[Double]])

    /// Row-major `q × q` agreement weights, or nil when a given matrix is not `q × q`.
    public func matrix(categoryCount q: Int) -> [Double]? {
        var w = [Double](repeating: 0, count: q * q)
        switch self {
        case .unweighted:
            for i in 0..<q { w[i * q + i] = 1 }
        case .linear, .quadratic:
            for i in 0..<q {
                for j in 0..<q {
                    if q == 1 { w[0] = 1; continue }
                    let d = Double(abs(i - j)) / Double(q - 1)
                    w[i * q + j] = self == .linear ? 1 - d : 1 - d * d
                }
            }
        case .agreement(let m):
            guard m.count == q, m.allSatisfy({ $0.count == q }) else { return nil }
            w = m.flatMap { $0 }
        case .disagreement(let m):
            guard m.count == q, m.allSatisfy({ $0.count == q }) else { return nil }
            let v = m.flatMap { $0 }
            let top = v.max() ?? 0
            w = v.map { top > 0 ? 1 - $0 / top : 1 }
        }
        return w
    }
}
