import Foundation

/// Adjustment of a family of p-values for multiple comparisons.
public enum PValueAdjustment: String, Sendable, CaseIterable, Codable {
    /// Holm's step-down method (family-wise error rate), as statsmodels' `multipletests(...,
    /// method="holm")`: with p sorted ascending, p̃₍ᵢ₎ = max over j ≤ i of (m − j + 1) p₍ⱼ₎, at most 1.
    case holm
    /// Benjamini–Hochberg (false discovery rate), as `scipy.stats.false_discovery_control(...,
    /// method="bh")`: p̃₍ᵢ₎ = min over j ≥ i of m p₍ⱼ₎ / j, at most 1.
    case bh

    /// The adjusted p-values, in the order given. nil entries (tests that could not be run)
    /// stay nil and do not count in the family size m.
    public func adjust(_ values: [Double?]) -> [Double?] {
        let present = values.indices.compactMap { index in values[index].map { (index, $0) } }
            .sorted { $0.1 < $1.1 }
        let m = Double(present.count)
        var adjusted = [Double?](repeating: nil, count: values.count)
        switch self {
        case .holm:
            var running = 0.0
            for (rank, (index, p)) in present.enumerated() {
                running = max(running, min(1, (m - Double(rank)) * p))
                adjusted[index] = running
            }
        case .bh:
            var running = 1.0
            for (rank, (index, p)) in present.enumerated().reversed() {
                running = min(running, m * p / Double(rank + 1))
                adjusted[index] = running
            }
        }
        return adjusted
    }
}
