/// A range of text counted in Unicode scalars.
///
/// Offsets are Unicode scalar indexes (what Python's `str` indexes count) into the
/// NFC-normalised, LF-only text of a document. `end` is exclusive, so the span
/// `TextSpan(start: 2, end: 5)` of `"I never did"` is `"nev"`.
public struct TextSpan: Sendable, Hashable, Codable {
    /// The first scalar in the span.
    public var start: Int
    /// The scalar just past the span.
    public var end: Int

    /// Creates a span; `start` must not be greater than `end`.
    public init(start: Int, end: Int) {
        precondition(start <= end, "TextSpan start \(start) is after end \(end)")
        self.start = start
        self.end = end
    }

    /// The number of scalars in the span.
    public var length: Int { end - start }

    /// Whether the span covers no text.
    public var isEmpty: Bool { start == end }
}

extension TextSpan {
    /// The text the span covers in `text` (which must be the text the span was made for).
    ///
    /// Complexity: O(`end`), since scalars are counted from the start of `text`.
    public func slice(of text: String) -> String {
        let scalars = text.unicodeScalars
        let from = scalars.index(scalars.startIndex, offsetBy: start)
        let to = scalars.index(from, offsetBy: end - start)
        return String(scalars[from..<to])
    }
}
