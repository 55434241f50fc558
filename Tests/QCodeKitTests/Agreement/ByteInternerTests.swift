import Foundation
import Testing

@testable import QCodeKit

@Suite("Byte interner and unit key index")
struct ByteInternerTests {
    /// Interns each key from a buffer padded with `padding` bytes after it (the interner must
    /// not read the padding as part of the key).
    func ids(_ keys: [[UInt8]], into interner: inout ByteInterner, padding: Int) -> [Int32] {
        keys.map { key in
            let buffer = key + [UInt8](repeating: 0xAB, count: padding)
            return buffer.withUnsafeBufferPointer { b in
                interner.intern(b.baseAddress!, key.count).id
            }
        }
    }

    @Test func shortAndLongKeysKeepByteIdentity() {
        let keys: [[UInt8]] = [
            Array("a".utf8), [0x61, 0x00], [0x00, 0x61], [0x00], Array("abcdefg".utf8), Array("abcdefgh".utf8),
            Array("abcdefg ".utf8), Array("A".utf8), Array("7".utf8), Array("007".utf8), Array("écrit".utf8),
        ]
        var words = ByteInterner()
        var bytes = ByteInterner()
        // Each key twice: the second time finds the first id, whatever follows it in memory.
        let a = ids(keys + keys, into: &words, padding: 8)
        let b = ids(keys + keys.reversed(), into: &bytes, padding: 0)
        #expect(a == Array(0..<Int32(keys.count)) + Array(0..<Int32(keys.count)))
        #expect(Array(b.prefix(keys.count)) == Array(0..<Int32(keys.count)))
        #expect(Array(b.suffix(keys.count)) == Array((0..<Int32(keys.count)).reversed()))
        // Looked up again without padding in the same interner: the same ids.
        #expect(ids(keys, into: &words, padding: 0) == Array(0..<Int32(keys.count)))
        #expect(words.count == keys.count)
        for (id, key) in keys.enumerated() { #expect(Array(words.bytes(id)) == key) }
    }

    @Test func growsPastManyKeys() {
        var interner = ByteInterner(capacity: 4)
        let keys = (0..<20_000).map { Array("k\($0 * 7919)".utf8) }
        #expect(ids(keys, into: &interner, padding: 8) == Array(0..<20_000))
        #expect(ids(keys.reversed(), into: &interner, padding: 0) == Array((0..<20_000).reversed()))
    }

    func unitIDs(_ keys: [String], byteCount: Int = 0) -> [Int32] {
        var index = UnitKeyIndex(byteCount: byteCount)
        return keys.map { key in
            let bytes = Array(key.utf8)
            return bytes.withUnsafeBufferPointer { index.id($0.baseAddress!, bytes.count).id }
        }
    }

    @Test func unitKeysAreIdentifiedByTheirBytes() {
        // Number path ("u7", "7" once the prefix is empty), interner ("007", "u07", "U7", "+7")
        // and keys repeated across both give one id per distinct string, first-seen order.
        let keys = ["u7", "7", "007", "u07", "U7", "u7", "+7", "u0", "u00", "7", "u", "u8", "007", "u70000000"]
        let expected: [Int32] = [0, 1, 2, 3, 4, 0, 5, 6, 7, 1, 8, 9, 2, 10]
        #expect(unitIDs(keys) == expected)
        // The first key decides the prefix; a different order gives the same partition.
        #expect(unitIDs(["7", "u7", "7", "u7", "07"]) == [0, 1, 0, 1, 2])
        // Twenty digits overflow the number path and go to the interner.
        #expect(unitIDs(["u12345678901234567890", "u12345678901234567891", "u12345678901234567890"]) == [0, 1, 0])
    }
}
