/// A small, seedable, deterministic pseudo-random generator (SplitMix64, Steele, Lea &
/// Flood 2014, "Fast splittable pseudorandom number generators", OOPSLA).
///
/// Used for bootstrap confidence intervals so a seed reproduces the same interval on every
/// platform and Swift version: bounded draws use ``next(below:)`` (Lemire's
/// multiply-and-reject method, written here) rather than the standard library's
/// `random(in:using:)`, whose algorithm is not guaranteed to stay the same.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (`bound > 0`), without modulo bias.
    ///
    /// Lemire (2019), "Fast random integer generation in an interval", ACM TOMACS 29(1).
    public mutating func next(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }
}
