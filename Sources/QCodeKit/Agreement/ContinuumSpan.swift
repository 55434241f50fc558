/// One document as every coder unitized it (for one code, or with values): the continuum
/// the unitizing alphas compare. `Span` is ``ContinuumSpan`` or ``UnitizedAlphaFamily/ValuedSpan``.
public struct UnitizedContinuum<Span: Sendable & Equatable>: Sendable, Equatable {
    public var length: Int
    /// One list of spans per coder.
    public var coders: [[Span]]
    public var document: String

    public init(length: Int, coders: [[Span]], document: String = "") {
        self.length = length
        self.coders = coders
        self.document = document
    }
}

/// A coded stretch of a document: offsets `start ..< end` (end exclusive) in the unit qcode
/// uses for text offsets everywhere (see ARCHITECTURE.md).
public struct ContinuumSpan: Sendable, Hashable, Codable, Comparable {
    public let start: Int
    public let end: Int

    /// - Throws: `ContinuumSpanError.invalid` unless `0 <= start <= end`.
    public init(start: Int, end: Int) throws {
        guard start >= 0, start <= end else { throw ContinuumSpanError.invalid(start: start, end: end) }
        self.start = start
        self.end = end
    }

    public var length: Int { end - start }

    public static func < (a: ContinuumSpan, b: ContinuumSpan) -> Bool { (a.start, a.end) < (b.start, b.end) }

    /// Length of the overlap of two spans.
    public func overlap(_ other: ContinuumSpan) -> Int { max(0, min(end, other.end) - max(start, other.start)) }

    /// Sorted, disjoint spans covering the same offsets as `spans` (overlapping or touching
    /// spans merged, empty spans dropped).
    static func union(_ spans: [ContinuumSpan]) -> [(start: Int, end: Int)] {
        var out: [(start: Int, end: Int)] = []
        for s in spans.sorted() where s.length > 0 {
            if let last = out.last, s.start <= last.end {
                out[out.count - 1].end = max(last.end, s.end)
            } else {
                out.append((s.start, s.end))
            }
        }
        return out
    }

    /// Total length of the intersection of two sorted disjoint span lists.
    static func intersectionLength(_ a: [(start: Int, end: Int)], _ b: [(start: Int, end: Int)]) -> Int {
        var i = 0
        var j = 0
        var total = 0
        while i < a.count && j < b.count {
            total += max(0, min(a[i].end, b[j].end) - max(a[i].start, b[j].start))
            if a[i].end < b[j].end { i += 1 } else { j += 1 }
        }
        return total
    }
}

/// A problem with coded spans.
public enum ContinuumSpanError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(start: Int, end: Int)
    case outsideDocument(document: String, end: Int, length: Int)
    case unknownDocument(String)
    case invalidValue(Int, values: Int)

    public var description: String {
        switch self {
        case .invalid(let s, let e): "span \(s)..<\(e) is invalid: need 0 <= start <= end"
        case .outsideDocument(let d, let e, let l): "span ending at \(e) is outside document '\(d)' of length \(l)"
        case .unknownDocument(let d): "no length given for document '\(d)'"
        case .invalidValue(let v, let n): "value \(v) is outside 0..<\(n)"
        }
    }
}
