import Foundation

/// The ratings calculator: agreement statistics for a long CSV of `unit,coder,value` rows,
/// independent of any qcode project.
///
/// ```swift
/// let csv = Data("unit,coder,value\n1,A,yes\n1,B,yes\n2,A,no\n2,B,yes\n".utf8)
/// let s = try RatingsCalculator.summary(csv: csv, level: .nominal, categories: nil)
/// s.percentAgreement  // 0.5
/// print(s.renderTable())
/// ```
public enum RatingsCalculator {
    /// Reads ratings CSV (see `table(csv:categories:)`) and computes every statistic.
    ///
    /// - Parameters:
    ///   - level: measurement level for Krippendorff's alpha.
    ///   - categories: the declared category list in order, or nil for the observed labels
    ///     (sorted numerically when all are numbers, else by text).
    ///   - bootstrap: bootstrap replicates for alpha's interval (0 = none).
    ///   - seed: bootstrap seed; the same seed gives the same interval.
    ///   - bootstrapMethod: `.pairs` (Hayes & Krippendorff, the default) or `.units`.
    /// - Throws: `RatingsError` with a one-line message.
    /// - Complexity: O(bytes + units × coders + q²) without bootstrap.
    public static func summary(
        csv data: Data, level: MeasurementLevel, categories: [String]?, bootstrap: Int = 0, seed: UInt64 = 1,
        bootstrapMethod: KrippendorffAlpha.BootstrapMethod = .pairs
    ) throws -> AgreementSummary {
        let table = try table(csv: data, categories: categories)
        return try AgreementSummary(table: table, level: level, bootstrap: bootstrap, seed: seed,
                                    bootstrapMethod: bootstrapMethod)
    }

    /// Reads long-format ratings CSV into a table.
    ///
    /// A header row names the columns in any order (case-insensitive): `unit` (or `item`,
    /// `subject`), `coder` (or `rater`), `value` (or `rating`, `category`); other columns
    /// are ignored. Quoted fields, a UTF-8 BOM and CRLF are accepted; a blank value is a
    /// missing rating; a repeated (unit, coder) pair is an error naming both lines.
    ///
    /// - Throws: `RatingsError`, e.g. "line 17: expected 3 fields, found 2".
    public static func table(csv data: Data, categories: [String]?) throws -> RatingsTable {
        try RatingsCSVReader.read(data, categories: categories)
    }
}
