/// Which codes each of two coders applied to each unit of one document, with the parts of
/// their codings that fall inside the unit. The basis of `disagreements` and `reconcile`.
struct UnitAssignments {
    struct Key: Hashable, Comparable {
        var unit: Int
        var code: Int

        static func < (a: Key, b: Key) -> Bool { (a.unit, a.code) < (b.unit, b.code) }
    }

    /// For each (unit, code) that either coder applied: each coder's coded parts of the unit.
    private(set) var pieces: [Key: [[TextSpan]]] = [:]

    /// Assigns document `d`'s codings of codes for which `counts(code)` is true to units.
    init(scope: AgreementScope, document d: Int, units: UnitSpans, minOverlap: Int, counts: (Int) -> Bool) {
        self.init(codings: scope.codings(ofDocument: d), coders: scope.coders.count, units: units,
                  minOverlap: minOverlap, counts: counts)
    }

    /// Assigns one document's codings (by coders `0..<coders`) of codes for which
    /// `counts(code)` is true to the units they overlap by at least `minOverlap` characters,
    /// keeping the part of each coding inside each unit.
    init<Codings: Sequence<AgreementScope.Coding>>(
        codings: Codings, coders: Int, units: UnitSpans, minOverlap: Int, counts: (Int) -> Bool
    ) {
        for coding in codings where counts(Int(coding.code)) {
            for unit in units.units(overlapping: coding.start, coding.end, minOverlap: minOverlap) {
                let piece = TextSpan(start: max(coding.start, units.starts[unit]), end: min(coding.end, units.ends[unit]))
                let key = Key(unit: unit, code: Int(coding.code))
                var entry = pieces[key] ?? [[TextSpan]](repeating: [], count: coders)
                entry[Int(coding.coder)].append(piece)
                pieces[key] = entry
            }
        }
    }

    /// The (unit, code) pairs in order.
    var keys: [Key] { pieces.keys.sorted() }

    /// Sorted, merged spans covering `spans` (overlapping or touching spans joined).
    static func union(_ spans: [TextSpan]) -> [TextSpan] {
        var merged: [TextSpan] = []
        for span in spans.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) where !span.isEmpty {
            if let last = merged.last, span.start <= last.end {
                merged[merged.count - 1] = TextSpan(start: last.start, end: max(last.end, span.end))
            } else {
                merged.append(span)
            }
        }
        return merged
    }
}
