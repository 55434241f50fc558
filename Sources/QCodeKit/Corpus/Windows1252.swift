/// Windows-1252 decoding: Latin-1 plus printable characters in 0x80–0x9F.
enum Windows1252 {
    /// Scalars for bytes 0x80–0x9F. The five undefined bytes map to the C1 controls of the
    /// same value, as the WHATWG encoding standard does.
    static let high: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Decodes bytes to LF-only text. Every character it produces is already NFC.
    static func decode(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(b.count + b.count / 8)
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            i += 1
            if c == ASCII.cr {
                out.append(ASCII.lf)
                if i < n, b[i] == ASCII.lf { i += 1 }
            } else if c < 0x80 {
                out.append(c)
            } else if c < 0xA0 {
                UTF8Encoding.append(high[Int(c) - 0x80], to: &out)
            } else {
                UTF8Encoding.append(UInt32(c), to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
