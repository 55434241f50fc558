/// Strict UTF-16 to UTF-8: the one place qcode decodes UTF-16 (transcripts, CSV and XML).
///
/// Unlike Foundation's `String(data:encoding:)`, which may replace a lone surrogate with
/// U+FFFD or give up silently, an odd byte count or an unpaired surrogate is an error, so
/// no text is ever changed on the way in (see ``TextRules``).
enum UTF16Decoding {
    enum Failure: Error, Equatable {
        /// An odd number of bytes.
        case truncated
        /// A high surrogate not followed by a low one, or a low one alone.
        case unpairedSurrogate

        var reason: String {
            switch self {
            case .truncated: return "truncated UTF-16 text (odd number of bytes)"
            case .unpairedSurrogate: return "invalid UTF-16 text (unpaired surrogate)"
            }
        }
    }

    /// The UTF-8 encoding of UTF-16 bytes in the given byte order (no BOM handling: a
    /// leading U+FEFF is kept).
    static func utf8(_ b: UnsafeBufferPointer<UInt8>, bigEndian: Bool) throws(Failure) -> [UInt8] {
        guard b.count % 2 == 0 else { throw .truncated }
        var out: [UInt8] = []
        out.reserveCapacity(b.count + b.count / 2)
        var i = 0
        let n = b.count
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            bigEndian ? UInt32(b[k]) << 8 | UInt32(b[k + 1]) : UInt32(b[k + 1]) << 8 | UInt32(b[k])
        }
        while i < n {
            var v = unit(i)
            i += 2
            if v >= 0xD800, v < 0xE000 {
                guard v < 0xDC00, i < n else { throw .unpairedSurrogate }
                let lo = unit(i)
                guard lo >= 0xDC00, lo < 0xE000 else { throw .unpairedSurrogate }
                i += 2
                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
            }
            UTF8Encoding.append(v, to: &out)
        }
        return out
    }
}
