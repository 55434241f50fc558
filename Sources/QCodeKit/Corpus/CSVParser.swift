import Foundation

/// A small RFC 4180 reader.
///
/// Written here rather than using a CSV library because imports need what those do not
/// give directly: the line number where a record (and an unbalanced quote) starts, input
/// already decoded by ``TextDecoder`` (so Windows-1252 and UTF-16 exports work), and a
/// single pass over UTF-8 bytes with no per-character `String` work.
///
/// Handles quoted fields with `""` escapes and line breaks, CRLF, CR or LF line ends (all
/// read as LF, as the decoder does), a header row, and `,`, `;` or tab as the delimiter
/// (whichever the header line uses most outside quotes). Lenient where Excel is: text
/// after a closing quote is kept, short rows are padded with empty cells, empty lines are
/// skipped, a leading byte order mark is dropped. A record with more than ``maxColumns`` fields is refused as soon
/// as it is met (a million-column file would otherwise take minutes, and its header
/// would fill error messages).
///
/// This is qcode's one CSV reader: survey and case tables, codings files (``CodingsCSV``),
/// reconcile decisions (``ReconcileDecisionsCSV``) and pseudonym maps all read through it.
struct CSVTable {
    /// The most columns a CSV file may have.
    static let maxColumns = 10_000

    var header: [String]
    var rows: [[String]]
    /// The 1-based line on which each row starts.
    var lines: [Int]

    struct ParseError: Error { var reason: String }

    static func parse(_ text: String) throws(ParseError) -> CSVTable {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.contains(ASCII.cr) {
            // Text not from the decoder (which already did this): CRLF and CR become LF.
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                if bytes[i] == ASCII.cr {
                    out.append(ASCII.lf)
                    if i + 1 < bytes.count, bytes[i + 1] == ASCII.lf { i += 1 }
                } else {
                    out.append(bytes[i])
                }
                i += 1
            }
            bytes = out
        }
        let result: Result<CSVTable, ParseError> = bytes.withUnsafeBufferPointer { b in
            do throws(ParseError) { return .success(try parse(b)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    static func delimiter(_ b: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [ASCII.comma: 0, 0x3B: 0, ASCII.tab: 0]
        var inQuotes = false
        for c in b {
            if c == ASCII.quote { inQuotes.toggle() }
            else if !inQuotes, c == ASCII.lf { break }
            else if !inQuotes, counts[c] != nil { counts[c]! += 1 }
        }
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key != ASCII.comma) }!
        return best.value > 0 ? best.key : ASCII.comma
    }

    static func parse(_ b: UnsafeBufferPointer<UInt8>) throws(ParseError) -> CSVTable {
        let sep = delimiter(b)
        var records: [[String]] = []
        var recordLines: [Int] = []
        var fields: [String] = []
        var line = 1
        var recordLine = 1
        var i = 0
        let n = b.count
        var field: [UInt8] = []
        while i <= n {
            // Start of a field.
            if i < n, b[i] == ASCII.quote {
                let quoteLine = line
                i += 1
                field.removeAll(keepingCapacity: true)
                var closed = false
                while i < n {
                    let c = b[i]
                    if c == ASCII.quote {
                        if i + 1 < n, b[i + 1] == ASCII.quote { field.append(ASCII.quote); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    if c == ASCII.lf { line += 1 }
                    field.append(c)
                    i += 1
                }
                guard closed else { throw ParseError(reason: "unbalanced quote in CSV at line \(quoteLine)") }
                while i < n, b[i] != sep, b[i] != ASCII.lf { field.append(b[i]); i += 1 }
                fields.append(String(decoding: field, as: UTF8.self))
            } else {
                let start = i
                while i < n, b[i] != sep, b[i] != ASCII.lf { i += 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
            }
            guard fields.count <= maxColumns else {
                throw ParseError(reason: "line \(recordLine) has more than \(maxColumns) columns, the most qcode reads")
            }
            // End of field.
            if i < n, b[i] == sep {
                i += 1
                continue
            }
            // End of record (LF or end of input).
            if !(fields.count == 1 && fields[0].allSatisfy { $0 == " " || $0 == "\t" }) {
                records.append(fields)
                recordLines.append(recordLine)
            }
            fields = []
            line += 1
            recordLine = line
            i += 1
            if i >= n { break }
        }
        guard let header = records.first else { return CSVTable(header: [], rows: [], lines: []) }
        var names: [String] = []
        var seen: Set<String> = []
        for (k, raw) in header.enumerated() {
            var name = raw.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { name = "column \(k + 1)" }
            var unique = name
            var suffix = 2
            while seen.contains(unique) { unique = "\(name)_\(suffix)"; suffix += 1 }
            seen.insert(unique)
            names.append(unique)
        }
        var rows = Array(records.dropFirst())
        for r in rows.indices where rows[r].count < names.count {
            rows[r] += Array(repeating: "", count: names.count - rows[r].count)
        }
        return CSVTable(header: names, rows: rows, lines: Array(recordLines.dropFirst()))
    }

    /// The index of column `name` (exact, then ignoring case and surrounding spaces).
    func column(_ name: String) -> Int? {
        if let i = header.firstIndex(of: name) { return i }
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        return header.firstIndex { $0.lowercased() == key }
    }

    func missingColumn(_ name: String) -> String {
        "no column named '\(MessageText.clip(name))' (columns: \(MessageText.list(header)))"
    }

    static let idNames: Set<String> = [
        "participantid", "id", "participant", "respondentid", "respondent", "caseid", "case",
        "responseid", "recordid", "pid", "subjectid", "subject", "intervieweeid", "interviewid", "userid",
        "personid", "uid",
    ]

    /// The first column, in file order, named like an identifier: one of `idNames` (compared
    /// ignoring case, spaces and punctuation), or ending in " id" / "_id" / "-id".
    func guessIDColumn() -> Int? {
        header.firstIndex { h in
            let l = h.lowercased()
            let key = String(l.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
            return Self.idNames.contains(key) || l.hasSuffix(" id") || l.hasSuffix("_id") || l.hasSuffix("-id")
                || l.hasSuffix(".id")
        }
    }
}

