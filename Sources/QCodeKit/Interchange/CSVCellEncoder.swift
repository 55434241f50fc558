/// The one encoder of CSV and TSV cells: ``Tabular`` (strings) and the streaming export
/// writer (bytes) both write every cell through it, so the two can never disagree.
///
/// - Formula safety: a cell a spreadsheet would run as a formula (starting with `=`, `+`,
///   `-`, `@`, tab or CR) gets a leading apostrophe, unless it is a plain number such as
///   `-3` or `+1.5`.
/// - CSV (RFC 4180): a cell holding a comma, double quote, CR or LF is quoted, with `""`
///   for each quote; the apostrophe goes inside the quotes.
/// - TSV: tab, CR and LF inside a cell become one space each (CRLF one space in all).
enum CSVCellEncoder {
    /// Whether a spreadsheet would take the cell for a formula.
    static func needsNeutralising<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> Bool
    where Bytes.Element == UInt8 {
        guard let first = bytes.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
        case UInt8(ascii: "-"), UInt8(ascii: "+"): return Double(String(decoding: bytes, as: UTF8.self)) == nil
        default: return false
        }
    }

    /// Appends one CSV cell (`guardFormulas: false`: exactly as it is, for analysis pipelines).
    static func appendCSV<Bytes: RandomAccessCollection, Out: CSVCellOutput>(_ bytes: Bytes, to out: inout Out, guardFormulas: Bool = true)
    where Bytes.Element == UInt8 {
        let neutralise = guardFormulas && needsNeutralising(bytes)
        let quote = bytes.contains { byte in
            switch byte {
            case 0x2C, 0x22, 0x0A, 0x0D: return true  // , " LF CR
            default: return false
            }
        }
        if !quote {
            if neutralise { out.appendByte(UInt8(ascii: "'")) }
            out.appendBytes(bytes)
            return
        }
        out.appendByte(UInt8(ascii: "\""))
        if neutralise { out.appendByte(UInt8(ascii: "'")) }
        var runStart = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == UInt8(ascii: "\"") {
                out.appendBytes(bytes[runStart..<next])
                out.appendByte(UInt8(ascii: "\""))
                runStart = next
            }
            index = next
        }
        out.appendBytes(bytes[runStart..<bytes.endIndex])
        out.appendByte(UInt8(ascii: "\""))
    }

    /// Appends one TSV cell (`guardFormulas: false`: no apostrophe before formula-like cells).
    static func appendTSV<Bytes: RandomAccessCollection, Out: CSVCellOutput>(_ bytes: Bytes, to out: inout Out, guardFormulas: Bool = true)
    where Bytes.Element == UInt8 {
        if guardFormulas, needsNeutralising(bytes) { out.appendByte(UInt8(ascii: "'")) }
        guard bytes.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            out.appendBytes(bytes)
            return
        }
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case 0x09, 0x0D: out.appendByte(UInt8(ascii: " "))
            case 0x0A: if previous != 0x0D { out.appendByte(UInt8(ascii: " ")) }
            default: out.appendByte(byte)
            }
            previous = byte
        }
    }

    static func appendCSV<Bytes: RandomAccessCollection>(_ bytes: Bytes, to sink: ByteSink, guardFormulas: Bool = true) where Bytes.Element == UInt8 {
        var out = sink
        appendCSV(bytes, to: &out, guardFormulas: guardFormulas)
    }

    static func appendTSV<Bytes: RandomAccessCollection>(_ bytes: Bytes, to sink: ByteSink, guardFormulas: Bool = true) where Bytes.Element == UInt8 {
        var out = sink
        appendTSV(bytes, to: &out, guardFormulas: guardFormulas)
    }

    /// One CSV cell as text.
    static func csv(_ value: String) -> String {
        var out: [UInt8] = []
        var value = value
        value.withUTF8 { appendCSV($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// One TSV cell as text.
    static func tsv(_ value: String) -> String {
        var out: [UInt8] = []
        var value = value
        value.withUTF8 { appendTSV($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `value` with a leading apostrophe when a spreadsheet would run it as a formula.
    static func neutralise(_ value: String) -> String {
        var value = value
        return value.withUTF8 { needsNeutralising($0) } ? "'" + value : value
    }
}

/// Where ``CSVCellEncoder`` writes: an export's byte sink, or bytes in memory.
protocol CSVCellOutput {
    mutating func appendByte(_ byte: UInt8)
    mutating func appendBytes<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8
}

extension ByteSink: CSVCellOutput {
    func appendByte(_ byte: UInt8) { append(byte) }
    func appendBytes<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 { append(contentsOf: bytes) }
}

extension Array: CSVCellOutput where Element == UInt8 {
    mutating func appendByte(_ byte: UInt8) { append(byte) }
    mutating func appendBytes<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 { append(contentsOf: bytes) }
}
