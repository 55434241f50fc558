/// Keyword-in-context lines: the text either side of a hit, within its turn.
public enum KeywordInContext {
    /// The default number of characters shown either side of a hit.
    public static let defaultWidth = 40

    /// Up to `width` scalars before and after `hit`, not crossing the ends of `unit` (the
    /// hit's turn), as ranges of indexes.
    public static func context(hit: Range<Int>, unit: Range<Int>, width: Int) -> (left: Range<Int>, right: Range<Int>) {
        let leftStart = max(unit.lowerBound, hit.lowerBound - max(0, width))
        let rightEnd = min(unit.upperBound, hit.upperBound + max(0, width))
        return (leftStart..<max(leftStart, hit.lowerBound), hit.upperBound..<max(hit.upperBound, rightEnd))
    }
}
