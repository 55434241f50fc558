import Foundation

/// Puts text in the form offsets are counted in: LF line ends and Unicode NFC.
enum TextNormalizer {
    /// Text from valid UTF-8 bytes: drops a leading U+FEFF, turns CRLF and CR into LF and
    /// applies NFC when some character could change under it.
    static func makeText(utf8 b: UnsafeBufferPointer<UInt8>, hasCR: Bool, isASCII: Bool) -> String {
        var b = b
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            b = UnsafeBufferPointer(rebasing: b[3...])
        }
        var text: String
        if hasCR {
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                i += 1
                if c == ASCII.cr {
                    out.append(ASCII.lf)
                    if i < n, b[i] == ASCII.lf { i += 1 }
                } else {
                    out.append(c)
                }
            }
            text = String(decoding: out, as: UTF8.self)
        } else {
            text = String(decoding: b, as: UTF8.self)
        }
        if !isASCII, mayChangeUnderNFC(text) {
            text = text.precomposedStringWithCanonicalMapping
        }
        return text
    }

    /// `s` with LF line ends and in NFC.
    static func normalize(_ s: String) -> String {
        var s = s
        if s.utf8.contains(ASCII.cr) {
            s = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if mayChangeUnderNFC(s) { s = s.precomposedStringWithCanonicalMapping }
        return s
    }

    /// False when every scalar is one NFC leaves alone and never composes with a neighbour:
    /// below U+0300, general punctuation (except U+2000/U+2001), currency and super/subscript
    /// signs (U+2070–U+20CF), and U+1F000–U+1FFFF (emoji). A cheap test on the lead bytes.
    static func mayChangeUnderNFC(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            let n = b.count
            var i = 0
            while i < n {
                let c = b[i]
                if c < 0xCC { i += 1; continue }  // ASCII, continuation bytes, U+0080–U+02FF
                if c == 0xE2, i + 2 < n {
                    let c1 = b[i + 1]
                    if c1 == 0x80, b[i + 2] > 0x81 { i += 3; continue }  // U+2002–U+203F
                    if c1 == 0x81 || c1 == 0x82 { i += 3; continue }     // U+2040–U+20BF
                    return true
                }
                if c == 0xF0, i + 1 < n, b[i + 1] == 0x9F { i += 4; continue }
                return true
            }
            return false
        }
    }
}
