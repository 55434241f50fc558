/// The turns around a coded segment (`qcode segments --context N`).
public struct SegmentContext: Sendable, Equatable, Encodable {
    /// The N turns before the turn where the segment starts, one per line as
    /// `SPEAKER: text` (just the text for a turn without speaker).
    public var before: String
    /// The N turns after the turn where the segment ends, in the same form.
    public var after: String

    public init(before: String, after: String) {
        self.before = before
        self.after = after
    }

    /// The context of the segment `start..<end` among `turns` (in order); `slice` gives the
    /// text between two scalar offsets.
    static func of(start: Int, end: Int, turns: [TurnInfo], count: Int, slice: (Int, Int) -> String) -> SegmentContext {
        guard count > 0, !turns.isEmpty else { return SegmentContext(before: "", after: "") }
        func line(_ turn: TurnInfo) -> String {
            let text = slice(turn.start, turn.end)
            return turn.speaker.map { "\($0): \(text)" } ?? text
        }
        let first = TurnInfo.index(startingAtOrBefore: start, in: turns)
        let last = TurnInfo.index(startingAtOrBefore: max(start, end - 1), in: turns)
        let beforeRange = first.map { max(0, $0 - count)..<$0 } ?? 0..<0
        let afterStart = last.map { $0 + 1 } ?? 0
        let afterRange = afterStart..<min(turns.count, afterStart + count)
        return SegmentContext(before: turns[beforeRange].map(line).joined(separator: "\n"),
                              after: afterRange.isEmpty ? "" : turns[afterRange].map(line).joined(separator: "\n"))
    }
}
