/// Which units of one document each coder coded with each code (or rolled-up code), as
/// bit sets: one bit per unit, per (row, coder).
///
/// Built by a sweep over the document's codings: each coding marks the contiguous run of
/// units it overlaps (found by binary search in the sorted units), so a document costs
/// O(codings · log units + units / 64 per touched row), with no per-unit database work.
struct UnitCoding {
    let rowCount: Int
    let coderCount: Int
    private(set) var unitCount = 0
    private(set) var wordCount = 0
    private var bits: [UInt64] = []
    /// Rows with at least one mark in the current document.
    private(set) var touched: [Bool]
    private var touchedRows: [Int] = []

    init(rows: Int, coders: Int) {
        rowCount = rows
        coderCount = coders
        touched = [Bool](repeating: false, count: rows)
    }

    /// Clears the marks and sizes the sets for a document of `units` units.
    mutating func reset(units: Int) {
        let words = (units + 63) / 64
        if words != wordCount {
            wordCount = words
            bits = [UInt64](repeating: 0, count: rowCount * coderCount * words)
        } else {
            for row in touchedRows {
                let base = row * coderCount * wordCount
                for i in base..<(base + coderCount * wordCount) { bits[i] = 0 }
            }
        }
        for row in touchedRows { touched[row] = false }
        touchedRows.removeAll(keepingCapacity: true)
        unitCount = units
    }

    /// Marks units `range` as coded by `coder` for `row`.
    mutating func mark(row: Int, coder: Int, units range: Range<Int>) {
        guard !range.isEmpty else { return }
        if !touched[row] {
            touched[row] = true
            touchedRows.append(row)
        }
        let base = (row * coderCount + coder) * wordCount
        var unit = range.lowerBound
        while unit < range.upperBound {
            let word = unit >> 6, bit = unit & 63
            let take = min(64 - bit, range.upperBound - unit)
            let mask = take == 64 ? ~UInt64(0) : ((UInt64(1) << UInt64(take)) - 1) << UInt64(bit)
            bits[base + word] |= mask
            unit += take
        }
    }

    /// Whether `coder` coded `unit` for `row`.
    func isMarked(row: Int, coder: Int, unit: Int) -> Bool {
        guard touched[row] else { return false }
        return bits[(row * coderCount + coder) * wordCount + unit >> 6] & (UInt64(1) << UInt64(unit & 63)) != 0
    }

    /// Adds this document's decisions for `row` to a tally.
    func count(row: Int, into tally: inout BinaryAgreement) {
        guard touched[row] else {
            if coderCount == 2 {
                tally.add(both: 0, onlyA: 0, onlyB: 0, neither: unitCount)
            } else {
                tally.add(units: unitCount, codedBy: 0)
            }
            return
        }
        if coderCount == 2 {
            let a = row * 2 * wordCount, b = a + wordCount
            var both = 0, onlyA = 0, onlyB = 0
            for w in 0..<wordCount {
                let x = bits[a + w], y = bits[b + w]
                both += (x & y).nonzeroBitCount
                onlyA += (x & ~y).nonzeroBitCount
                onlyB += (y & ~x).nonzeroBitCount
            }
            tally.add(both: both, onlyA: onlyA, onlyB: onlyB, neither: unitCount - both - onlyA - onlyB)
            return
        }
        // Bit-sliced counters: planes[p] holds bit p of "how many coders coded this unit".
        var planeCount = 0
        while (1 << planeCount) <= coderCount { planeCount += 1 }
        var planes = [UInt64](repeating: 0, count: planeCount)
        var perCount = [Int](repeating: 0, count: coderCount + 1)
        for w in 0..<wordCount {
            for p in 0..<planeCount { planes[p] = 0 }
            for c in 0..<coderCount {
                var carry = bits[(row * coderCount + c) * wordCount + w]
                var p = 0
                while carry != 0 && p < planeCount {
                    let next = planes[p] & carry
                    planes[p] ^= carry
                    carry = next
                    p += 1
                }
            }
            let valid = w == wordCount - 1 && unitCount & 63 != 0 ? (UInt64(1) << UInt64(unitCount & 63)) - 1 : ~UInt64(0)
            for j in 1...coderCount {
                var mask = valid
                for p in 0..<planeCount { mask &= (j >> p) & 1 == 1 ? planes[p] : ~planes[p] }
                perCount[j] += mask.nonzeroBitCount
            }
        }
        var coded = 0
        for j in 1...coderCount where perCount[j] > 0 {
            tally.add(units: perCount[j], codedBy: j)
            coded += perCount[j]
        }
        tally.add(units: unitCount - coded, codedBy: 0)
    }
}

/// A document's units as sorted, disjoint spans.
struct UnitSpans {
    var starts: [Int] = []
    var ends: [Int] = []

    var count: Int { starts.count }

    init(_ spans: [TextSpan]) {
        let sorted = spans.filter { $0.end > $0.start }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        starts = sorted.map(\.start)
        ends = sorted.map(\.end)
    }

    /// The index of the first unit ending after `offset` (the unit containing it, or the next
    /// one when it lies between units); `count` when there is none.
    func firstUnit(endingAfter offset: Int) -> Int {
        var low = 0, high = ends.count
        while low < high {
            let mid = (low + high) / 2
            if ends[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The units that `start..<end` overlaps by at least `minOverlap` characters (a unit
    /// shorter than that counts when the coding covers it whole).
    func units(overlapping start: Int, _ end: Int, minOverlap: Int) -> Range<Int> {
        var first = firstUnit(endingAfter: start)
        var last = first
        while last < starts.count && starts[last] < end { last += 1 }
        guard minOverlap > 1 else { return first..<last }
        func enough(_ u: Int) -> Bool {
            let overlap = min(end, ends[u]) - max(start, starts[u])
            return overlap >= min(minOverlap, ends[u] - starts[u])
        }
        while first < last && !enough(first) { first += 1 }
        while last > first && !enough(last - 1) { last -= 1 }
        return first..<last
    }
}
