import Foundation

/// Options of ``Project/report(_:)``.
public struct ReportOptions: Sendable {
    /// The coder of the group comparison, joint display and co-occurrence (e.g. a consensus
    /// coder); nil is allowed only when one coder has codings.
    public var coder: String?
    /// The case attribute whose values make the groups; nil: no group comparison.
    public var attribute: String?
    /// Only codes down to this depth (1: themes); nil: every code.
    public var level: Int?
    /// Quotes per joint display cell.
    public var quotes = 1
    /// The coders compared for agreement; empty: every coder with codings.
    public var agreementCoders: [String] = []
    /// The page's title.
    public var title = "qcode report"
    /// When the report was made, shown under the title (the caller's clock).
    public var generated: String?
    /// Bootstrap resamples for alpha's intervals, and their seed.
    public var bootstrapSamples = 1000
    public var seed: UInt64 = 1

    public init(coder: String? = nil, attribute: String? = nil, level: Int? = nil) {
        self.coder = coder
        self.attribute = attribute
        self.level = level
    }
}

extension Project {
    /// A self-contained HTML report of the project (see ``ReportHTML``): an overview with
    /// each coder's progress (documents with codings, and marked done when any are), code frequencies per coder, a code × group heatmap and the
    /// joint display (with an attribute), a co-occurrence heatmap (turns, the chosen
    /// coder), agreement per code as a forest plot of Krippendorff's alpha with bootstrap
    /// intervals and the count of disagreements (two or more coders), and the codebook.
    ///
    /// Agreement is by turn, a code counting its descendants' codings; alpha's interval is
    /// the KALPHA bootstrap (``KrippendorffAlpha/bootstrap(_:level:values:samples:seed:method:)``
    /// with `.pairs`) of the code's present/absent decisions.
    ///
    /// - Throws: ``ExportError`` (several coders and none chosen, unknown coder or
    ///   attribute, bad level), agreement errors.
    public func report(_ options: ReportOptions) throws -> String {
        try ReportHTML.render(reportContent(options))
    }

    func reportContent(_ options: ReportOptions) throws -> ReportContent {
        if let level = options.level, level < 1 { throw ExportError.badLevel(level) }
        let (coder, coders, attributes) = try read { store in
            (try Self.singleCoder(store, options.coder), try store.namesOfCodersWithCodings(), try store.attributeNames())
        }
        if let attribute = options.attribute, !attributes.contains(attribute) {
            throw ExportError.noSuchAttribute(attribute, known: attributes)
        }
        let maximumDepth = options.level.map { $0 - 1 } ?? Int.max
        let codes = try self.codes()
        let shown = codes.filter { $0.depth <= maximumDepth }
        let documents = try self.documents()
        let cases = try self.cases()
        let overview = try coderOverview()

        var done: [String: Int] = [:]
        for mark in try read({ store in try store.allDocumentMarks() }) { done[mark.coder, default: 0] += 1 }
        let progress = overview.coders.map { one in
            ReportContent.Progress(coder: one.coder, codings: one.total,
                                   documentsCoded: one.documents.values.filter { $0 > 0 }.count,
                                   documentsDone: done.isEmpty ? nil : done[one.coder] ?? 0)
        }
        var series: [(coder: String, values: [Double])] = []
        for name in coders {
            let totals = Dictionary(uniqueKeysWithValues: try codeCounts(coder: name).map { ($0.code.id, $0.total) })
            series.append((name, shown.map { Double(totals[$0.id] ?? 0) }))
        }

        var joint: JointDisplay?
        var cooccurrence: ReportContent.Cooccurrence?
        if let coder {
            if let attribute = options.attribute {
                var jointOptions = JointDisplayOptions(attribute: attribute, coder: coder, level: options.level, quotes: options.quotes)
                jointOptions.quoteLength = 160
                joint = try jointDisplay(jointOptions)
            }
            let table = try self.cooccurrence(CooccurrenceOptions(unit: .turn, level: options.level, coders: [coder]))
            cooccurrence = Self.cooccurrenceCounts(table, unit: "turn")
        }

        let compared = options.agreementCoders.isEmpty ? coders : options.agreementCoders
        var agreement: ReportContent.Agreement?
        var note: String?
        if compared.count >= 2 {
            do {
                agreement = try reportAgreement(coders: compared, maximumDepth: maximumDepth, options: options)
            } catch let error as AgreementError where options.agreementCoders.isEmpty {
                note = "No agreement: \(error)."
            }
        } else {
            note = "Agreement needs two or more coders; \(compared.count) coded."
        }

        return ReportContent(
            title: options.title, generated: options.generated, coder: coder, attribute: options.attribute,
            level: options.level, documents: documents.count, cases: cases.count,
            casesWithDocuments: cases.filter { !$0.documents.isEmpty }.count, progress: progress,
            frequencies: .init(codes: shown.map(\.path), series: series), joint: joint, cooccurrence: cooccurrence,
            agreement: agreement, agreementNote: note, codebook: codes)
    }

    /// The counts of a co-occurrence table (first column the code path, then one column
    /// per code path; other columns are ignored).
    static func cooccurrenceCounts(_ table: ExportTable, unit: String) -> ReportContent.Cooccurrence {
        let codes = table.rows.compactMap { row -> String? in
            if case .text(let path)? = row.first { return path }
            return nil
        }
        let columnOf = Dictionary(table.columns.enumerated().dropFirst().map { ($0.element, $0.offset) },
                                  uniquingKeysWith: { first, _ in first })
        let counts = table.rows.map { row in
            codes.map { code -> Int in
                guard let column = columnOf[code], column < row.count, case .integer(let count) = row[column] else { return 0 }
                return count
            }
        }
        return ReportContent.Cooccurrence(codes: codes, counts: counts, unit: unit)
    }

    /// Agreement per code (down to the depth shown) by turn, with alpha's bootstrap
    /// interval and the units where the coders differ.
    private func reportAgreement(coders: [String], maximumDepth: Int, options: ReportOptions) throws -> ReportContent.Agreement {
        let result = try agreement(ProjectAgreementRequest(coders: coders))
        let m = result.coders.count
        func row(_ code: CodeAgreement) -> ReportContent.Agreement.Row {
            let byCount = code.unitsCodedBy ?? []
            var row = ReportContent.Agreement.Row(
                code: code.code, alpha: code.figures.krippendorffAlpha, lower: nil, upper: nil,
                percent: code.figures.percentAgreement,
                disagreements: byCount.enumerated().filter { $0.offset > 0 && $0.offset < m }.reduce(0) { $0 + $1.element },
                coded: byCount.dropFirst().reduce(0, +))
            if row.alpha != nil, !byCount.isEmpty,
               case .success(let bootstrap) = KrippendorffAlpha.bootstrap(
                   Self.binaryCounts(unitsCodedBy: byCount), level: .nominal,
                   samples: options.bootstrapSamples, seed: options.seed, method: .pairs) {
                row.lower = bootstrap.interval.lower
                row.upper = bootstrap.interval.upper
            }
            return row
        }
        // Themes and codes in codebook order (a theme's row rolls up its subtree).
        var byPath: [String: CodeAgreement] = [:]
        for code in result.codes + result.themes where byPath[code.code] == nil { byPath[code.code] = code }
        let rows = try codes().filter { $0.depth <= maximumDepth }.compactMap { byPath[$0.path] }.map(row)
        var overall = row(result.overall.pooled)
        overall.code = ReportHTML.overallLabel
        var disagreementUnits: Int?
        if m == 2 {
            disagreementUnits = try disagreements(DisagreementRequest(coders: result.coders)).count
        }
        return ReportContent.Agreement(coders: result.coders, unit: result.unit, rows: rows, overall: overall,
                                       disagreementUnits: disagreementUnits,
                                       bootstrapSamples: options.bootstrapSamples, seed: options.seed)
    }

    /// Present/absent ratings from the number of units coded by exactly `j` of `m` coders
    /// (`unitsCodedBy[j]`): each such unit has `j` ratings "present" (1) and `m − j` "absent" (0).
    static func binaryCounts(unitsCodedBy: [Int]) -> CategoryCounts {
        let m = unitsCodedBy.count - 1
        var starts = [0]
        var categories: [Int32] = []
        var counts: [Int32] = []
        starts.reserveCapacity(unitsCodedBy.reduce(0, +) + 1)
        for (j, units) in unitsCodedBy.enumerated() where units > 0 {
            for _ in 0..<units {
                if j > 0 { categories.append(1); counts.append(Int32(j)) }
                if m - j > 0 { categories.append(0); counts.append(Int32(m - j)) }
                starts.append(categories.count)
            }
        }
        return CategoryCounts(categoryCount: 2, unitStart: starts, category: categories, count: counts)
    }
}
