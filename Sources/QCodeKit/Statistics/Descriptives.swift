import Foundation

/// n, mean, standard deviation (n − 1 denominator) and median of a sample.
public struct Descriptives: Sendable, Equatable {
    public var n: Int
    /// nil when the sample is empty.
    public var mean: Double?
    /// The sample standard deviation, √(Σ (x − mean)² / (n − 1)); nil below two values.
    public var sd: Double?
    /// The middle value, or the mean of the two middle values; nil when empty.
    public var median: Double?

    public init(_ values: [Double]) {
        n = values.count
        mean = Self.mean(values)
        sd = Self.variance(values).map { $0.squareRoot() }
        median = Self.median(values)
    }

    /// The arithmetic mean, or nil for no values.
    public static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The sample variance (n − 1 denominator, two passes), or nil below two values.
    public static func variance(_ values: [Double]) -> Double? {
        guard values.count > 1, let mean = mean(values) else { return nil }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return squares / Double(values.count - 1)
    }

    /// The median, or nil for no values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
