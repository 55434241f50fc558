// Byte-level helpers shared by the parsers. Parsers work on the UTF-8 bytes of the
// (already NFC, LF-only) text and convert byte offsets to scalar offsets once, at the end.

enum ASCII {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let quote: UInt8 = 0x22
    static let apostrophe: UInt8 = 0x27
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let openParen: UInt8 = 0x28
    static let closeParen: UInt8 = 0x29
    static let hash: UInt8 = 0x23
    static let star: UInt8 = 0x2A
    static let underscore: UInt8 = 0x5F
    static let dot: UInt8 = 0x2E
    static let comma: UInt8 = 0x2C
    static let hyphen: UInt8 = 0x2D

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c &- 0x41 < 26 }
    /// Space or tab.
    @inline(__always) static func isBlank(_ c: UInt8) -> Bool { c == space || c == tab }
    /// ASCII whitespace including LF, CR, VT and FF.
    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == space || (c &- 0x09) < 5 }
}

/// A turn found while scanning bytes; converted to a ``Turn`` at the end.
struct ByteTurn {
    var speaker: String?
    var range: Range<Int>
    var time: Double?
    var endTime: Double?
}

/// The structure of a text in byte offsets.
struct ByteStructure {
    var turns: [ByteTurn] = []
    var paragraphs: [Range<Int>] = []
    var sentences: [Range<Int>] = []
    var warnings: [String] = []
}

extension Array where Element == UInt8 {
    /// Whether every byte is ASCII.
    var isASCII: Bool {
        withUnsafeBufferPointer { buf in
            var acc: UInt8 = 0
            for b in buf { acc |= b }
            return acc < 0x80
        }
    }
}

enum ByteText {
    /// The length of the whitespace character at `i` (ASCII whitespace or NBSP), or 0.
    @inline(__always)
    static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = b[i]
        if ASCII.isSpace(c) { return 1 }
        if c == 0xC2, i + 1 < end, b[i + 1] == 0xA0 { return 2 }
        return 0
    }

    /// `range` without leading and trailing whitespace (ASCII whitespace and NBSP).
    static func trim(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi {
            let n = spaceLength(b, lo, hi)
            if n == 0 { break }
            lo += n
        }
        while hi > lo {
            if ASCII.isSpace(b[hi - 1]) { hi -= 1; continue }
            if hi - 2 >= lo, b[hi - 2] == 0xC2, b[hi - 1] == 0xA0 { hi -= 2; continue }
            break
        }
        return lo..<hi
    }

    /// Index of the first byte at or after `i` that is not a space or tab.
    @inline(__always)
    static func skipBlanks(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end, ASCII.isBlank(b[i]) { i += 1 }
        return i
    }

    /// The number of scalars in `range`.
    static func scalarCount(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var n = 0
        for i in range where b[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }

    static func string(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
    }

    /// Splits bytes into lines (LF separated, LF excluded). A final LF does not start a line.
    static func lines(_ b: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity(b.count / 60 + 1)
        var start = 0
        var i = 0
        let n = b.count
        while i < n {
            if b[i] == ASCII.lf {
                out.append(start..<i)
                start = i + 1
            }
            i += 1
        }
        if start < n { out.append(start..<n) }
        return out
    }

    /// Decodes the scalar starting at byte `i` (valid UTF-8 assumed).
    static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Unicode.Scalar? {
        let c = b[i]
        var value: UInt32
        var n: Int
        if c < 0x80 { return Unicode.Scalar(c) }
        else if c < 0xE0 { value = UInt32(c & 0x1F); n = 1 }
        else if c < 0xF0 { value = UInt32(c & 0x0F); n = 2 }
        else { value = UInt32(c & 0x07); n = 3 }
        guard i + n < end else { return nil }
        for k in 1...n { value = value << 6 | UInt32(b[i + k] & 0x3F) }
        return Unicode.Scalar(value)
    }
}

/// Converts byte offsets to scalar offsets. Queries should be non-decreasing; an earlier
/// offset restarts the count from the beginning.
struct ScalarOffsetMapper {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let ascii: Bool
    private var byte = 0
    private var scalar = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) {
        self.bytes = bytes
        self.ascii = isASCII
    }

    mutating func offset(_ b: Int) -> Int {
        if ascii { return b }
        if b < byte { byte = 0; scalar = 0 }
        var s = scalar
        var i = byte
        while i < b {
            if bytes[i] & 0xC0 != 0x80 { s += 1 }
            i += 1
        }
        byte = b
        scalar = s
        return s
    }

    mutating func span(_ r: Range<Int>) -> TextSpan {
        let s = offset(r.lowerBound)
        return TextSpan(start: s, end: offset(r.upperBound))
    }
}

extension ParsedDocument {
    /// Builds a document from UTF-8 `bytes` (equal to `text.utf8`) and a byte structure.
    init(
        name: String, text: String, bytes: [UInt8], format: SourceFormat, encoding: TextEncoding?,
        structure: ByteStructure, warnings: [String]
    ) {
        var turns: [Turn] = []
        var paragraphs: [TextSpan] = []
        var sentences: [TextSpan] = []
        bytes.withUnsafeBufferPointer { b in
            let ascii = bytes.isASCII
            var m = ScalarOffsetMapper(b, isASCII: ascii)
            turns.reserveCapacity(structure.turns.count)
            for t in structure.turns {
                turns.append(Turn(speaker: t.speaker, span: m.span(t.range), time: t.time, endTime: t.endTime))
            }
            m = ScalarOffsetMapper(b, isASCII: ascii)
            paragraphs = structure.paragraphs.map { m.span($0) }
            m = ScalarOffsetMapper(b, isASCII: ascii)
            sentences = structure.sentences.map { m.span($0) }
        }
        self.init(
            name: name, text: text, format: format, encoding: encoding, turns: turns,
            paragraphs: paragraphs, sentences: sentences, warnings: warnings + structure.warnings)
    }
}
