import Foundation

/// Turns a text file's bytes into NFC-normalised, LF-only text.
///
/// Order of checks: an empty file is refused; a byte order mark selects UTF-8 or UTF-16
/// (LE/BE); BOM-less UTF-16 is recognised from its zero bytes; otherwise the bytes must be
/// strict UTF-8, and invalid UTF-8 is read as Windows-1252 (never silently replaced with
/// U+FFFD). NUL bytes, or more than 5% control characters, mean binary data and are
/// refused. CRLF and lone CR become LF, then the text is put in NFC (skipped for text whose
/// characters are all unaffected by NFC, such as ASCII). Last, the text must pass
/// ``TextRules`` (no other control characters than tab and line feed), like every
/// imported text.
///
/// Also available as ``TextDecoder``.
public enum TranscriptTextDecoder {
    /// Decodes `data`, naming `fileName` in errors.
    ///
    ///     let d = try TranscriptTextDecoder.decode(Data([0x63, 0x61, 0x66, 0xE9]), fileName: "a.txt")
    ///     // d.text == "café", d.encoding == .windows1252
    ///
    /// - Throws: ``ImportError`` for an empty file, binary data, malformed UTF-16, or a
    ///   control character ``TextRules`` refuses.
    /// - Complexity: O(n) in the number of bytes.
    public static func decode(_ data: Data, fileName: String) throws -> DecodedText {
        var decoded = try decodeBytes(data, fileName: fileName)
        decoded.text = TextRules.breaksAsLineFeeds(decoded.text)
        try TextRules.check(decoded.text, file: fileName)
        return decoded
    }

    private static func decodeBytes(_ data: Data, fileName: String) throws -> DecodedText {
        guard !data.isEmpty else { throw ImportError(file: fileName, reason: "empty file") }
        return try data.withUnsafeBytes { raw -> DecodedText in
            let b = raw.bindMemory(to: UInt8.self)
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
                return try decode8(UnsafeBufferPointer(rebasing: b[3...]), fileName: fileName, bom: true)
            }
            if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE {
                return try decode16(UnsafeBufferPointer(rebasing: b[2...]), bigEndian: false, fileName: fileName)
            }
            if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF {
                return try decode16(UnsafeBufferPointer(rebasing: b[2...]), bigEndian: true, fileName: fileName)
            }
            if let bigEndian = sniffUTF16(b) {
                return try decode16(b, bigEndian: bigEndian, fileName: fileName)
            }
            return try decode8(b, fileName: fileName, bom: false)
        }
    }

    static func binaryError(_ fileName: String) -> ImportError {
        ImportError(file: fileName, reason: "not a text file (binary data)")
    }

    /// Recognises BOM-less UTF-16 from the zero bytes in its first 4 KB: returns whether it is
    /// big-endian, or `nil` when it does not look like UTF-16.
    static func sniffUTF16(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        let n = Swift.min(b.count, 4096) & ~1
        guard n >= 4 else { return nil }
        var evenZeros = 0
        var oddZeros = 0
        var i = 0
        while i < n {
            if b[i] == 0 { evenZeros += 1 }
            if b[i + 1] == 0 { oddZeros += 1 }
            i += 2
        }
        let pairs = n / 2
        if oddZeros * 10 >= pairs * 4, evenZeros * 4 <= oddZeros { return false }
        if evenZeros * 10 >= pairs * 4, oddZeros * 4 <= evenZeros { return true }
        return nil
    }

    /// UTF-8 (strict), else Windows-1252.
    static func decode8(_ b: UnsafeBufferPointer<UInt8>, fileName: String, bom: Bool) throws -> DecodedText {
        guard !b.isEmpty else { throw ImportError(file: fileName, reason: "empty file") }
        let scan = ByteScan(b)
        if scan.nulCount > 0 || scan.controlCount * 20 > b.count {
            throw binaryError(fileName)
        }
        if scan.validUTF8 {
            let text = TextNormalizer.makeText(utf8: b, hasCR: scan.hasCR, isASCII: scan.isASCII)
            return DecodedText(text: text, encoding: bom ? .utf8BOM : .utf8)
        }
        return DecodedText(text: Windows1252.decode(b), encoding: .windows1252)
    }

    /// UTF-16 with the given byte order (strict: see ``UTF16Decoding``).
    static func decode16(_ b: UnsafeBufferPointer<UInt8>, bigEndian: Bool, fileName: String) throws -> DecodedText {
        guard !b.isEmpty else { throw ImportError(file: fileName, reason: "empty file") }
        let out: [UInt8]
        do {
            out = try UTF16Decoding.utf8(b, bigEndian: bigEndian)
        } catch {
            throw ImportError(file: fileName, reason: error.reason)
        }
        let scan = out.withUnsafeBufferPointer { ByteScan($0) }
        if scan.nulCount > 0 || scan.controlCount * 20 > b.count / 2 { throw binaryError(fileName) }
        let text = out.withUnsafeBufferPointer {
            TextNormalizer.makeText(utf8: $0, hasCR: scan.hasCR, isASCII: false)
        }
        return DecodedText(text: text, encoding: bigEndian ? .utf16BE : .utf16LE)
    }
}

/// One pass over bytes: UTF-8 validity, ASCII-ness, CR, NUL and control characters.
struct ByteScan {
    var validUTF8 = true
    var isASCII = true
    var hasCR = false
    var nulCount = 0
    var controlCount = 0

    init(_ b: UnsafeBufferPointer<UInt8>) {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            if c < 0x80 {
                if c < 0x20 {
                    if c == 0 { nulCount += 1 }
                    else if c == ASCII.cr { hasCR = true }
                    else if c != ASCII.lf && c != ASCII.tab && c != 0x0C { controlCount += 1 }
                } else if c == 0x7F { controlCount += 1 }
                i += 1
                continue
            }
            isASCII = false
            guard validUTF8 else { i += 1; continue }
            // Validate one multi-byte sequence (RFC 3629, no overlongs or surrogates).
            var need = 0
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: validUTF8 = false; i += 1; continue
            }
            guard i + need < n else { validUTF8 = false; i += 1; continue }
            let c1 = b[i + 1]
            if c1 < lo || c1 > hi { validUTF8 = false; i += 1; continue }
            var ok = true
            if need >= 2 { for k in 2...need where b[i + k] & 0xC0 != 0x80 { ok = false } }
            if !ok { validUTF8 = false; i += 1; continue }
            i += need + 1
        }
    }
}

/// The transcript text decoder under its short name.
public typealias TextDecoder = TranscriptTextDecoder

enum UTF8Encoding {
    /// Appends the UTF-8 encoding of scalar value `v`.
    @inline(__always)
    static func append(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        } else {
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
