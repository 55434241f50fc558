import Foundation

/// One disagreement to decide when reconciling two coders: a unit where only one of them
/// applied a code.
public struct ReconcileDecision: Sendable, Codable, Equatable {
    /// What to do with the disagreeing coding.
    public enum Choice: String, Sendable, Codable {
        /// Add the coder's coding (clipped to the unit) to the consensus.
        case keep
        /// Leave it out of the consensus.
        case drop
    }

    public var document: String
    /// The unit's number in its document, from 1.
    public var unit: Int
    public var start: Int
    public var end: Int
    /// The code's path.
    public var code: String
    /// The coder who applied it.
    public var codedBy: String
    /// The decision; nil while undecided.
    public var decision: Choice?
    /// The unit's text (for review; ignored when reading).
    public var text: String

    enum CodingKeys: String, CodingKey {
        case document, unit, start, end, code
        case codedBy = "coded_by"
        case decision, text
    }

    public init(document: String, unit: Int, start: Int, end: Int, code: String, codedBy: String,
                decision: Choice? = nil, text: String = "") {
        self.document = document
        self.unit = unit
        self.start = start
        self.end = end
        self.code = code
        self.codedBy = codedBy
        self.decision = decision
        self.text = text
    }

    /// What identifies a disagreement between runs.
    var key: String { "\(document)\u{1F}\(start)\u{1F}\(end)\u{1F}\(CodePath(code).key)\u{1F}\(codedBy.lowercased())" }
}

/// What a reconcile run did.
public struct ReconcileReport: Sendable, Equatable {
    /// (unit, code) pairs both coders applied; for stretches, stretches both coded with a code.
    public var agreed = 0
    /// Codings added to the consensus coder in this run (0 when re-run with nothing new).
    public var added = 0
    /// Consensus codings removed in this run because their decision is now `drop` (it was
    /// `keep` in an earlier run).
    public var removed = 0
    /// Every current disagreement, with the decision read from the decisions file, if any.
    public var decisions: [ReconcileDecision] = []
    public var kept = 0
    public var dropped = 0
    /// Disagreements with no decision yet.
    public var pending: Int { decisions.filter { $0.decision == nil }.count }
    /// Decisions in the file that match no current disagreement (ignored).
    public var stale = 0
}

extension Project {
    /// Builds (or extends) the consensus coding of two coders as a third coder, `into`.
    ///
    /// For every unit and code, in one transaction:
    /// - when both coders applied the code to the unit, the consensus gets the union of the
    ///   parts of both coders' codings of it that lie inside the unit (so a coding spanning
    ///   several units becomes one consensus coding per agreed unit);
    /// - when only one applied it, the decision for that disagreement applies: `keep` adds
    ///   that coder's coded part of the unit, `drop` and no decision add nothing.
    /// Decisions can change between runs: a disagreement kept earlier and now dropped has
    /// its consensus coding removed; one dropped earlier and now kept gets it added.
    /// For units `character` and `continuum` the text itself is compared, code by code: each
    /// maximal stretch both coders coded with a code becomes a consensus coding, and each
    /// maximal stretch only one of them coded is a disagreement to decide (`unit` is then the
    /// turn it starts in, or the next).
    /// Codings the consensus already has are not added again, so re-running is safe. The
    /// audit log records the run and how many codings it added and removed (undo reverts both).
    ///
    /// - Parameters:
    ///   - decisions: decisions from an earlier run's file (matched by document, start,
    ///     end, code and coder; others are counted as stale).
    /// - Throws: `AgreementError`, `DocumentLookupError`.
    public func reconcile(
        coders: [String], into consensus: String, unit: AgreementUnit = .turn, minOverlap: Int = 1,
        documents: [String] = [], decisions: [ReconcileDecision] = []
    ) throws -> ReconcileReport {
        guard coders.count == 2 else { throw AgreementError.needsTwoCoders("reconcile") }
        let stretches = unit == .character || unit == .continuum
        guard stretches || [.turn, .sentence, .paragraph].contains(unit) else {
            throw AgreementError.unsupportedUnit("reconcile", allowed: "turn, sentence, paragraph, character or continuum")
        }
        let name = consensus.trimmingCharacters(in: .whitespaces)
        if coders.contains(where: { $0.trimmingCharacters(in: .whitespaces).caseInsensitiveCompare(name) == .orderedSame }) {
            throw AgreementError.consensusIsACoder(name)
        }
        var decided: [String: ReconcileDecision.Choice] = [:]
        for row in decisions { if let choice = row.decision { decided[row.key] = choice } }
        return try write { store in
            let scope = try AgreementScope.read(store, coders: coders, documents: documents)
            var run = ReconcileRun(name: name, consensusID: try store.coderID(named: name), decided: decided)
            if stretches {
                try Self.reconcileStretches(store, scope: scope, run: &run)
            } else {
                try Self.reconcileUnits(store, scope: scope, unit: unit, minOverlap: minOverlap, run: &run)
            }
            run.report.added = run.added
            run.report.removed = run.removed
            run.report.stale = decided.keys.filter { !run.used.contains($0) }.count
            let report = run.report
            try store.record(
                .bulkCodings(BulkCodings(source: "reconcile", count: report.added)),
                summary: "\(name): consensus of \(scope.coders.joined(separator: " and ")) by \(unit): \(report.agreed) agreed, "
                    + "\(report.kept) kept, \(report.dropped) dropped, \(report.pending) undecided; added \(report.added) coding(s)"
                    + (report.removed > 0 ? ", removed \(report.removed)" : ""),
                actor: name)
            return report
        }
    }

    /// Units: per unit and code, the union of both coders' parts when both applied it,
    /// otherwise a decision.
    private static func reconcileUnits(
        _ store: Store, scope: AgreementScope, unit: AgreementUnit, minOverlap: Int, run: inout ReconcileRun
    ) throws {
        let units = try scope.units(store, kind: unit)
        for (d, document) in scope.documents.enumerated() {
            let assignments = UnitAssignments(scope: scope, document: d, units: units[d], minOverlap: minOverlap) { _ in true }
            var text: ScalarText?
            for key in assignments.keys {
                let pieces = assignments.pieces[key]!
                let code = scope.codes[key.code]
                var spans: [TextSpan] = []
                if !pieces[0].isEmpty && !pieces[1].isEmpty {
                    run.report.agreed += 1
                    spans = UnitAssignments.union(pieces[0] + pieces[1])
                } else {
                    let coder = pieces[0].isEmpty ? 1 : 0
                    if text == nil { text = try scope.text(store, document: d) }
                    let start = units[d].starts[key.unit], end = units[d].ends[key.unit]
                    var row = ReconcileDecision(
                        document: document.name, unit: key.unit + 1, start: start, end: end, code: code.path,
                        codedBy: scope.coders[coder], text: text!.slice(start, end))
                    switch run.decide(&row) {
                    case .keep: spans = UnitAssignments.union(pieces[coder])
                    case .drop: try run.remove(store, spans: UnitAssignments.union(pieces[coder]), document: document.id, code: code.id)
                    case nil: break
                    }
                }
                try run.add(store, spans: spans, document: document.id, code: code.id)
            }
        }
    }

    /// Stretches: per code, each stretch both coders coded, plus the decided one-sided stretches.
    private static func reconcileStretches(_ store: Store, scope: AgreementScope, run: inout ReconcileRun) throws {
        let turns = try scope.units(store, kind: .turn)
        for (d, document) in scope.documents.enumerated() {
            var byCode: [Int: [[TextSpan]]] = [:]
            for coding in scope.codings(ofDocument: d) where coding.end > coding.start {
                byCode[Int(coding.code), default: [[], []]][Int(coding.coder)].append(TextSpan(start: coding.start, end: coding.end))
            }
            guard !byCode.isEmpty else { continue }
            let text = try scope.text(store, document: d)
            for codeIndex in byCode.keys.sorted() {
                let code = scope.codes[codeIndex]
                let a = UnitAssignments.union(byCode[codeIndex]![0]), b = UnitAssignments.union(byCode[codeIndex]![1])
                var spans = SpanSetAlgebra.intersection(a, b)
                run.report.agreed += spans.count
                for (coder, only) in [(0, SpanSetAlgebra.difference(a, b)), (1, SpanSetAlgebra.difference(b, a))] {
                    for span in only {
                        var row = ReconcileDecision(
                            document: document.name, unit: StretchDisagreements.turnNumber(turns[d], at: span.start),
                            start: span.start, end: span.end, code: code.path, codedBy: scope.coders[coder],
                            text: text.slice(span.start, span.end))
                        switch run.decide(&row) {
                        case .keep: spans.append(span)
                        case .drop: try run.remove(store, spans: [span], document: document.id, code: code.id)
                        case nil: break
                        }
                    }
                }
                try run.add(store, spans: spans.sorted { $0.start < $1.start }, document: document.id, code: code.id)
            }
        }
    }
}

/// The state of one reconcile run: the report, the decisions read, the codings added.
private struct ReconcileRun {
    let name: String
    let consensusID: Int64
    let decided: [String: ReconcileDecision.Choice]
    var report = ReconcileReport()
    /// How many consensus codings were added.
    var added = 0
    /// How many consensus codings were removed (a decision changed from keep to drop).
    var removed = 0
    /// Keys of the decisions that matched a current disagreement.
    var used = Set<String>()

    /// Looks up the decision for `row`, records it in the report, and returns it.
    mutating func decide(_ row: inout ReconcileDecision) -> ReconcileDecision.Choice? {
        row.decision = decided[row.key]
        if row.decision != nil { used.insert(row.key) }
        switch row.decision {
        case .keep: report.kept += 1
        case .drop: report.dropped += 1
        case nil: break
        }
        report.decisions.append(row)
        return row.decision
    }

    /// Removes the consensus codings a `keep` of this disagreement added in an earlier run.
    mutating func remove(_ store: Store, spans: [TextSpan], document: Int64, code: String) throws {
        for span in spans {
            guard let id = try store.codingID(documentID: document, codeID: code, coderName: name,
                                              start: span.start, end: span.end) else { continue }
            try store.deleteCoding(id: id)
            removed += 1
        }
    }

    /// Adds the consensus codings not already there.
    mutating func add(_ store: Store, spans: [TextSpan], document: Int64, code: String) throws {
        guard !spans.isEmpty else { return }
        let change = try store.insertCodings(documentID: document, codeID: code, coderID: consensusID,
                                             spans: spans, memo: nil)
        added += change.changed.count
    }
}

/// The reviewable decisions file of `qcode reconcile`: CSV with the header
/// `document,unit,start,end,code,coded_by,decision,text`, one line per disagreement.
/// `decision` is empty, `keep` or `drop`; `text` is the unit's text on one line, for
/// reading only.
public enum ReconcileDecisionsFile {
    public static let header = ["document", "unit", "start", "end", "code", "coded_by", "decision", "text"]

    /// The file's text (RFC 4180, formula-safe, line breaks in the text shown as spaces so
    /// that each disagreement is one line).
    public static func render(_ rows: [ReconcileDecision]) -> String {
        Tabular(headers: header, rows: rows.map { row in
            [row.document, String(row.unit), String(row.start), String(row.end), row.code, row.codedBy,
             row.decision?.rawValue ?? "",
             row.text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")]
        }).csv()
    }

    /// Reads a decisions file.
    ///
    /// - Throws: `AgreementError.badDecision(line:value:)` for a decision other than
    ///   keep, drop or empty; `.badDecisionsFile` for missing columns or bad numbers.
    public static func parse(_ text: String, file: String) throws -> [ReconcileDecision] {
        try ReconcileDecisionsCSV.parse(text, file: file)
    }
}
