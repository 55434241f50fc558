import Foundation

/// The regularised incomplete gamma functions P(a, x) = γ(a, x) / Γ(a) and
/// Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x), for a > 0 and x ≥ 0.
///
/// Below x = a + 1 the power series of P converges fast; above it, the continued fraction
/// of Q (modified Lentz). Each returns the smaller tail directly, so the result is accurate
/// to about 1e-14 relative, tails included (Press et al., *Numerical Recipes*, 3rd ed., §6.2;
/// the log-gamma is the C library's `lgamma`).
enum IncompleteGamma {
    /// Q(a, x), the upper tail: the survival function of a Gamma(a, 1) variable at x.
    static func upper(_ a: Double, _ x: Double) -> Double {
        guard a > 0, !x.isNaN, !a.isNaN else { return .nan }
        if x <= 0 { return 1 }
        if x.isInfinite { return 0 }
        return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x)
    }

    /// P(a, x), the lower tail.
    static func lower(_ a: Double, _ x: Double) -> Double {
        guard a > 0, !x.isNaN, !a.isNaN else { return .nan }
        if x <= 0 { return 0 }
        if x.isInfinite { return 1 }
        return x < a + 1 ? series(a, x) : 1 - continuedFraction(a, x)
    }

    /// x^a e^(−x) / Γ(a), the factor both expansions share.
    private static func front(_ a: Double, _ x: Double) -> Double {
        exp(a * log(x) - x - lgamma(a))
    }

    /// P(a, x) = x^a e^(−x) / Γ(a) · Σ xⁿ / (a (a+1) … (a+n)).
    private static func series(_ a: Double, _ x: Double) -> Double {
        var denominator = a
        var term = 1 / a
        var sum = term
        for _ in 0..<100_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) <= abs(sum) * Double.ulpOfOne { break }
        }
        return sum * front(a, x)
    }

    /// Q(a, x) = x^a e^(−x) / Γ(a) · 1 / (x + 1 − a − 1·(1 − a) / (x + 3 − a − …)).
    private static func continuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= Double.ulpOfOne { break }
        }
        return front(a, x) * h
    }
}
