import Foundation

/// The one gate every XML reader (docx, odt, `.qdc`, `.qdpx`) passes its bytes through
/// before Foundation's `XMLParser` sees them.
///
/// It decodes first and checks second, so no encoding can hide what is checked:
/// 1. The encoding is found from a byte order mark (UTF-8, UTF-16 LE/BE), else from the
///    zero bytes of a UTF-16 `<?xml` (no BOM), else from the XML declaration's `encoding`
///    (none means UTF-8). UTF-8 and US-ASCII must be valid UTF-8; UTF-16 is decoded
///    strictly (an unpaired surrogate is refused); ISO-8859-1 and Windows-1252 are
///    converted. Anything else (UTF-32, EBCDIC, Shift-JIS...) is refused by name.
/// 2. Converted XML gets a plain `<?xml version="1.0" encoding="UTF-8"?>` declaration in
///    place of its own (line numbers are kept), so the parser reads exactly the text that
///    was checked.
/// 3. The UTF-8 text is refused if it holds a document type declaration (`<!DOCTYPE`, any
///    case): that is where entity bombs ("billion laughs") and external entities (XXE)
///    live, and Word, LibreOffice and REFI-QDA tools never write one.
///
/// The result is always valid UTF-8, which also keeps FoundationXML on Linux from trapping
/// (the whole process dies) on element or attribute names that are not, e.g.
/// `<d><\u{E2}\u{FE}/></d>`, found by `qcode-bench fuzz`.
///
///     let xml = try XMLInputGuard.utf8(data)   // throws XMLInputGuard.Refusal
public enum XMLInputGuard {
    /// Why XML bytes were refused, in one line without a file name.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The reason for a document type declaration.
    public static let doctypeReason = "XML document type declarations are not allowed"

    /// Why `data` must not be given to `XMLParser`, or `nil`.
    public static func problem(in data: Data) -> String? {
        do {
            _ = try utf8(data)
            return nil
        } catch {
            return error.reason
        }
    }

    /// `data` as UTF-8 XML that `XMLParser` may read (see the type's documentation).
    public static func utf8(_ data: Data) throws(Refusal) -> Data {
        let bytes = [UInt8](data)
        let result: Result<[UInt8], Refusal> = bytes.withUnsafeBufferPointer { b in
            do throws(Refusal) { return .success(try decode(b)) } catch { return .failure(error) }
        }
        let decoded = try result.get()
        if containsDoctype(decoded) { throw Refusal(reason: doctypeReason) }
        return Data(decoded)
    }

    // MARK: Decoding

    private enum Encoding {
        case utf8, utf16(bigEndian: Bool), latin1, windows1252
    }

    private static func decode(_ all: UnsafeBufferPointer<UInt8>) throws(Refusal) -> [UInt8] {
        var b = all
        let n = b.count
        // Byte order marks.
        if n >= 4, (b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) || (b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) {
            throw Refusal(reason: "XML in UTF-32 is not supported")
        }
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            b = UnsafeBufferPointer(rebasing: b[3...])
            return try convert(b, from: try declaredEncoding(b, default: .utf8, bom: .utf8))
        }
        if n >= 2, b[0] == 0xFF, b[1] == 0xFE {
            return try convert(UnsafeBufferPointer(rebasing: b[2...]), from: .utf16(bigEndian: false))
        }
        if n >= 2, b[0] == 0xFE, b[1] == 0xFF {
            return try convert(UnsafeBufferPointer(rebasing: b[2...]), from: .utf16(bigEndian: true))
        }
        // No BOM: zero bytes among the first two mean 16 or 32 bits per character.
        if n >= 2, b[0] == 0 || b[1] == 0 {
            if n >= 4, (b[0] == 0 && b[1] == 0) || (b[2] == 0 && b[3] == 0) {
                throw Refusal(reason: "XML in UTF-32 is not supported")
            }
            return try convert(b, from: .utf16(bigEndian: b[0] == 0))
        }
        return try convert(b, from: try declaredEncoding(b, default: .utf8, bom: nil))
    }

    /// The encoding an 8-bit XML declaration names.
    private static func declaredEncoding(_ b: UnsafeBufferPointer<UInt8>, default fallback: Encoding,
                                         bom: Encoding?) throws(Refusal) -> Encoding {
        guard let name = declaration(in: b)?.encoding else { return fallback }
        switch name.lowercased() {
        case "utf-8", "utf8", "us-ascii", "ascii": return .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
            if bom != nil { throw Refusal(reason: "XML declares encoding '\(name)' but starts with a UTF-8 byte order mark") }
            return .latin1
        case "windows-1252", "cp1252":
            if bom != nil { throw Refusal(reason: "XML declares encoding '\(name)' but starts with a UTF-8 byte order mark") }
            return .windows1252
        case "utf-16", "utf-16le", "utf-16be", "utf16":
            // A declaration readable as 8-bit text cannot be UTF-16; libxml2 would misread it.
            throw Refusal(reason: "XML declares encoding '\(name)' but is not UTF-16")
        default:
            throw Refusal(reason: "XML encoding '\(MessageText.clip(name))' is not supported (qcode reads UTF-8, UTF-16, ISO-8859-1 and Windows-1252)")
        }
    }

    /// The XML declaration at the start of 8-bit text: its byte range and encoding name.
    private static func declaration(in b: UnsafeBufferPointer<UInt8>) -> (end: Int, encoding: String?)? {
        let open = Array("<?xml".utf8)
        guard b.count >= open.count + 2, b.prefix(open.count).elementsEqual(open),
              ASCII.isSpace(b[open.count]) || b[open.count] == 0x3F else { return nil }
        var i = open.count
        let limit = Swift.min(b.count, 1024)
        while i + 1 < limit, !(b[i] == 0x3F && b[i + 1] == 0x3E) { i += 1 }
        guard i + 1 < limit else { return nil }
        let end = i + 2
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[0..<end]), as: UTF8.self)
        guard let key = text.range(of: "encoding") else { return (end, nil) }
        var rest = text[key.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard rest.first == "=" else { return (end, nil) }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return (end, nil) }
        let value = rest.dropFirst().prefix { $0 != quote }
        return (end, String(value).trimmingCharacters(in: .whitespaces))
    }

    private static func convert(_ b: UnsafeBufferPointer<UInt8>, from encoding: Encoding) throws(Refusal) -> [UInt8] {
        switch encoding {
        case .utf8:
            guard String(validating: b, as: UTF8.self) != nil else {
                throw Refusal(reason: "malformed XML (not valid UTF-8)")
            }
            return Array(b)
        case .utf16(let bigEndian):
            var out: [UInt8]
            do {
                out = try UTF16Decoding.utf8(b, bigEndian: bigEndian)
            } catch {
                throw Refusal(reason: "malformed XML (\(error.reason))")
            }
            if out.starts(with: [0xEF, 0xBB, 0xBF]) { out.removeFirst(3) }
            return redeclared(out)
        case .latin1, .windows1252:
            var out: [UInt8] = []
            out.reserveCapacity(b.count + b.count / 8)
            for c in b {
                if c < 0x80 {
                    out.append(c)
                } else if c < 0xA0, case .windows1252 = encoding {
                    UTF8Encoding.append(Windows1252.high[Int(c) - 0x80], to: &out)
                } else {
                    UTF8Encoding.append(UInt32(c), to: &out)
                }
            }
            return redeclared(out)
        }
    }

    /// Converted UTF-8 XML with its declaration (which names the old encoding) replaced by
    /// a UTF-8 one, keeping the line breaks it spanned.
    private static func redeclared(_ utf8: [UInt8]) -> [UInt8] {
        utf8.withUnsafeBufferPointer { b in
            var out = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".utf8)
            var start = 0
            if let old = declaration(in: b) {
                start = old.end
                out += Array(repeating: ASCII.lf, count: b[0..<old.end].lazy.filter { $0 == ASCII.lf }.count)
            }
            out.append(contentsOf: b[start...])
            return out
        }
    }

    /// Whether UTF-8 XML contains `<!DOCTYPE` (any case).
    static func containsDoctype(_ bytes: [UInt8]) -> Bool {
        let word = Array("DOCTYPE".utf8)
        return bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            while i + 1 < n {
                if b[i] == 0x3C, b[i + 1] == 0x21, i + 2 + word.count <= n {
                    var match = true
                    for k in 0..<word.count where b[i + 2 + k] & 0xDF != word[k] { match = false; break }
                    if match { return true }
                }
                i += 1
            }
            return false
        }
    }
}
