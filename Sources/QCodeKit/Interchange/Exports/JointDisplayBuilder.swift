/// The table-building behind ``Project/jointDisplay(_:)``, from plain values (no database):
/// the cases with their group and per-code presence, and the coder's segments.
///
/// A cell (code × group) counts the group's cases whose presence for the code is 1
/// (`cases`) and the group's cases whose presence is not missing (`coded_cases`: cases the
/// coder coded). Quotes are chosen by ``JointQuotePicker``.
///
/// ```swift
/// var builder = JointDisplayBuilder(codes: [.init(path: "a", label: nil)], quotes: 1)
/// builder.addCase("P1", value: "x", presence: [1])
/// builder.addQuote(case: "P1", document: "P1_interview", speaker: nil, code: "a/b", text: "...")
/// let display = builder.display()
/// ```
struct JointDisplayBuilder {
    /// A code row: its path and label.
    struct Code: Equatable {
        var path: String
        var label: String?
    }

    let codes: [Code]
    /// Quotes per cell at most.
    let quotes: Int
    /// Longest quote in characters before it is cut (see ``JointQuotePicker``).
    let quoteLength: Int
    private var columnOfPath: [String: Int] = [:]
    private var groupOfCase: [String: String] = [:]
    private var groupValues: Set<String> = []
    /// `[group][code]` counts.
    private var present: [String: [Int]] = [:]
    private var coded: [String: [Int]] = [:]
    /// Candidate quotes `[column][group]`, in the order offered.
    private var candidates: [Int: [String: [JointQuote]]] = [:]

    /// The group of cases with no value of the attribute.
    static let missing = "(missing)"

    init(codes: [Code], quotes: Int, quoteLength: Int = JointQuotePicker.defaultLength) {
        self.codes = codes
        self.quotes = max(0, quotes)
        self.quoteLength = quoteLength
        for (index, code) in codes.enumerated() { columnOfPath[code.path] = index }
    }

    /// Adds a case: its attribute value (nil: missing) and, per code row, 1 (has the code),
    /// 0 (coded, without it) or nil (not coded by the coder).
    mutating func addCase(_ name: String, value: String?, presence: [Int?]) {
        let group = value ?? Self.missing
        groupOfCase[name] = group
        groupValues.insert(group)
        var presentRow = present[group] ?? [Int](repeating: 0, count: codes.count)
        var codedRow = coded[group] ?? [Int](repeating: 0, count: codes.count)
        for (column, cell) in presence.prefix(codes.count).enumerated() {
            guard let cell else { continue }
            codedRow[column] += 1
            if cell > 0 { presentRow[column] += 1 }
        }
        present[group] = presentRow
        coded[group] = codedRow
    }

    /// Offers one segment of the coder as a quote for its code's row and every ancestor's
    /// row, in the group of its case. Segments of cases not added (or without a case) are
    /// left out. Call in text order: ties between equally short quotes keep that order.
    mutating func addQuote(case caseName: String?, document: String, speaker: String?, code: String, text: String) {
        guard quotes > 0, let caseName, let group = groupOfCase[caseName] else { return }
        let quote = JointQuote(case: caseName, document: document, speaker: speaker, text: text)
        var prefix = ""
        for part in code.split(separator: "/", omittingEmptySubsequences: false) {
            prefix = prefix.isEmpty ? String(part) : prefix + "/" + part
            guard let column = columnOfPath[prefix] else { continue }
            candidates[column, default: [:]][group, default: []].append(quote)
        }
    }

    /// The display: codes in the given order, groups in value order (numbers by size, other
    /// values alphabetically; `(missing)` last).
    func display() -> JointDisplay {
        let values = Project.orderedValues(groupValues.subtracting([Self.missing]))
            + (groupValues.contains(Self.missing) ? [Self.missing] : [])
        var cells: [JointCell] = []
        cells.reserveCapacity(codes.count * values.count)
        for (column, code) in codes.enumerated() {
            for value in values {
                let cases = present[value]?[column] ?? 0
                let codedCases = coded[value]?[column] ?? 0
                let picked = JointQuotePicker.pick(candidates[column]?[value] ?? [], count: quotes, length: quoteLength)
                cells.append(JointCell(code: code.path, value: value, cases: cases, codedCases: codedCases,
                                       percent: codedCases == 0 ? nil : Double(cases) / Double(codedCases) * 100,
                                       quotes: picked))
            }
        }
        return JointDisplay(codes: codes.map { .init(path: $0.path, label: $0.label) }, values: values, cells: cells)
    }
}

/// How the joint display chooses a cell's quotes, deterministically: one per participant
/// (case) before a second from any, shortest first (ties in text order); a quote longer than
/// `length` characters is cut at the last space before it, with `…`.
enum JointQuotePicker {
    static let defaultLength = 200

    static func pick(_ candidates: [JointQuote], count: Int, length: Int) -> [JointQuote] {
        guard count > 0, !candidates.isEmpty else { return [] }
        let lengths = candidates.map { $0.text.unicodeScalars.count }
        let ordered = candidates.indices.sorted { a, b in
            lengths[a] != lengths[b] ? lengths[a] < lengths[b] : a < b
        }.map { candidates[$0] }
        var chosen: [JointQuote] = []
        var used: Set<String> = []
        var rest: [JointQuote] = []
        for quote in ordered {
            if chosen.count == count { break }
            if used.insert(quote.case ?? quote.document).inserted { chosen.append(quote) } else { rest.append(quote) }
        }
        for quote in rest where chosen.count < count { chosen.append(quote) }
        return chosen.map { quote in
            var cut = quote
            cut.text = shortened(quote.text, to: length)
            return cut
        }
    }

    /// `text` with runs of white space made one space, cut to at most `length` characters
    /// (at the last space when there is one in the second half) with `…` appended.
    static func shortened(_ text: String, to length: Int) -> String {
        let flat = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard flat.count > length, length > 1 else { return flat }
        var head = String(flat.prefix(length - 1))
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) > length / 2 {
            head = String(head[..<space])
        }
        while let last = head.last, last.isWhitespace || ",;:".contains(last) { head.removeLast() }
        return head + "…"
    }
}
