/// Dense ids (0, 1, 2, … in first-seen order) for the unit field of ratings CSV, with a fast
/// path for the usual shape of unit ids: a fixed prefix followed by a decimal number
/// (`17`, `u17`, `item-17`). Such a key is found by indexing an array with its number, with
/// no hashing and, for units in file order, no cache miss; any other key goes to a
/// `ByteInterner`.
///
/// Identity is by bytes, as in the interner: which path a key takes depends only on its
/// bytes (and on the prefix, fixed at the first key of this shape), and the number path
/// takes only keys whose digits are canonical (no leading zero, no sign, no spaces), where
/// the number gives back the bytes. So `7` and `007` stay two units, as do `u7` and `U7`.
struct UnitKeyIndex {
    /// The longest prefix the number path accepts.
    static let maxPrefix = 16
    /// The most digits the number path accepts (so the number fits an `Int`).
    static let maxDigits = 18

    private var interner = ByteInterner(capacity: 1024)
    /// Unit id of each interner id.
    private var internedIDs: [Int32] = []
    /// The prefix of the number path, fixed at the first key of that shape.
    private var prefix: [UInt8]? = nil
    /// Unit id + 1 of each number; 0 = not seen.
    private var byNumber: [Int32] = []
    /// Numbers at or above this take the interner, bounding `byNumber`.
    private let numberLimit: Int

    /// Number of distinct keys.
    private(set) var count = 0

    /// - Parameter byteCount: the size of the input; it bounds the number of units, and the
    ///   number path's array to `byteCount` bytes.
    init(byteCount: Int) {
        numberLimit = max(1 << 16, byteCount / 4)
    }

    /// Returns the id of the key `p[0..<length]`, adding it when new.
    @inline(__always)
    mutating func id(_ p: UnsafePointer<UInt8>, _ length: Int) -> (id: Int32, isNew: Bool) {
        if let n = number(p, length) {
            if n >= byNumber.count { growNumbers(to: n) }
            let known = byNumber[n]
            if known > 0 { return (known - 1, false) }
            let id = Int32(truncatingIfNeeded: count)
            count += 1
            byNumber[n] = id + 1
            return (id, true)
        }
        let r = interner.intern(p, length)
        if !r.isNew { return (internedIDs[Int(r.id)], false) }
        let id = Int32(truncatingIfNeeded: count)
        count += 1
        internedIDs.append(id)
        return (id, true)
    }

    /// The key's number when it takes the number path: the prefix, then 1 to `maxDigits`
    /// digits without a leading zero (or `0` alone), with the number below `numberLimit`.
    @inline(__always)
    private mutating func number(_ p: UnsafePointer<UInt8>, _ length: Int) -> Int? {
        var start = length
        while start > 0 && p[start - 1] &- 0x30 < 10 { start -= 1 }
        let digits = length - start
        guard digits >= 1, digits <= Self.maxDigits, start <= Self.maxPrefix else { return nil }
        guard digits == 1 || p[start] != 0x30 else { return nil }
        if let prefix {
            guard prefix.count == start else { return nil }
            for i in 0..<start where prefix[i] != p[i] { return nil }
        } else {
            prefix = Array(UnsafeBufferPointer(start: p, count: start))
        }
        var n = 0
        for i in start..<length { n = n * 10 + Int(p[i] &- 0x30) }
        return n < numberLimit ? n : nil
    }

    private mutating func growNumbers(to n: Int) {
        let size = min(numberLimit, max(n + 1, byNumber.count * 2, 1024))
        byNumber.append(contentsOf: repeatElement(0, count: size - byNumber.count))
    }
}
