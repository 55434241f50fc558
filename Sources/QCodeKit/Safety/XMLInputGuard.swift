import Foundation

/// Checks XML bytes before Foundation's `XMLParser` sees them.
///
/// On Linux, FoundationXML traps (the whole process dies) when an element or attribute name
/// is not valid UTF-8, e.g. `<d><\u{E2}\u{FE}/></d>`: libxml2 passes the raw bytes on and
/// Foundation's conversion to `String` fails hard. Found by `qcode-bench fuzz` in docx,
/// odt, .qdc and .qdpx input. Readers should refuse such input first:
///
///     if let problem = XMLInputGuard.problem(in: data) { throw ImportError(file: name, reason: "\(path): \(problem)") }
public enum XMLInputGuard {
    /// Why `data` must not be given to `XMLParser`, or `nil`.
    ///
    /// XML that is UTF-16 (a byte order mark or zero bytes in its first bytes) or declares
    /// ISO-8859-1 or Windows-1252 is left to libxml2, which converts it to UTF-8 itself; all
    /// other XML (whatever it declares) must be valid UTF-8.
    public static func problem(in data: Data) -> String? {
        if data.count >= 2, (data[data.startIndex] == 0xFF && data[data.startIndex + 1] == 0xFE)
            || (data[data.startIndex] == 0xFE && data[data.startIndex + 1] == 0xFF)
            || data[data.startIndex] == 0 || data[data.startIndex + 1] == 0 {
            return nil
        }
        let head = String(decoding: data.prefix(200), as: UTF8.self).lowercased()
        if head.hasPrefix("<?xml"), let declarationEnd = head.range(of: "?>"),
           let encoding = head[..<declarationEnd.lowerBound].range(of: "encoding=") {
            let value = head[encoding.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" }
            if ["iso-8859-1", "latin1", "windows-1252", "cp1252"].contains(String(value)) { return nil }
        }
        let valid = data.withUnsafeBytes { raw in
            String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) != nil
        }
        return valid ? nil : "malformed XML (not valid UTF-8)"
    }
}
