import Foundation

/// Tail probabilities of the distributions the tests use, from the incomplete gamma and
/// beta functions and the C library's `erfc`.
public enum Distributions {
    /// P(X > x) for X chi-square with `df` degrees of freedom: Q(df/2, x/2).
    public static func chiSquareSurvival(_ x: Double, df: Double) -> Double {
        IncompleteGamma.upper(df / 2, x / 2)
    }

    /// P(|T| ≥ |t|) for T Student's t with `df` (possibly fractional) degrees of freedom:
    /// I_{df/(df+t²)}(df/2, 1/2).
    public static func studentTTwoSided(_ t: Double, df: Double) -> Double {
        guard !t.isNaN, !df.isNaN, df > 0 else { return .nan }
        if t.isInfinite { return 0 }
        let t2 = t * t
        return IncompleteBeta.regularized(a: df / 2, b: 0.5, x: df / (df + t2), y: t2 / (df + t2))
    }

    /// P(Z > z) for a standard normal Z: erfc(z/√2) / 2.
    public static func normalSurvival(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }

    /// P(Z ≤ z) for a standard normal Z.
    public static func normalCDF(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }
}
