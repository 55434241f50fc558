/// The measurement level of a variable, which selects Krippendorff's difference function.
///
/// - `nominal`: categories are only equal or different.
/// - `ordinal`: categories are ranked in the table's category order; the distance between two
///   ranks depends on how many values fall between them (Krippendorff 2011, section E).
/// - `interval`: category labels are numbers; distance is the squared difference.
/// - `ratio`: category labels are numbers with a true zero; distance is
///   `((c - k) / (c + k))²`.
public enum MeasurementLevel: String, Sendable, Codable, CaseIterable {
    case nominal
    case ordinal
    case interval
    case ratio

    /// Whether the level needs numeric category labels.
    public var needsNumbers: Bool { self == .interval || self == .ratio }
}
