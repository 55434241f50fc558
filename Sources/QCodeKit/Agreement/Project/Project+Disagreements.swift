/// One unit on which two coders applied different codes; for units `character` and
/// `continuum`, one maximal stretch of text over which their codes differ.
public struct UnitDisagreement: Sendable, Codable, Equatable {
    public var document: String
    /// The unit's number in its document, from 1 (as `qcode show` numbers turns); for a
    /// stretch, the number of the turn it starts in (or the next turn, when it starts between turns).
    public var unit: Int
    public var start: Int
    public var end: Int
    /// The unit's text.
    public var text: String
    /// Codes (paths) only the first coder applied.
    public var onlyA: [String]
    /// Codes only the second coder applied.
    public var onlyB: [String]
    /// Codes both applied.
    public var agreed: [String]

    enum CodingKeys: String, CodingKey {
        case document, unit, start, end, text
        case onlyA = "only_a", onlyB = "only_b", agreed
    }
}

/// Which disagreements to list.
public struct DisagreementRequest: Sendable {
    /// Exactly two coders.
    public var coders: [String]
    /// `turn`, `sentence`, `paragraph`, or `character` / `continuum` for stretches of text.
    public var unit: AgreementUnit = .turn
    public var minOverlap = 1
    /// Only codes in this code's subtree.
    public var code: String?
    public var documents: [String] = []

    public init(coders: [String]) {
        self.coders = coders
    }
}

/// A cross-tabulation of two coders' choices among sibling codes over units.
public struct ConfusionMatrix: EncodesEveryKey, Sendable, Codable, Equatable {
    /// The parent code.
    public var code: String
    public var coders: [String]
    /// Child code names, then `(none)` and `(several)`; rows the first coder, columns the second.
    public var categories: [String]
    public var counts: [[Int]]
    public var units: Int
    public var percentAgreement: Double?
    public var cohenKappa: Double?
    public var notes: [AgreementNote]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, coders, categories, counts, units
        case percentAgreement = "percent_agreement"
        case cohenKappa = "cohen_kappa"
        case notes
    }

    public func encode(to encoder: Encoder) throws {
        try encodeEveryKey(to: encoder)
    }
}

extension Project {
    /// Every unit where two coders applied different codes (each code exactly: a child
    /// code is not its parent), with who applied what.
    ///
    /// A coder applied a code to a unit when one of their codings of it overlaps the unit
    /// by at least `minOverlap` characters. For `character` and `continuum` every maximal
    /// stretch over which the two coders' sets of codes differ is listed instead.
    /// - Throws: `AgreementError`, `DocumentLookupError`, `CodebookError`.
    public func disagreements(_ request: DisagreementRequest) throws -> [UnitDisagreement] {
        guard request.coders.count == 2 else { throw AgreementError.needsTwoCoders("disagreements") }
        if request.unit == .character || request.unit == .continuum { return try stretchDisagreements(request) }
        guard [.turn, .sentence, .paragraph].contains(request.unit) else {
            throw AgreementError.unsupportedUnit("disagreements", allowed: "turn, sentence, paragraph, character or continuum")
        }
        return try read { store in
            let scope = try AgreementScope.read(store, coders: request.coders, documents: request.documents)
            let root = try scope.codeIndex(request.code)
            let units = try scope.units(store, kind: request.unit)
            var result: [UnitDisagreement] = []
            for (d, document) in scope.documents.enumerated() {
                let assignments = UnitAssignments(scope: scope, document: d, units: units[d], minOverlap: request.minOverlap) {
                    scope.isInSubtree($0, of: root)
                }
                var byUnit: [Int: (a: [String], b: [String], both: [String])] = [:]
                for key in assignments.keys {
                    let pieces = assignments.pieces[key]!
                    let path = scope.codes[key.code].path
                    var entry = byUnit[key.unit] ?? ([], [], [])
                    switch (pieces[0].isEmpty, pieces[1].isEmpty) {
                    case (false, false): entry.both.append(path)
                    case (false, true): entry.a.append(path)
                    case (true, false): entry.b.append(path)
                    case (true, true): break
                    }
                    byUnit[key.unit] = entry
                }
                let disagreeing = byUnit.keys.sorted().filter { !byUnit[$0]!.a.isEmpty || !byUnit[$0]!.b.isEmpty }
                guard !disagreeing.isEmpty else { continue }
                let text = try scope.text(store, document: d)
                for unit in disagreeing {
                    let entry = byUnit[unit]!
                    let start = units[d].starts[unit], end = units[d].ends[unit]
                    result.append(UnitDisagreement(document: document.name, unit: unit + 1, start: start, end: end,
                                                   text: text.slice(start, end), onlyA: entry.a, onlyB: entry.b, agreed: entry.both))
                }
            }
            return result
        }
    }

    private func stretchDisagreements(_ request: DisagreementRequest) throws -> [UnitDisagreement] {
        try read { store in
            let scope = try AgreementScope.read(store, coders: request.coders, documents: request.documents)
            let root = try scope.codeIndex(request.code)
            let turns = try scope.units(store, kind: .turn)
            var result: [UnitDisagreement] = []
            for (d, document) in scope.documents.enumerated() {
                let stretches = StretchDisagreements.stretches(scope: scope, document: d) { scope.isInSubtree($0, of: root) }
                guard !stretches.isEmpty else { continue }
                let text = try scope.text(store, document: d)
                for s in stretches {
                    let turn = StretchDisagreements.turnNumber(turns[d], at: s.start)
                    result.append(UnitDisagreement(
                        document: document.name, unit: turn, start: s.start, end: s.end, text: text.slice(s.start, s.end),
                        onlyA: s.onlyA.map { scope.codes[$0].path }, onlyB: s.onlyB.map { scope.codes[$0].path },
                        agreed: s.agreed.map { scope.codes[$0].path }))
                }
            }
            return result
        }
    }

    /// Cross-tabulates which child of `code` (counting each child's subtree) each of two
    /// coders applied to each unit: a unit falls in a child's row (or column) when the coder
    /// applied exactly that child, in `(none)` when none, in `(several)` when more than one.
    /// Cohen's kappa is computed over these categories.
    /// - Throws: `AgreementError.noChildren` when the code has no children.
    public func confusionMatrix(_ request: DisagreementRequest) throws -> ConfusionMatrix {
        guard request.coders.count == 2 else { throw AgreementError.needsTwoCoders("a confusion matrix") }
        guard [.turn, .sentence, .paragraph].contains(request.unit) else { throw AgreementError.needsStoredUnits("a confusion matrix") }
        guard let codeQuery = request.code else {
            throw AgreementError.badDecisionsFile("a confusion matrix needs a parent code, whose child codes are compared")
        }
        return try read { store in
            let scope = try AgreementScope.read(store, coders: request.coders, documents: request.documents)
            let parent = try scope.codeIndex(codeQuery)!
            let children = scope.codes.indices.filter { scope.parent[$0] == parent }
            guard !children.isEmpty else { throw AgreementError.noChildren(scope.codes[parent].path) }
            var childOf = [Int?](repeating: nil, count: scope.codes.count)
            for (index, child) in children.enumerated() {
                for code in scope.codes.indices where scope.isInSubtree(code, of: child) { childOf[code] = index }
            }
            let q = children.count + 2
            let none = children.count, several = children.count + 1
            var counts = [[Int]](repeating: [Int](repeating: 0, count: q), count: q)
            let units = try scope.units(store, kind: request.unit)
            var sweep = UnitCoding(rows: children.count, coders: 2)
            for d in scope.documents.indices {
                sweep.reset(units: units[d].count)
                for coding in scope.codings(ofDocument: d) {
                    guard let child = childOf[Int(coding.code)] else { continue }
                    sweep.mark(row: child, coder: Int(coding.coder),
                               units: units[d].units(overlapping: coding.start, coding.end, minOverlap: request.minOverlap))
                }
                for unit in 0..<units[d].count {
                    func category(_ coder: Int) -> Int {
                        let applied = (0..<children.count).filter { sweep.isMarked(row: $0, coder: coder, unit: unit) }
                        return applied.isEmpty ? none : applied.count == 1 ? applied[0] : several
                    }
                    counts[category(0)][category(1)] += 1
                }
            }
            var notes: [AgreementNote] = []
            let table = try ContingencyTable(counts: counts.map { $0.map(Double.init) })
            let percent = PercentAgreement.compute(table)
            let kappa = CohenKappa.compute(table)
            if let reason = percent.undefinedReason { notes.append(AgreementNote("percent_agreement", reason)) }
            if let reason = kappa.undefinedReason { notes.append(AgreementNote("cohen_kappa", reason)) }
            return ConfusionMatrix(
                code: scope.codes[parent].path, coders: scope.coders,
                categories: children.map { scope.codes[$0].name } + ["(none)", "(several)"],
                counts: counts, units: counts.reduce(0) { $0 + $1.reduce(0, +) },
                percentAgreement: percent.value, cohenKappa: kappa.value?.kappa, notes: notes)
        }
    }
}
