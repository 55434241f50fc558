import Foundation

/// Errors of `qcode stats`.
public enum StatisticsError: Error, CustomStringConvertible, Equatable {
    /// A case's value of the outcome (or baseline) attribute is not a number.
    case notNumeric(attribute: String, case: String, value: String)

    public var description: String {
        switch self {
        case .notNumeric(let attribute, let caseName, let value):
            return "attribute '\(attribute)' is not numeric (case \(caseName) has '\(value)'); "
                + "compare needs a numeric outcome"
        }
    }
}
