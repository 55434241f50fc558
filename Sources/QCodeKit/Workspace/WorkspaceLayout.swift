/// Where each turn of a transcript sits on screen at one width: its text wrapped, and the
/// row where its block starts.
///
/// A block is a header row (number, speaker, time), the wrapped text, enough extra rows for
/// the turn's codes when they do not fit beside it, and a blank row. The codes go in a
/// margin on the right, or below the text when the window is narrow. Wrapping is the
/// expensive part and depends only on the width, so the workspace keeps one layout per
/// width and only recounts block heights (`setCodeCounts`) when codings change.
public struct WorkspaceLayout: Sendable {
    /// The screen width this layout is for.
    public let width: Int
    /// Columns before the text (selection marker).
    public let gutter = 2
    /// Columns of turn text.
    public let textWidth: Int
    /// Columns of the code margin (0: codes are listed under the text).
    public let marginWidth: Int
    /// Each unit's wrapped lines.
    public let wrapped: [[WrappedLine]]
    /// The first row of each unit's block, and the total row count last.
    public private(set) var blockStart: [Int]
    /// The codes shown for each unit (set with `setCodeCounts`).
    public private(set) var codeCounts: [Int]

    public init(units: [WorkspaceUnit], scalars: [Unicode.Scalar], width: Int) {
        self.width = width
        marginWidth = width >= 110 ? 34 : width >= 60 ? 22 : 0
        let columns = max(10, width - 2 - (marginWidth > 0 ? marginWidth + 3 : 0))
        textWidth = columns
        wrapped = units.map { TextWrapper.wrap(scalars, start: $0.span.start, end: $0.span.end, width: columns) }
        codeCounts = Array(repeating: 0, count: units.count)
        blockStart = []
        setCodeCounts(codeCounts)
    }

    /// Rows in the whole transcript.
    public var totalRows: Int { blockStart.last ?? 0 }

    /// Rows of unit `index`'s block beyond the header and text (for codes) before the blank row.
    public func extraRows(_ index: Int) -> Int {
        marginWidth > 0 ? max(0, codeCounts[index] - 1 - wrapped[index].count) : codeCounts[index]
    }

    /// Recomputes block positions for new numbers of codes per unit.
    public mutating func setCodeCounts(_ counts: [Int]) {
        codeCounts = counts
        var starts: [Int] = []
        starts.reserveCapacity(wrapped.count + 1)
        var row = 0
        for index in wrapped.indices {
            starts.append(row)
            row += 1 + wrapped[index].count + extraRows(index) + 1
        }
        starts.append(row)
        blockStart = starts
    }

    /// The unit whose block holds `row` (clamped).
    public func unit(atRow row: Int) -> Int {
        guard wrapped.count > 1 else { return 0 }
        var low = 0
        var high = wrapped.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if blockStart[mid] <= row { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
