/// Gives each distinct byte string a small dense id (0, 1, 2, … in first-seen order)
/// without making a `String` per lookup: an open-addressing hash table whose keys are copied
/// once into a byte arena. Used by the CSV reader to intern unit, coder and value fields.
struct ByteInterner {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var arena: [UInt8] = []

    var count: Int { hashes.count }

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
    }

    /// The bytes of key `id`.
    func bytes(_ id: Int) -> ArraySlice<UInt8> {
        let end = id + 1 < starts.count ? starts[id + 1] : arena.count
        return arena[starts[id]..<end]
    }

    /// Returns the id of the bytes `p[0..<length]`, adding them when new.
    mutating func intern(_ p: UnsafePointer<UInt8>, _ length: Int) -> (id: Int32, isNew: Bool) {
        let h = Self.hash(p, length)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == h && equals(Int(id), p, length) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        hashes.append(h)
        starts.append(arena.count)
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: length))
        slots[slot] = id
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    private func equals(_ id: Int, _ p: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let start = starts[id]
        let end = id + 1 < starts.count ? starts[id + 1] : arena.count
        guard end - start == length else { return false }
        return arena.withUnsafeBufferPointer { a in
            var i = 0
            while i < length {
                if a[start + i] != p[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [Int32](repeating: -1, count: size)
        let mask = size - 1
        for (id, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while newSlots[slot] >= 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(id)
        }
        slots = newSlots
    }

    /// A 64-bit hash of a byte string: 8-byte words mixed by multiplication, then the
    /// MurmurHash3 finaliser.
    static func hash(_ p: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(length)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= length {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < length {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
