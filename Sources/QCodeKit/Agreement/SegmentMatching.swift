/// Segment-level agreement of two coders on one code, in the manner of MAXQDA's
/// intercoder agreement at segment level.
///
/// Rule (ours; MAXQDA's exact overlap measure is not published): a segment of coder A
/// *agrees* when some segment of coder B with the same code overlaps it by at least
/// `threshold` (0...1, MAXQDA's default 90%), measured as
/// - `.union`: `|a ∩ b| / |a ∪ b|` (Jaccard; symmetric, strictest), or
/// - `.longer`: `|a ∩ b| / max(|a|, |b|)`.
/// Each coder's segments are checked against the other's, so one segment may match several.
/// Empty segments are ignored.
///
///     percent agreement = (matchedA + matchedB) / (segmentsA + segmentsB)
///
/// There is no "coded by neither" cell, so Cohen's kappa cannot be formed; across `q` codes
/// MAXQDA reports Brennan-Prediger, `(p_o - 1/q) / (1 - 1/q)`, see ``brennanPrediger(codes:)``.
public struct SegmentMatching: Sendable, Equatable {
    public enum OverlapRule: String, Sendable, Codable {
        case union
        case longer
    }

    public let matchedA: Int
    public let unmatchedA: Int
    public let matchedB: Int
    public let unmatchedB: Int

    public init(matchedA: Int, unmatchedA: Int, matchedB: Int, unmatchedB: Int) {
        self.matchedA = matchedA
        self.unmatchedA = unmatchedA
        self.matchedB = matchedB
        self.unmatchedB = unmatchedB
    }

    /// `(matchedA + matchedB) / (segmentsA + segmentsB)`; `.noSegments` when there are none.
    public var percentAgreement: Result<Double, AgreementUndefined> {
        let total = matchedA + unmatchedA + matchedB + unmatchedB
        guard total > 0 else { return .failure(.noSegments) }
        return .success(Double(matchedA + matchedB) / Double(total))
    }

    /// Brennan-Prediger with chance `1/q` for `q` codes, from the percent agreement.
    public func brennanPrediger(codes q: Int) -> Result<Double, AgreementUndefined> {
        guard q >= 2 else { return .failure(.chanceAgreementIsOne) }
        return percentAgreement.map { ($0 - 1 / Double(q)) / (1 - 1 / Double(q)) }
    }

    /// Sums of several comparisons (e.g. over documents or codes).
    public static func combined(_ parts: [SegmentMatching]) -> SegmentMatching {
        SegmentMatching(
            matchedA: parts.reduce(0) { $0 + $1.matchedA }, unmatchedA: parts.reduce(0) { $0 + $1.unmatchedA },
            matchedB: parts.reduce(0) { $0 + $1.matchedB }, unmatchedB: parts.reduce(0) { $0 + $1.unmatchedB })
    }

    /// Matches two coders' segments for one code.
    ///
    /// ```swift
    /// // A: 0..<100; B: 5..<100 → overlap 95 / union 100 = 95% ≥ 90%: both match.
    /// ```
    /// - Complexity: O(s log s + matches) for s segments.
    public static func compare(
        coderA: [ContinuumSpan], coderB: [ContinuumSpan], threshold: Double = 0.9, rule: OverlapRule = .union
    ) -> SegmentMatching {
        let a = coderA.filter { $0.length > 0 }.sorted()
        let b = coderB.filter { $0.length > 0 }.sorted()
        let ma = matches(a, against: b, threshold: threshold, rule: rule)
        let mb = matches(b, against: a, threshold: threshold, rule: rule)
        return SegmentMatching(matchedA: ma, unmatchedA: a.count - ma, matchedB: mb, unmatchedB: b.count - mb)
    }

    static func agrees(_ x: ContinuumSpan, _ y: ContinuumSpan, threshold: Double, rule: OverlapRule) -> Bool {
        let inter = x.overlap(y)
        guard inter > 0 else { return false }
        let base = rule == .union ? x.length + y.length - inter : max(x.length, y.length)
        return Double(inter) >= threshold * Double(base) - 1e-9
    }

    /// Number of segments of sorted `xs` agreeing with some segment of sorted `ys`.
    static func matches(_ xs: [ContinuumSpan], against ys: [ContinuumSpan], threshold: Double, rule: OverlapRule) -> Int {
        // Prefix maximum of ends lets us skip segments of ys that end before x starts.
        var matched = 0
        var first = 0
        var maxEnd = [Int](repeating: 0, count: ys.count)
        var running = Int.min
        for (i, y) in ys.enumerated() {
            running = max(running, y.end)
            maxEnd[i] = running
        }
        for x in xs {
            while first < ys.count && maxEnd[first] <= x.start { first += 1 }
            var j = first
            var found = false
            while j < ys.count && ys[j].start < x.end {
                if agrees(x, ys[j], threshold: threshold, rule: rule) {
                    found = true
                    break
                }
                j += 1
            }
            if found { matched += 1 }
        }
        return matched
    }
}
