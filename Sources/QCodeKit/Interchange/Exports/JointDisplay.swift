import Foundation

/// Options of ``Project/jointDisplay(_:)``.
public struct JointDisplayOptions: Sendable {
    /// The case attribute whose values make the columns.
    public var attribute: String
    /// The coder whose codings count and are quoted; `nil` is allowed only when one coder
    /// has codings.
    public var coder: String?
    /// Only codes down to this depth (1: themes), each rolling up its subtree; nil: every code.
    public var level: Int?
    /// Quotes per cell at most.
    public var quotes: Int = 2
    /// A longer quote is cut to this many characters, ending with `…`.
    public var quoteLength: Int = 200
    /// Adds each code's `stats presence` figures (chi-square, df, p, Cramér's V, Fisher's p).
    public var statistics = false

    public init(attribute: String, coder: String? = nil, level: Int? = nil, quotes: Int = 2, statistics: Bool = false) {
        self.attribute = attribute
        self.coder = coder
        self.level = level
        self.quotes = quotes
        self.statistics = statistics
    }
}

/// A quote in a joint display cell, attributed to its participant (the document's case) and,
/// in a focus group, to the speaker.
public struct JointQuote: EncodesEveryKey, Sendable, Codable, Equatable {
    public var `case`: String?
    public var document: String
    /// The speaker of the turn the segment starts in, when the document is a focus group
    /// (more than two speakers); otherwise nil.
    public var speaker: String?
    public var text: String

    enum CodingKeys: String, CodingKey, CaseIterable { case `case`, document, speaker, text }

    public func encode(to encoder: Encoder) throws { try encodeEveryKey(to: encoder) }

    /// "SU07", or "FG01, speaker LW02" in a focus group (the document when there is no case).
    public var attribution: String {
        let participant = self.case ?? document
        return speaker.map { "\(participant), speaker \($0)" } ?? participant
    }
}

/// One cell of a joint display: a code in one group of cases.
public struct JointCell: EncodesEveryKey, Sendable, Codable, Equatable {
    /// The code's path.
    public var code: String
    /// The attribute value of the group (`(missing)` for cases without one).
    public var value: String
    /// The group's cases that have the code (or a descendant) coded by the coder.
    public var cases: Int
    /// The group's cases that the coder coded at all (see ``Project/codeMatrix(_:)``: a case
    /// with no coding by the coder is missing, not 0).
    public var codedCases: Int
    /// `cases / coded_cases × 100`; nil when no case of the group was coded.
    public var percent: Double?
    public var quotes: [JointQuote]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, value, cases
        case codedCases = "coded_cases"
        case percent, quotes
    }

    public func encode(to encoder: Encoder) throws { try encodeEveryKey(to: encoder) }

    /// "3/5 (60%)", or "0/0" when no case of the group was coded.
    public var summary: String {
        guard let percent else { return "\(cases)/\(codedCases)" }
        return "\(cases)/\(codedCases) (\(Int(percent.rounded()))%)"
    }
}

/// A joint display: codes by the values of a case attribute, each cell with counts of cases
/// and a few quotes.
public struct JointDisplay: Sendable, Equatable {
    public struct Code: Sendable, Equatable {
        public var path: String
        public var label: String?
    }

    /// The rows, in codebook order.
    public var codes: [Code]
    /// The columns: attribute values in order (numbers by size, other values
    /// alphabetically, `(missing)` last).
    public var values: [String]
    /// Row-major cells: `cells[row * values.count + column]`.
    public var cells: [JointCell]
    /// The attribute whose values are the columns.
    public var attribute = ""
    /// The coder whose codings were counted and quoted.
    public var coder: String?
    /// With ``JointDisplayOptions/statistics``: each code's presence statistics
    /// (``Project/presenceStatistics(coder:by:level:adjustment:)``), by code path.
    public var statistics: [String: CodePresence] = [:]

    /// The cell of code row `row` and value column `column`.
    public func cell(_ row: Int, _ column: Int) -> JointCell { cells[row * values.count + column] }
}

extension Project {
    /// A joint display: for each code (or theme, with a level) and each value of a case
    /// attribute, how many of the group's coded cases have the code, and up to
    /// `options.quotes` of the coder's own segments as quotes.
    ///
    /// Counts come from ``codeMatrix(_:)`` (unit `case`, presence): `cases` is the number of
    /// the group's cases with a presence of 1, `coded_cases` the number whose presence is
    /// not missing. Quotes are the coder's segments of the code or a descendant in the
    /// group's cases, chosen as ``JointQuotePicker`` says; in a document with more than two
    /// speakers (a focus group) each is attributed to its speaker as well as the case.
    ///
    /// ```swift
    /// let display = try project.jointDisplay(.init(attribute: "group", coder: "alice", level: 1))
    /// display.cell(0, 1).summary  // "2/3 (67%)"
    /// ```
    /// - Throws: ``ExportError`` for an unknown attribute or coder, or a bad level.
    public func jointDisplay(_ options: JointDisplayOptions) throws -> JointDisplay {
        let (coder, attributes) = try read { store in
            (try Self.singleCoder(store, options.coder), try store.attributeNames())
        }
        guard attributes.contains(options.attribute) else {
            throw ExportError.noSuchAttribute(options.attribute, known: attributes)
        }
        let matrix = try codeMatrix(CodeMatrixOptions(unit: .case, value: .presence, level: options.level, coder: coder))
        var builder = JointDisplayBuilder(
            codes: matrix.columns.filter { $0.kind == .code }.map { .init(path: $0.codePath ?? $0.name, label: $0.label) },
            quotes: options.quotes, quoteLength: options.quoteLength)
        Self.addCases(of: matrix, attribute: options.attribute, to: &builder)
        if options.quotes > 0, let coder {
            let focusGroups = Set(try documents().filter { $0.speakers.count > 2 }.map(\.name))
            var filter = SegmentFilter()
            filter.coders = [coder]
            for segment in try segments(filter) {
                builder.addQuote(case: segment.case, document: segment.document,
                                 speaker: focusGroups.contains(segment.document) ? segment.speaker : nil,
                                 code: segment.code, text: segment.text)
            }
        }
        var display = builder.display()
        display.attribute = options.attribute
        display.coder = coder
        if options.statistics {
            let figures = try presenceStatistics(coder: coder, by: options.attribute, level: options.level)
            display.statistics = Dictionary(figures.codes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        }
        return display
    }

    /// Feeds each row of a case matrix to `builder`: its case, its value of `attribute`
    /// and its code cells (1, 0 or missing).
    static func addCases(of matrix: CodeMatrix, attribute: String, to builder: inout JointDisplayBuilder) {
        let attributeColumn = matrix.columns.firstIndex { $0.kind == .attribute && $0.label == attribute }
        let codeColumns = matrix.columns.indices.filter { matrix.columns[$0].kind == .code }
        for (index, row) in matrix.rows.enumerated() {
            guard let caseName = matrix.rowCases[index] else { continue }
            let value = attributeColumn.flatMap { row[$0] == .null ? nil : row[$0].text }
            builder.addCase(caseName, value: value, presence: codeColumns.map { column -> Int? in
                switch row[column] {
                case .integer(let value): return value
                case .number(let value): return value > 0 ? 1 : 0
                case .boolean(let value): return value ? 1 : 0
                case .text, .null: return nil
                }
            })
        }
    }
}
