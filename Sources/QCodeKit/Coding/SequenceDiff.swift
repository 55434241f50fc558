/// Diffs of two sequences of `UInt32` symbols (token ids or scalar values): Myers' O(ND)
/// shortest edit script with a cap on D, and a patience split for when the cap is hit.
/// The building blocks of ``TextDiff``; offsets here are indexes into the two sequences.
enum SequenceDiff {
    /// A shortest edit script of `a` into `b` as changes (index ranges), or nil when it needs
    /// more than `maxEdits` insertions and deletions.
    ///
    /// The greedy forward algorithm of Myers (1986), keeping each step's furthest-reaching
    /// points (2d + 1 of them at step d) to trace the path back: O((N + M) · D) time,
    /// O(D²) memory, both bounded through `maxEdits`. Points that would leave the edit graph
    /// are not kept (a diagonal without a valid point is marked -1), so the bound on D never
    /// produces a path through a point outside it.
    static func myers(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, maxEdits: Int) -> [TextDiff.Change]? {
        let n = a.count, m = b.count
        if n == 0 && m == 0 { return [] }
        if n == 0 || m == 0 { return [TextDiff.Change(old: 0..<n, new: 0..<m)] }
        let limit = min(maxEdits, n + m)
        let offset = limit + 1
        var v = [Int32](repeating: -1, count: 2 * limit + 3)
        // history[d * d + (k + d)] = furthest x on diagonal k after step d (k = -d...d).
        var history: [Int32] = []
        var found: (d: Int, k: Int)?
        v.withUnsafeMutableBufferPointer { v in
            search: for d in 0...limit {
                for k in stride(from: -d, through: d, by: 2) {
                    var x: Int
                    if d == 0 {
                        x = 0
                    } else {
                        guard let entry = step(v[k - 1 + offset], v[k + 1 + offset], k: k, n: n, m: m) else {
                            v[k + offset] = -1
                            continue
                        }
                        x = entry.x
                    }
                    var y = x - k
                    while x < n && y < m && a[x] == b[y] {
                        x += 1
                        y += 1
                    }
                    v[k + offset] = Int32(x)
                    if x == n && y == m {
                        found = (d, k)
                        break search
                    }
                }
                history.append(contentsOf: v[(offset - d)...(offset + d)])
            }
        }
        guard let found else { return nil }

        // Trace back from (n, m), collecting the equal runs (snakes) in reverse.
        var runs: [(x: Int, y: Int, length: Int)] = []
        var x = n
        var k = found.k
        for d in stride(from: found.d, to: 0, by: -1) {
            let base = (d - 1) * (d - 1)
            func previous(_ diagonal: Int) -> Int32 {
                abs(diagonal) <= d - 1 ? history[base + diagonal + d - 1] : -1
            }
            let right = previous(k - 1), down = previous(k + 1)
            let entry = step(right, down, k: k, n: n, m: m)!
            if x > entry.x { runs.append((entry.x, entry.x - k, x - entry.x)) }
            if entry.byInsertion {
                k += 1
                x = Int(down)
            } else {
                k -= 1
                x = Int(right)
            }
        }
        if x > 0 { runs.append((0, 0, x)) }

        var changes: [TextDiff.Change] = []
        var ax = 0, by = 0
        for run in runs.reversed() {
            if run.x > ax || run.y > by { changes.append(TextDiff.Change(old: ax..<run.x, new: by..<run.y)) }
            ax = run.x + run.length
            by = run.y + run.length
        }
        if ax < n || by < m { changes.append(TextDiff.Change(old: ax..<n, new: by..<m)) }
        return changes
    }

    /// The x at which step d enters diagonal k: from diagonal k + 1 by an insertion (same x)
    /// or from k - 1 by a deletion (x + 1), whichever reaches further (the insertion on a
    /// tie); nil when neither move stays inside the edit graph.
    @inline(__always)
    private static func step(_ right: Int32, _ down: Int32, k: Int, n: Int, m: Int) -> (x: Int, byInsertion: Bool)? {
        let canDown = down >= 0 && Int(down) - k <= m
        let canRight = right >= 0 && Int(right) + 1 <= n
        switch (canDown, canRight) {
        case (true, true): return down >= right + 1 ? (Int(down), true) : (Int(right) + 1, false)
        case (true, false): return (Int(down), true)
        case (false, true): return (Int(right) + 1, false)
        case (false, false): return nil
        }
    }

    /// Pairs (i, j) with `a[i] == b[j]` for symbols that occur exactly once in `a` and once in
    /// `b`, reduced to the longest chain increasing in both i and j (patience diff's anchors).
    /// O(N log N).
    static func uniqueAnchors(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> [(Int, Int)] {
        // count 1 = seen once; 2 = seen more than once.
        var inA: [UInt32: (count: UInt8, index: Int32)] = [:]
        inA.reserveCapacity(a.count)
        for (i, symbol) in a.enumerated() {
            if let seen = inA[symbol] {
                if seen.count == 1 { inA[symbol] = (2, seen.index) }
            } else {
                inA[symbol] = (1, Int32(i))
            }
        }
        var inB: [UInt32: (count: UInt8, index: Int32)] = [:]
        inB.reserveCapacity(b.count)
        for (j, symbol) in b.enumerated() where inA[symbol]?.count == 1 {
            if let seen = inB[symbol] {
                if seen.count == 1 { inB[symbol] = (2, seen.index) }
            } else {
                inB[symbol] = (1, Int32(j))
            }
        }
        // Candidates in order of i; the chain must increase in j.
        var pairs: [(Int, Int)] = []
        for (i, symbol) in a.enumerated() {
            if let seen = inB[symbol], seen.count == 1, inA[symbol]!.count == 1 { pairs.append((i, Int(seen.index))) }
        }
        guard !pairs.isEmpty else { return [] }
        // Longest increasing subsequence of j (patience sorting with back links).
        var tails: [Int] = []  // index into pairs of the smallest tail of each length
        var back = [Int](repeating: -1, count: pairs.count)
        for (p, pair) in pairs.enumerated() {
            var lo = 0, hi = tails.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if pairs[tails[mid]].1 < pair.1 { lo = mid + 1 } else { hi = mid }
            }
            if lo > 0 { back[p] = tails[lo - 1] }
            if lo == tails.count { tails.append(p) } else { tails[lo] = p }
        }
        var chain: [(Int, Int)] = []
        var p = tails.last!
        while p >= 0 {
            chain.append(pairs[p])
            p = back[p]
        }
        return chain.reversed()
    }
}
