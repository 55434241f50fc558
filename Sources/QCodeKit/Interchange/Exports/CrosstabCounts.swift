/// The counting behind ``Project/crosstab(_:)``: for each code column and attribute value,
/// the cases with a coding and the number of codings, from plain values (no database).
///
/// ```swift
/// var counts = CrosstabCounts(columns: 1)
/// counts.add(case: 1, value: "GP", columns: [0])
/// counts.table(paths: ["trust"], count: .cases)  // code,GP,total / trust,1,1
/// ```
struct CrosstabCounts {
    /// The column name for cases without a value.
    static let missing = "(missing)"

    /// The number of code columns.
    let width: Int
    /// column -> value -> cases
    private var cases: [Int: [String: Set<Int64>]] = [:]
    /// column -> value -> codings
    private var segments: [Int: [String: Int]] = [:]
    /// Every value seen (``missing`` for cases without one).
    private(set) var values: Set<String> = []

    init(columns: Int) {
        width = columns
    }

    /// Counts one coding in a document of case `caseID`, whose attribute value is `value`
    /// (nil: none), for each of `columns` (its code's and its ancestors', see
    /// ``CodeColumns/targets``).
    mutating func add(case caseID: Int64, value: String?, columns: [Int]) {
        let value = value ?? Self.missing
        values.insert(value)
        for column in columns {
            cases[column, default: [:]][value, default: []].insert(caseID)
            segments[column, default: [:]][value, default: 0] += 1
        }
    }

    /// The value columns in order: numbers by size when every value is one, else
    /// alphabetically; ``missing`` last.
    var orderedValues: [String] {
        Project.orderedValues(values.subtracting([Self.missing])) + (values.contains(Self.missing) ? [Self.missing] : [])
    }

    /// The table: `code` (each column's path), one column per value, and `total` (distinct
    /// cases, or all codings).
    func table(paths: [String], count: CrosstabCount) -> ExportTable {
        let ordered = orderedValues
        return ExportTable(columns: ["code"] + ordered + ["total"], rows: (0..<width).map { column in
            let byValue = cases[column] ?? [:]
            let counts = ordered.map { value -> Int in
                count == .cases ? byValue[value]?.count ?? 0 : segments[column]?[value] ?? 0
            }
            let total = count == .cases
                ? byValue.values.reduce(into: Set<Int64>()) { $0.formUnion($1) }.count
                : counts.reduce(0, +)
            return [.text(paths[column])] + counts.map(ExportCell.integer) + [.integer(total)]
        })
    }
}
