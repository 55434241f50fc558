import Foundation

extension Project {
    /// Code presence by the values of a case attribute, with chi-square, Cramér's V, adjusted
    /// residuals and Fisher's exact p (see ``PresenceStatistics``).
    ///
    /// Built on the case-by-code presence matrix (``codeMatrix(_:)``, unit `case`): a case
    /// whose cell is empty (never coded by the coder) is left out of that code, and a case
    /// with no value of the attribute is left out of every code.
    ///
    /// ```swift
    /// let stats = try project.presenceStatistics(coder: "consensus", by: "group", level: 1, adjustment: .holm)
    /// ```
    ///
    /// - Throws: ``ExportError`` for an unknown attribute or coder, several coders and none
    ///   chosen, or a level below 1.
    public func presenceStatistics(coder: String?, by attribute: String, level: Int? = nil,
                                   adjustment: PValueAdjustment? = nil) throws -> PresenceStatistics {
        let matrix = try codeMatrix(CodeMatrixOptions(unit: .case, value: .presence, level: level, coder: coder))
        let column = try Self.attributeColumn(attribute, in: matrix)
        let values = matrix.rows.map { row -> String? in
            if case .null = row[column] { return nil }
            let text = row[column].text
            return text.isEmpty ? nil : text
        }
        let (codes, presence) = Self.codePresence(matrix)
        return PresenceStatistics(attribute: attribute, coder: coder, codes: codes, presence: presence,
                                  groupValues: values, adjustment: adjustment)
    }

    /// A numeric outcome, or its change from `baseline` (outcome − baseline), in cases with
    /// each code against coded cases without it (see ``OutcomeComparison``).
    ///
    /// A case whose cell is empty (never coded by the coder) is left out of that code; a case
    /// with no outcome (or no baseline) is left out of every code.
    ///
    /// ```swift
    /// let change = try project.outcomeComparison(coder: "consensus", outcome: "loneliness_followup",
    ///                                            baseline: "loneliness_baseline")
    /// ```
    ///
    /// - Throws: ``StatisticsError/notNumeric(attribute:case:value:)`` when a value of the
    ///   outcome or baseline is not a number; ``ExportError`` as ``presenceStatistics(coder:by:level:adjustment:)``.
    public func outcomeComparison(coder: String?, outcome: String, baseline: String? = nil, level: Int? = nil,
                                  adjustment: PValueAdjustment? = nil) throws -> OutcomeComparison {
        let matrix = try codeMatrix(CodeMatrixOptions(unit: .case, value: .presence, level: level, coder: coder))
        let outcomeColumn = try Self.attributeColumn(outcome, in: matrix)
        let baselineColumn = try baseline.map { try Self.attributeColumn($0, in: matrix) }
        var outcomes: [Double?] = []
        outcomes.reserveCapacity(matrix.rows.count)
        for (index, row) in matrix.rows.enumerated() {
            let caseName = matrix.rowCases[index] ?? "?"
            guard let value = try Self.number(row[outcomeColumn], attribute: outcome, case: caseName) else {
                outcomes.append(nil)
                continue
            }
            if let baseline, let baselineColumn {
                let start = try Self.number(row[baselineColumn], attribute: baseline, case: caseName)
                outcomes.append(start.map { value - $0 })
            } else {
                outcomes.append(value)
            }
        }
        let (codes, presence) = Self.codePresence(matrix)
        return OutcomeComparison(outcome: outcome, baseline: baseline, coder: coder, codes: codes, presence: presence,
                                 outcomes: outcomes, adjustment: adjustment)
    }

    /// The index of the attribute column named `name`.
    private static func attributeColumn(_ name: String, in matrix: CodeMatrix) throws -> Int {
        let attributes = matrix.columns.enumerated().filter { $0.element.kind == .attribute }
        guard let column = attributes.first(where: { $0.element.label == name }) else {
            throw ExportError.noSuchAttribute(name, known: attributes.compactMap(\.element.label))
        }
        return column.offset
    }

    /// The code paths and, per code and row, presence (nil: an empty cell, never coded).
    private static func codePresence(_ matrix: CodeMatrix) -> (codes: [String], presence: [[Bool?]]) {
        let columns = matrix.columns.indices.filter { matrix.columns[$0].kind == .code }
        let presence = columns.map { column in
            matrix.rows.map { row -> Bool? in
                switch row[column] {
                case .null: return nil
                case .integer(let value): return value > 0
                case .number(let value): return value > 0
                case .boolean(let value): return value
                case .text(let value): return value.isEmpty ? nil : value != "0"
                }
            }
        }
        return (columns.map { matrix.columns[$0].codePath ?? matrix.columns[$0].name }, presence)
    }

    /// Text read as a missing value, as case import reads it.
    private static let missingMarkers: Set<String> = ["", "na", "n/a", "."]

    /// A cell as a number: nil when missing, an error when it holds something else.
    private static func number(_ cell: ExportCell, attribute: String, case caseName: String) throws -> Double? {
        switch cell {
        case .null: return nil
        case .integer(let value): return Double(value)
        case .number(let value): return value.isFinite ? value : nil
        case .boolean(let value): throw StatisticsError.notNumeric(attribute: attribute, case: caseName, value: value ? "true" : "false")
        case .text(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if missingMarkers.contains(trimmed.lowercased()) { return nil }
            guard let value = Double(trimmed), value.isFinite else {
                throw StatisticsError.notNumeric(attribute: attribute, case: caseName, value: text)
            }
            return value
        }
    }
}
