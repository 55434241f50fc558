extension Project {
    /// Inter-coder agreement per code, per top-level theme and overall, for two or more
    /// coders of this project.
    ///
    /// For units turn, sentence and paragraph, a coder coded a unit with a code when one of
    /// their codings of the code (or, with `includeChildren`, of a descendant) overlaps the
    /// unit by at least `minOverlap` characters; for `character`, every character of each
    /// document is a unit. Each (code, unit) pair is then one present/absent decision per
    /// coder, and the figures are those of ``BinaryAgreement``. A theme counts a unit as coded
    /// when any code in its subtree is. `overall.pooled` pools every code × unit decision of
    /// the listed codes; `overall.meanOverCodes` averages each figure over them.
    ///
    /// For `segment(overlap:)` and `continuum` (two coders), codings are compared as
    /// stretches of text (``SegmentMatching``, ``ContinuumComparison``).
    ///
    /// ```swift
    /// var request = ProjectAgreementRequest(coders: ["alice", "ben"])
    /// request.unit = .turn
    /// let report = try project.agreement(request)
    /// report.overall.pooled.figures.cohenKappa  // e.g. 0.62
    /// ```
    /// - Throws: `AgreementError`, `DocumentLookupError`, `CodebookError` (for `code`).
    /// - Complexity: O(codings · log units + documents · rows · units / 64) for unit-based
    ///   comparisons; three queries, none per unit.
    public func agreement(_ request: ProjectAgreementRequest) throws -> ProjectAgreement {
        try read { store in try Self.agreement(request, source: store) }
    }

    /// Agreement read through any source of the engine's named queries (a project file's
    /// store, or a team server's).
    static func agreement(_ request: ProjectAgreementRequest, source store: any AgreementSource) throws -> ProjectAgreement {
        do {
            let scope = try AgreementScope.read(store, coders: request.coders, documents: request.documents)
            let m = scope.coders.count
            if case .segment = request.unit, m != 2 {
                throw AgreementError.needsTwoCoders("the unit '\(request.unit)'")
            }
            let plan = try RowPlan(scope: scope, code: request.code, includeChildren: request.includeChildren)
            let rows: [CodeAgreement]
            switch request.unit {
            case .turn, .sentence, .paragraph, .character:
                rows = try Self.unitAgreement(store, scope: scope, plan: plan, request: request)
            case .segment(let overlap):
                rows = Self.segmentAgreement(scope: scope, plan: plan, overlap: overlap)
            case .continuum:
                rows = try Self.continuumAgreement(store, scope: scope, plan: plan, request: request)
            }
            let codeRows = Array(rows[..<plan.codeRows.count])
            let themeRows = Array(rows[plan.codeRows.count...])
            var pooled = Self.pooled(rows: codeRows, unit: request.unit, coders: m, codeCount: plan.codeRows.count)
            if request.unit == .continuum {
                let domains = UnitizingDomains(scope: scope, includeChildren: request.includeChildren)
                if plan.themeRows.count >= 2 {
                    pooled.setDomainAlphas(try domains.family(values: plan.themeRows), coders: scope.coders,
                                           valuesAre: "the top-level codes")
                } else {
                    pooled.setDomainAlphas(try plan.themeRows.first.flatMap { try domains.subcodeFamily(of: $0) },
                                           coders: scope.coders, valuesAre: "the chosen code's subcodes")
                }
            }
            return ProjectAgreement(
                unit: request.unit.description, coders: scope.coders, documents: scope.documents.map(\.name),
                codes: codeRows, themes: themeRows,
                overall: OverallAgreement(pooled: pooled, meanOverCodes: AgreementFigures(meanOf: codeRows.map(\.figures)),
                                          codes: codeRows.count),
                method: Self.method(request, coders: m))
        }
    }

    // MARK: Units

    private static func unitAgreement(
        _ store: any AgreementSource, scope: AgreementScope, plan: RowPlan, request: ProjectAgreementRequest
    ) throws -> [CodeAgreement] {
        let m = scope.coders.count
        let character = request.unit == .character
        let spans = character ? [] : try scope.units(store, kind: request.unit)
        var sweep = UnitCoding(rows: plan.rowCount, coders: m)
        var tallies = [BinaryAgreement](repeating: BinaryAgreement(coders: m), count: plan.rowCount)
        var parts = [[CharacterAgreement]](repeating: [], count: character && m == 2 ? plan.rowCount : 0)
        for (d, document) in scope.documents.enumerated() {
            let unitCount = character ? document.length : spans[d].count
            sweep.reset(units: unitCount)
            for coding in scope.codings(ofDocument: d) {
                let targets = plan.targets[Int(coding.code)]
                guard !targets.isEmpty else { continue }
                let range = character
                    ? min(coding.start, unitCount)..<min(coding.end, unitCount)
                    : spans[d].units(overlapping: coding.start, coding.end, minOverlap: request.minOverlap)
                for row in targets { sweep.mark(row: row, coder: Int(coding.coder), units: range) }
            }
            for row in 0..<plan.rowCount {
                if !parts.isEmpty && sweep.touched[row] {
                    var one = BinaryAgreement(coders: 2)
                    sweep.count(row: row, into: &one)
                    tallies[row] = tallies[row] + one
                    let p = one.pair!
                    parts[row].append(CharacterAgreement(length: unitCount, both: p.both, onlyA: p.onlyA, onlyB: p.onlyB))
                } else {
                    sweep.count(row: row, into: &tallies[row])
                }
            }
        }
        return (0..<plan.rowCount).map { row in
            var result = CodeAgreement(code: plan.label(row), tally: tallies[row], independentUnits: !character)
            if !parts.isEmpty {
                result.cohenKappaLengthWeighted = CharacterAgreement.overall(parts[row]).lengthWeightedKappa.value
            }
            return result
        }
    }

    // MARK: Stretches of text

    /// Each row's spans, `[row][document][coder]`.
    private static func rowSpans(scope: AgreementScope, plan: RowPlan) -> [[[[ContinuumSpan]]]] {
        let empty = [[ContinuumSpan]](repeating: [], count: scope.coders.count)
        var spans = [[[[ContinuumSpan]]]](
            repeating: [[[ContinuumSpan]]](repeating: empty, count: scope.documents.count), count: plan.rowCount)
        for coding in scope.codings {
            guard let span = try? ContinuumSpan(start: coding.start, end: coding.end) else { continue }
            for row in plan.targets[Int(coding.code)] {
                spans[row][Int(coding.document)][Int(coding.coder)].append(span)
            }
        }
        return spans
    }

    private static func segmentAgreement(scope: AgreementScope, plan: RowPlan, overlap: Double) -> [CodeAgreement] {
        let spans = rowSpans(scope: scope, plan: plan)
        let q = plan.codeRows.count
        return (0..<plan.rowCount).map { row in
            let matching = SegmentMatching.combined(spans[row].map {
                SegmentMatching.compare(coderA: $0[0], coderB: $0[1], threshold: overlap)
            })
            return segmentRow(plan.label(row), matching, codes: q)
        }
    }

    private static func segmentRow(_ label: String, _ matching: SegmentMatching, codes q: Int) -> CodeAgreement {
        var figures = AgreementFigures()
        switch matching.percentAgreement {
        case .success(let value): figures.percentAgreement = value
        case .failure(let reason): figures.notes.append(AgreementNote("percent_agreement", reason))
        }
        switch matching.brennanPrediger(codes: q) {
        case .success(let value): figures.brennanPrediger = value
        case .failure(let reason): figures.notes.append(AgreementNote("brennan_prediger", reason))
        }
        for key in ["cohen_kappa", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1"] {
            figures.notes.append(AgreementNote(
                statistic: key, reason: "not_unit_based",
                message: "segment matching has no 'coded by neither' count; use a unit of text (turn, sentence, paragraph, character or continuum)"))
        }
        let counts = SegmentCounts(matching)
        var result = CodeAgreement(code: label, units: counts.segmentsA + counts.segmentsB, figures: figures)
        result.segments = counts
        return result
    }

    /// Unit `continuum`: character-level figures, the unitizing alphas per code and, for codes
    /// with subcodes, `uα` and `cuα` over the subcodes. With two coders also segment matching,
    /// the length-weighted kappa and the 2004 form of `|uα`.
    private static func continuumAgreement(
        _ store: any AgreementSource, scope: AgreementScope, plan: RowPlan, request: ProjectAgreementRequest
    ) throws -> [CodeAgreement] {
        let spans = rowSpans(scope: scope, plan: plan)
        var rows: [CodeAgreement]
        if scope.coders.count == 2 {
            rows = try twoCoderContinuumAgreement(scope: scope, plan: plan, spans: spans)
        } else {
            var characters = request
            characters.unit = .character
            rows = try unitAgreement(store, scope: scope, plan: plan, request: characters)
        }
        let domains = UnitizingDomains(scope: scope, includeChildren: request.includeChildren)
        var families: [Int: UnitizedAlphaFamily?] = [:]  // a top-level code is both a code row and a theme row
        for row in 0..<plan.rowCount {
            let continua = zip(scope.documents, spans[row]).map {
                UnitizedAlpha.Continuum(length: $0.length, coders: $1, document: $0.name)
            }
            rows[row].setUnitizedAlpha(try UnitizedAlpha.compute(continua).alpha, try UnitizedAlpha2016.compute(continua).alpha)
            let code = row < plan.codeRows.count ? plan.codeRows[row] : plan.themeRows[row - plan.codeRows.count]
            if families[code] == nil { families[code] = .some(try domains.subcodeFamily(of: code)) }
            rows[row].setDomainAlphas(families[code]!, coders: scope.coders, valuesAre: "its subcodes")
        }
        return rows
    }

    private static func twoCoderContinuumAgreement(
        scope: AgreementScope, plan: RowPlan, spans: [[[[ContinuumSpan]]]]
    ) throws -> [CodeAgreement] {
        var codings: [ContinuumCoding] = []
        var lengths: [String: Int] = [:]
        for (d, document) in scope.documents.enumerated() {
            lengths[document.name] = document.length
            for row in 0..<plan.rowCount {
                for (coder, name) in ["a", "b"].enumerated() {
                    for span in spans[row][d][coder] {
                        codings.append(ContinuumCoding(document: document.name, code: String(row), coder: name, span: span))
                    }
                }
            }
        }
        let comparison = try ContinuumComparison(codings: codings, coderA: "a", coderB: "b", documentLengths: lengths)
        var byRow: [Int: ContinuumComparison.CodeResult] = [:]
        for result in comparison.codes { byRow[Int(result.code)!] = result }
        let total = scope.documents.reduce(0) { $0 + $1.length }
        return (0..<plan.rowCount).map { row in
            guard let result = byRow[row] else {
                var empty = CodeAgreement(code: plan.label(row), tally: BinaryAgreement(both: 0, onlyA: 0, onlyB: 0, neither: total),
                                          independentUnits: false)
                empty.segments = SegmentCounts(SegmentMatching(matchedA: 0, unmatchedA: 0, matchedB: 0, unmatchedB: 0))
                return empty
            }
            let pooled = result.overall.pooled
            var agreement = CodeAgreement(
                code: plan.label(row),
                tally: BinaryAgreement(both: pooled.both, onlyA: pooled.onlyA, onlyB: pooled.onlyB, neither: pooled.neither),
                independentUnits: false)
            agreement.cohenKappaLengthWeighted = result.overall.lengthWeightedKappa.value
            agreement.segments = SegmentCounts(result.segments)
            return agreement
        }
    }

    // MARK: Overall

    private static func pooled(rows: [CodeAgreement], unit: AgreementUnit, coders m: Int, codeCount: Int) -> CodeAgreement {
        if case .segment = unit {
            let matching = SegmentMatching.combined(rows.map { row in
                let s = row.segments!
                return SegmentMatching(matchedA: s.matchedA, unmatchedA: s.segmentsA - s.matchedA,
                                       matchedB: s.matchedB, unmatchedB: s.segmentsB - s.matchedB)
            })
            return segmentRow("*", matching, codes: codeCount)
        }
        var tally = BinaryAgreement(coders: m)
        for row in rows {
            if m == 2, let both = row.both, let onlyA = row.onlyA, let onlyB = row.onlyB, let neither = row.neither {
                tally.add(both: both, onlyA: onlyA, onlyB: onlyB, neither: neither)
            } else if let counts = row.unitsCodedBy {
                for (j, h) in counts.enumerated() { tally.add(units: h, codedBy: j) }
            }
        }
        var result = CodeAgreement(code: "*", tally: tally, independentUnits: unit != .character && unit != .continuum)
        if unit == .continuum && m == 2 {
            result.segments = rows.compactMap(\.segments).reduce(
                SegmentCounts(SegmentMatching(matchedA: 0, unmatchedA: 0, matchedB: 0, unmatchedB: 0))) { sum, s in
                var sum = sum
                sum.segmentsA += s.segmentsA
                sum.segmentsB += s.segmentsB
                sum.matchedA += s.matchedA
                sum.matchedB += s.matchedB
                return sum
            }
        }
        return result
    }

    private static func method(_ request: ProjectAgreementRequest, coders m: Int) -> String {
        let children = request.includeChildren ? "its own codings and its descendants'" : "its own codings only"
        switch request.unit {
        case .turn, .sentence, .paragraph:
            return "Each \(request.unit) is a unit; a coder coded it with a code when one of their codings of the code "
                + "(\(children)) overlaps it by at least \(request.minOverlap) character(s). Each code x unit is a "
                + "present/absent decision per coder. Pooled: all code x unit decisions in one table; mean: average over codes."
        case .character:
            return "Each character of each document is a unit (NVivo-style); a coder coded it when a coding of the code "
                + "(\(children)) covers it. Characters are not independent, so kappa has no standard error."
        case .segment(let overlap):
            return "MAXQDA-style segment matching: a coding agrees when the other coder has a coding of the same code "
                + "overlapping it by at least \(Int((overlap * 100).rounded()))% of their union. Brennan-Prediger uses q = number of codes."
        case .continuum:
            let pairs = m == 2
                ? "kappa, alpha, length-weighted kappa over documents), segment matching at 90% overlap, "
                    + "Krippendorff's unitizing alpha |uα in its 2004 and 2016 forms"
                : "Fleiss, alpha), Krippendorff's unitizing alpha |uα (2016 form; the 2004 form is for two coders)"
            return "Continuum comparison, documents pooled into one continuum: character-level agreement on the coded "
                + "stretches (\(pairs), and for a code with subcodes Krippendorff's uα and cuα with its subcodes "
                + "(\(children)) as mutually exclusive values; the pooled row takes the top-level codes as values "
                + "(ATLAS.ti's Cu-alpha). cuα needs codes that do not overlap within one coder's coding."
        }
    }
}

/// Which rows a comparison reports (codes, then themes) and which rows each code's codings
/// count for.
struct RowPlan {
    /// Code indexes of the code rows, in codebook order.
    let codeRows: [Int]
    /// Code indexes of the theme rows.
    let themeRows: [Int]
    /// For each code index, the rows its codings mark.
    let targets: [[Int]]
    let paths: [String]

    var rowCount: Int { codeRows.count + themeRows.count }

    func label(_ row: Int) -> String {
        row < codeRows.count ? paths[codeRows[row]] : paths[themeRows[row - codeRows.count]]
    }

    /// Plans rows: codes with their own codings (in `code`'s subtree; the chosen code itself
    /// when nothing in its subtree is coded), then top-level themes (or the chosen code)
    /// rolled up.
    init(scope: AgreementScope, code: String?, includeChildren: Bool) throws {
        let root = try scope.codeIndex(code)
        var used = Set<Int>()
        for coding in scope.codings where scope.isInSubtree(Int(coding.code), of: root) { used.insert(Int(coding.code)) }
        if let root, used.isEmpty { used.insert(root) }  // report the chosen code even when nobody used it
        codeRows = scope.codes.indices.filter { used.contains($0) }
        if let root {
            themeRows = [root]
        } else {
            let tops = Set(used.map { scope.topLevel($0) })
            themeRows = scope.codes.indices.filter { tops.contains($0) }
        }
        var rowOfCode: [Int: Int] = [:]
        for (row, code) in codeRows.enumerated() { rowOfCode[code] = row }
        var targets = [[Int]](repeating: [], count: scope.codes.count)
        for code in scope.codes.indices where scope.isInSubtree(code, of: root) {
            var rows: [Int] = []
            if includeChildren {
                var current: Int? = code
                while let c = current {
                    if let row = rowOfCode[c] { rows.append(row) }
                    if c == root { break }
                    current = scope.parent[c]
                }
            } else if let row = rowOfCode[code] {
                rows.append(row)
            }
            let theme = root ?? scope.topLevel(code)
            if let index = themeRows.firstIndex(of: theme) { rows.append(codeRows.count + index) }
            targets[code] = rows
        }
        self.targets = targets
        paths = scope.codes.map(\.path)
    }
}

extension CodeAgreement {
    /// Records `|uα` (2004 form, and the 2016 form when given), or notes saying why undefined.
    mutating func setUnitizedAlpha(_ alpha: Result<Double, AgreementUndefined>,
                                   _ alpha2016: Result<Double, AgreementUndefined>? = nil) {
        switch alpha {
        case .success(let value): unitizedAlpha = value
        case .failure(let reason): figures.notes.append(AgreementNote("unitized_alpha", reason))
        }
        switch alpha2016 {
        case .success(let value)?: unitizedAlpha2016 = value
        case .failure(let reason)?: figures.notes.append(AgreementNote("unitized_alpha_2016", reason))
        case nil: break
        }
    }
}
