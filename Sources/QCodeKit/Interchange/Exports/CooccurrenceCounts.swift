/// The counting behind ``Project/cooccurrence(_:)``: a symmetric column-by-column table of
/// the units coded with both columns' codes, filled one document at a time from plain
/// values (no database).
///
/// ```swift
/// var counts = CooccurrenceCounts(unit: .document, columns: 2)
/// counts.add(document: [.init(start: 0, end: 5, columns: [0]), .init(start: 9, end: 12, columns: [1])], turns: [])
/// counts[0, 1]  // 1
/// ```
struct CooccurrenceCounts: Equatable {
    /// One coding of a document: its span and the columns it counts for (its code's and
    /// its ancestors', see ``CodeColumns/targets``).
    struct Coding: Equatable {
        var start: Int
        var end: Int
        var columns: [Int]
    }

    let unit: CooccurrenceUnit
    /// The number of columns (and rows).
    let width: Int
    /// Row-major counts, `width` × `width`.
    private(set) var counts: [Int]

    init(unit: CooccurrenceUnit, columns: Int) {
        self.unit = unit
        self.width = columns
        self.counts = [Int](repeating: 0, count: columns * columns)
    }

    /// The count of units coded with both `a` and `b` (for `a == b`, with `a`).
    subscript(a: Int, b: Int) -> Int { counts[a * width + b] }

    /// Counts one document's codings.
    ///
    /// - Parameters:
    ///   - codings: the document's codings, in order of start (they are put in that order,
    ///     keeping the given order among equal starts, when they are not).
    ///   - turns: the document's turns in order, for unit `turn` (a coding's turns are the
    ///     turns it overlaps; outside every turn, the turn before it, or the document).
    mutating func add(document codings: [Coding], turns: [TurnInfo]) {
        var codings = codings
        if zip(codings, codings.dropFirst()).contains(where: { $0.start > $1.start }) {
            codings = codings.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
        }
        switch unit {
        case .segment:
            // Each coding is a unit; each pair of overlapping codings counts once.
            var open: [(end: Int, columns: [Int])] = []
            for coding in codings where !coding.columns.isEmpty {
                countUnit(coding.columns)
                open.removeAll { $0.end <= coding.start }
                for other in open {
                    for a in coding.columns { for b in other.columns where a != b {
                        counts[a * width + b] += 1
                        counts[b * width + a] += 1
                    } }
                }
                open.append((coding.end, coding.columns))
            }
        case .turn, .document:
            var pairs: [(unit: Int, column: Int)] = []
            for coding in codings {
                let units = unit == .turn ? Project.turnUnits(start: coding.start, end: coding.end, turns: turns) : [0]
                for unit in units {
                    for column in coding.columns { pairs.append((unit, column)) }
                }
            }
            pairs.sort { ($0.unit, $0.column) < ($1.unit, $1.column) }
            var index = 0
            while index < pairs.count {
                var columns: [Int] = []
                let unit = pairs[index].unit
                while index < pairs.count, pairs[index].unit == unit {
                    if columns.last != pairs[index].column { columns.append(pairs[index].column) }
                    index += 1
                }
                countUnit(columns)
            }
        }
    }

    private mutating func countUnit(_ columns: [Int]) {
        for a in columns { for b in columns { counts[a * width + b] += 1 } }
    }

    /// The table: a `code` column with each column's path, then one count column per path.
    func table(paths: [String]) -> ExportTable {
        ExportTable(columns: ["code"] + paths, rows: paths.indices.map { row in
            [.text(paths[row])] + (0..<width).map { .integer(counts[row * width + $0]) }
        })
    }

    /// ATLAS.ti's c-coefficient of columns `a` and `b`: n12 / (n1 + n2 − n12), where n1 and
    /// n2 are the units with each code and n12 those with both (for segments: the codings of
    /// each, and the overlapping pairs, so it can exceed 1). `nil` when neither code occurs.
    func cCoefficient(_ a: Int, _ b: Int) -> Double? {
        let union = self[a, a] + self[b, b] - self[a, b]
        return union > 0 ? Double(self[a, b]) / Double(union) : nil
    }

    /// Jaccard's index of the sets of units coded with `a` and with `b`: |A ∩ B| / |A ∪ B|.
    /// On turns and documents it equals the c-coefficient; segments are no shared units
    /// (each coding is its own), so there it is `nil`.
    func jaccard(_ a: Int, _ b: Int) -> Double? {
        unit == .segment ? nil : cCoefficient(a, b)
    }

    /// One row per pair of columns (`a` before `b`, in column order): `code_a`, `code_b`,
    /// `unit`, `n_a`, `n_b`, `n_ab` (the counts of the square table), `c_coefficient`, `jaccard`.
    func pairsTable(paths: [String]) -> ExportTable {
        var rows: [[ExportCell]] = []
        for a in 0..<width {
            for b in (a + 1)..<max(a + 1, width) {
                rows.append([.text(paths[a]), .text(paths[b]), .text(unit.rawValue),
                             .integer(self[a, a]), .integer(self[b, b]), .integer(self[a, b]),
                             cCoefficient(a, b).map(ExportCell.number) ?? .null, jaccard(a, b).map(ExportCell.number) ?? .null])
            }
        }
        return ExportTable(columns: ["code_a", "code_b", "unit", "n_a", "n_b", "n_ab", "c_coefficient", "jaccard"], rows: rows)
    }
}
