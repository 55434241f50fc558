import Foundation

/// The native statistics file formats: SPSS `.sav` and Stata `.dta` (format 118, UTF-8).
public enum StatisticsFormat: String, Sendable, CaseIterable {
    case sav, dta

    /// The format a file name's extension implies (`.sav`, `.dta`), if any.
    public init?(fileName: String) {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "sav": self = .sav
        case "dta": self = .dta
        default: return nil
        }
    }
}

/// One variable (column) of a ``StatisticsTable``.
public struct StatisticsColumn: Sendable, Equatable {
    /// What the column holds, as the statistics file stores it.
    public enum Kind: String, Sendable {
        /// Numbers (integers, decimals; booleans as 0/1).
        case numeric
        /// Calendar dates (`yyyy-mm-dd` cells), stored as the format's date type.
        case date
        /// Text.
        case string
    }

    /// The column's name; the writer makes it a valid, unique variable name (see ``ColumnNamer``).
    public var name: String
    /// The variable label (for a code: its label and path; for an attribute: its name).
    public var label: String?
    /// The type the column should have; `nil`: numeric when every cell is a number or
    /// boolean, else string. A numeric or date column with a cell that is not one becomes
    /// a string column, so no value is ever lost.
    public var kind: Kind?
    /// Value labels of a numeric column (for a code column: 0 = absent, 1 = present).
    public var valueLabels: [ValueLabel]
    /// Values of a numeric column that mean "missing" (SPSS user-missing values, at most
    /// three; Stata has no such values, so there they become the extended missing values
    /// `.a`, `.b`, `.c`, labelled as in ``valueLabels``).
    public var missingValues: [Double]

    public init(name: String, label: String? = nil, kind: Kind? = nil, valueLabels: [ValueLabel] = [], missingValues: [Double] = []) {
        self.name = name
        self.label = label
        self.kind = kind
        self.valueLabels = valueLabels
        self.missingValues = missingValues
    }

    /// The value labels of a code-presence column.
    public static let presenceLabels = [ValueLabel(value: 0, label: "absent"), ValueLabel(value: 1, label: "present")]
    /// The value labels of a boolean attribute (stored as 0/1).
    public static let booleanLabels = [ValueLabel(value: 0, label: "false"), ValueLabel(value: 1, label: "true")]

    /// The kind of column an attribute type is written as.
    public static func kind(of type: AttributeType) -> Kind {
        switch type {
        case .integer, .number, .boolean: .numeric
        case .date: .date
        case .text: .string
        }
    }
}

/// A numeric value and what it means.
public struct ValueLabel: Sendable, Hashable {
    public var value: Double
    public var label: String

    public init(value: Double, label: String) {
        self.value = value
        self.label = label
    }
}

/// A table to write as an SPSS or Stata file: typed, labelled columns and rows of cells.
/// A `null` cell is written as system missing (SPSS `sysmis`, Stata `.`), or as an empty
/// string in a string column (neither format has a missing string).
public struct StatisticsTable: Sendable, Equatable {
    public var columns: [StatisticsColumn]
    public var rows: [[ExportCell]]

    public init(columns: [StatisticsColumn], rows: [[ExportCell]]) {
        self.columns = columns
        self.rows = rows
    }

    /// A plain table with untyped columns, each labelled with its original name when the
    /// variable name differs from it.
    public init(_ table: ExportTable) {
        self.columns = table.columns.map { StatisticsColumn(name: $0, label: $0) }
        self.rows = table.rows
    }
}
