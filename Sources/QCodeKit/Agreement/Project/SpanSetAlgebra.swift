/// Set operations on sorted, disjoint lists of spans (as `UnitAssignments.union` returns).
enum SpanSetAlgebra {
    /// The stretches covered by both lists.
    static func intersection(_ a: [TextSpan], _ b: [TextSpan]) -> [TextSpan] {
        var out: [TextSpan] = []
        var i = 0, j = 0
        while i < a.count && j < b.count {
            let start = max(a[i].start, b[j].start), end = min(a[i].end, b[j].end)
            if start < end { out.append(TextSpan(start: start, end: end)) }
            if a[i].end < b[j].end { i += 1 } else { j += 1 }
        }
        return out
    }

    /// The stretches of `a` that `b` does not cover.
    static func difference(_ a: [TextSpan], _ b: [TextSpan]) -> [TextSpan] {
        var out: [TextSpan] = []
        var j = 0
        for span in a {
            var cursor = span.start
            while j < b.count && b[j].end <= cursor { j += 1 }
            var k = j
            while k < b.count && b[k].start < span.end {
                if b[k].start > cursor { out.append(TextSpan(start: cursor, end: b[k].start)) }
                cursor = max(cursor, b[k].end)
                k += 1
            }
            if cursor < span.end { out.append(TextSpan(start: cursor, end: span.end)) }
        }
        return out
    }
}
