/// A problem with ratings data, described in one line that names the thing at fault.
///
/// Lines are counted from 1 and include the header row, as a spreadsheet shows them.
public enum RatingsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input has no header row.
    case emptyInput
    /// A required column is absent from the header. `names` lists accepted spellings.
    case missingColumn(names: [String])
    /// A header names a column twice (after synonyms are resolved).
    case duplicateColumn(String)
    /// A row has the wrong number of fields.
    case fieldCount(line: Int, expected: Int, found: Int)
    /// A quoted field is not closed before the end of input, or text follows a closing quote.
    case badQuote(line: Int)
    /// The same coder rated the same unit twice.
    case duplicateRating(line: Int, unit: String, coder: String, firstLine: Int)
    /// A row has an empty unit or coder name.
    case emptyIdentifier(line: Int, column: String)
    /// A value is not in the declared category list.
    case undeclaredCategory(line: Int?, value: String)
    /// The declared category list names a category twice.
    case duplicateCategory(String)
    /// Interval and ratio levels need numeric categories.
    case notNumeric(category: String, level: MeasurementLevel)
    /// Input bytes are not valid UTF-8.
    case invalidUTF8(line: Int)
    /// A matrix given to a `RatingsTable` initialiser has the wrong shape.
    case badShape(String)

    public var description: String {
        switch self {
        case .emptyInput:
            "empty input: expected a header row 'unit,coder,value'"
        case .missingColumn(let names):
            "missing column '\(names[0])' (also accepted: \(names.dropFirst().map { "'\($0)'" }.joined(separator: ", ")))"
        case .duplicateColumn(let name):
            "column '\(name)' appears twice in the header"
        case .fieldCount(let line, let expected, let found):
            "line \(line): expected \(expected) fields, found \(found)"
        case .badQuote(let line):
            "line \(line): malformed quoted field"
        case .duplicateRating(let line, let unit, let coder, let firstLine):
            "line \(line): coder '\(coder)' already rated unit '\(unit)' on line \(firstLine)"
        case .emptyIdentifier(let line, let column):
            "line \(line): empty \(column)"
        case .undeclaredCategory(let line, let value):
            if let line { "line \(line): value '\(value)' is not a declared category" } else {
                "value '\(value)' is not a declared category"
            }
        case .duplicateCategory(let name):
            "category '\(name)' is declared twice"
        case .notNumeric(let category, let level):
            "category '\(category)' is not a number (needed for \(level.rawValue) level)"
        case .invalidUTF8(let line):
            "line \(line): text is not valid UTF-8"
        case .badShape(let message):
            message
        }
    }
}
