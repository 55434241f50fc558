/// Gives each distinct byte string a small dense id (0, 1, 2, … in first-seen order)
/// without making a `String` per lookup: an open-addressing hash table whose keys are copied
/// once into a byte arena. Used by the CSV reader to intern unit, coder and value fields.
///
/// Each slot packs 32 bits of the key's hash with the key's id, so a probe compares hashes
/// inside the slot array and reads the arena only when they match: a new key costs one
/// cache miss (its slot), not one per occupied slot passed.
struct ByteInterner {
    /// `UInt64(hash low 32 bits) << 32 | (id + 1)`; 0 is an empty slot.
    private var slots: [UInt64]
    private var starts: [Int] = []
    private var arena: [UInt8] = []

    var count: Int { starts.count }

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// The bytes of key `id`.
    func bytes(_ id: Int) -> ArraySlice<UInt8> {
        let end = id + 1 < starts.count ? starts[id + 1] : arena.count
        return arena[starts[id]..<end]
    }

    /// Returns the id of the bytes `p[0..<length]`, adding them when new.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ length: Int) -> (id: Int32, isNew: Bool) {
        let h = Self.hash(p, length)
        let tag = (h & 0xFFFF_FFFF) << 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        let found: Int32? = slots.withUnsafeBufferPointer { s in
            while true {
                let entry = s[slot]
                if entry == 0 { return nil }
                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                    let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    if equals(id, p, length) { return Int32(truncatingIfNeeded: id) }
                }
                slot = (slot + 1) & mask
            }
        }
        if let found { return (found, false) }
        let id = Int32(truncatingIfNeeded: starts.count)
        starts.append(arena.count)
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: length))
        slots[slot] = tag | UInt64(UInt32(id) + 1)
        if starts.count * 2 > slots.count { grow() }
        return (id, true)
    }

    @inline(__always)
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

    /// Doubles the table. The slot of a key depends only on the low bits of its hash, which
    /// the slot keeps, so no key is hashed again.
    private mutating func grow() {
        let size = slots.count * 2
        precondition(size <= 1 << 32, "ByteInterner: more than 2^31 keys")
        var newSlots = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        newSlots.withUnsafeMutableBufferPointer { n in
            for entry in slots where entry != 0 {
                var slot = Int(truncatingIfNeeded: entry >> 32) & mask
                while n[slot] != 0 { slot = (slot + 1) & mask }
                n[slot] = entry
            }
        }
        slots = newSlots
    }

    /// A 64-bit hash of a byte string: 8-byte words mixed by multiplication, then the
    /// MurmurHash3 finaliser.
    @inline(__always)
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
