/// The units × coders grid the CSV reader fills as it reads, before categories are ordered.
///
/// A cell holds an observed value id (`0…`), `-1` for a blank (missing) rating or `-2` when
/// the coder has not rated the unit. Rows are `stride` cells wide, a power of two at least
/// the number of coders, so a new coder rarely moves the grid; `cells(…)` compacts the rows
/// to the coder count and maps value ids to category indices in one pass.
struct RatingsGrid {
    private var storage: [Int32] = []
    private var stride = 2
    private var units = 0
    private var coders = 0

    /// - Parameter capacity: cells to reserve (address space only until rows use it), so
    ///   that the grid does not move as it grows.
    init(reserving capacity: Int = 0) {
        storage.reserveCapacity(capacity)
    }

    /// Adds a row for a new unit.
    @inline(__always)
    mutating func addUnit() {
        units += 1
        let needed = units * stride
        if needed > storage.count {
            storage.append(contentsOf: repeatElement(-2, count: max(needed, storage.count, 1024) - storage.count))
        }
    }

    /// Adds a column for a new coder, widening the rows when needed.
    mutating func addCoder() {
        coders += 1
        guard coders > stride else { return }
        let wider = stride * 2
        var grown = [Int32](repeating: -2, count: max(units, 1) * wider)
        for u in 0..<units {
            for c in 0..<stride { grown[u * wider + c] = storage[u * stride + c] }
        }
        storage = grown
        stride = wider
    }

    /// Records `value` for (`unit`, `coder`); false (and nothing changes) when that coder
    /// already rated that unit.
    @inline(__always)
    mutating func set(unit: Int32, coder: Int32, value: Int32) -> Bool {
        let at = Int(unit) * stride + Int(coder)
        return storage.withUnsafeMutableBufferPointer { s in
            guard s[at] == -2 else { return false }
            s[at] = value
            return true
        }
    }

    /// The row-major `units × coders` cells with value ids mapped through `remap` and
    /// unrated cells made missing (`-1`).
    consuming func cells(units: Int, coders: Int, remap: [Int32]) -> [Int32] {
        precondition(units == self.units && coders == self.coders)
        var cells = storage
        storage = []
        let stride = self.stride
        cells.withUnsafeMutableBufferPointer { c in
            remap.withUnsafeBufferPointer { remap in
                // Rows only move to lower indices, so compacting in place is safe.
                for u in 0..<units {
                    for k in 0..<coders {
                        let v = c[u * stride + k]
                        c[u * coders + k] = v < 0 ? -1 : remap[Int(v)]
                    }
                }
            }
        }
        cells.removeLast(cells.count - units * coders)
        return cells
    }
}
