import Foundation

/// Reads long-format ratings CSV (`unit,coder,value`) straight from bytes into a
/// `RatingsTable`.
///
/// Format:
/// - a header row naming the columns, in any order, matched case-insensitively:
///   `unit` (or `item`, `subject`), `coder` (or `rater`), `value` (or `rating`, `category`);
///   other columns are allowed and ignored;
/// - RFC 4180 fields: commas, double quotes with `""` escapes, quoted fields may span lines;
/// - a UTF-8 byte-order mark and CRLF or LF line ends are accepted; entirely empty lines are
///   skipped; spaces and tabs around unquoted fields are trimmed;
/// - a blank value is a missing rating (the unit and coder still count);
/// - the same (unit, coder) twice is an error naming both lines.
///
/// Lines in errors are physical line numbers counted from 1, header included.
///
/// - Complexity: O(bytes + units × coders); one `String` per distinct unit, coder and
///   value, none per field. Unit ids that are a fixed prefix and a decimal number are
///   looked up by number (see `UnitKeyIndex`).
enum RatingsCSVReader {
    static let unitNames = ["unit", "item", "subject"]
    static let coderNames = ["coder", "rater"]
    static let valueNames = ["value", "rating", "category"]

    static func read(_ data: Data, categories declared: [String]?) throws -> RatingsTable {
        try data.withUnsafeBytes { raw -> RatingsTable in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress, raw.count > 0 else {
                throw RatingsError.emptyInput
            }
            var parser = Parser(base: base, count: raw.count)
            return try parser.run(declared: declared)
        }
    }

    private struct Field {
        var start: UnsafePointer<UInt8>
        var length: Int
        /// True when the bytes live in a temporary buffer (an unescaped quoted field).
        var temporary = false
    }

    private struct Parser {
        let base: UnsafePointer<UInt8>
        let count: Int
        var i = 0
        var line = 1
        /// Unescaped copies of quoted fields containing `""`, freed after each record.
        var temporaries: [UnsafeMutableBufferPointer<UInt8>] = []

        init(base: UnsafePointer<UInt8>, count: Int) {
            self.base = base
            self.count = count
            if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { i = 3 }
        }

        mutating func run(declared: [String]?) throws -> RatingsTable {
            // Header.
            skipEmptyLines()
            guard i < count else { throw RatingsError.emptyInput }
            var header: [String] = []
            var headerFields: [Field] = []
            let headerLine = line
            _ = try readRecord { _, field, _ in headerFields.append(field) }
            for f in headerFields {
                let s = try string(f, headerLine)
                header.append(s.agreementTrimmed().lowercased())
            }
            freeTemporaries()
            let width = header.count
            var role = [Int](repeating: -1, count: width)  // 0 unit, 1 coder, 2 value
            for (r, names) in [RatingsCSVReader.unitNames, RatingsCSVReader.coderNames, RatingsCSVReader.valueNames]
                .enumerated()
            {
                let hits = header.indices.filter { names.contains(header[$0]) }
                guard let first = hits.first else { throw RatingsError.missingColumn(names: names) }
                guard hits.count == 1 else { throw RatingsError.duplicateColumn(names[0]) }
                role[first] = r
            }

            var units = UnitKeyIndex(byteCount: count)
            var coders = ByteInterner(capacity: 16)
            var values = ByteInterner(capacity: 64)
            var unitNames: [String] = []
            var coderNames: [String] = []
            var valueNames: [String] = []
            /// The line where each observed value first appears (for undeclared categories).
            var valueLines: [Int] = []
            // Ratings go straight into a units × `stride` grid of observed value ids (-1
            // missing, -2 not rated); `stride` doubles when coders outgrow it and the grid is
            // compacted to units × coders at the end. No per-row arrays.
            var grid = RatingsGrid(reserving: count / 8)
            unitNames.reserveCapacity(count / 16)
            /// The first (unit, coder) rated twice, reported after every line has been read.
            var duplicate: (line: Int, unit: Int32, coder: Int32)? = nil
            var lastUnit: (Field, Int32)? = nil

            while true {
                skipEmptyLines()
                if i >= count { break }
                let recordLine = line
                // The three fields as locals, not an array: no allocation per record.
                var unitField = Field(start: base, length: 0)
                var coderField = Field(start: base, length: 0)
                var valueField = Field(start: base, length: 0)
                defer { freeTemporaries() }
                let found = try readRecord { index, field, _ in
                    guard index < width else { return }
                    switch role[index] {
                    case 0: unitField = field
                    case 1: coderField = field
                    case 2: valueField = field
                    default: break
                    }
                }
                guard found == width else {
                    throw RatingsError.fieldCount(line: recordLine, expected: width, found: found)
                }
                // Unit (with a fast path for runs of rows about the same unit).
                let u: Int32
                if let (prev, id) = lastUnit, prev.length == unitField.length,
                    Self.sameBytes(prev.start, unitField.start, prev.length)
                {
                    u = id
                } else {
                    guard unitField.length > 0 else {
                        throw RatingsError.emptyIdentifier(line: recordLine, column: "unit")
                    }
                    let r = units.id(unitField.start, unitField.length)
                    if r.isNew {
                        unitNames.append(try string(unitField, recordLine))
                        grid.addUnit()
                    }
                    u = r.id
                    lastUnit = unitField.temporary ? nil : (unitField, u)
                }
                guard coderField.length > 0 else {
                    throw RatingsError.emptyIdentifier(line: recordLine, column: "coder")
                }
                let c = coders.intern(coderField.start, coderField.length)
                if c.isNew {
                    coderNames.append(try string(coderField, recordLine))
                    grid.addCoder()
                }
                var v: Int32 = -1
                if valueField.length > 0 {
                    let r = values.intern(valueField.start, valueField.length)
                    if r.isNew {
                        valueNames.append(try string(valueField, recordLine))
                        valueLines.append(recordLine)
                    }
                    v = r.id
                }
                if !grid.set(unit: u, coder: c.id, value: v), duplicate == nil {
                    duplicate = (recordLine, u, c.id)
                }
            }

            let (categories, remap): ([String], [Int32])
            do {
                (categories, remap) = try RatingsTable.orderCategories(observed: valueNames, declared: declared)
            } catch RatingsError.undeclaredCategory(_, let value) {
                throw RatingsError.undeclaredCategory(line: valueLines[valueNames.firstIndex(of: value)!], value: value)
            }
            if let duplicate {
                let unit = unitNames[Int(duplicate.unit)]
                let coder = coderNames[Int(duplicate.coder)]
                throw RatingsError.duplicateRating(
                    line: duplicate.line, unit: unit, coder: coder,
                    firstLine: try Self.firstLine(in: base, count: count, width: width, role: role, unit: unit, coder: coder))
            }
            let cells = grid.cells(units: unitNames.count, coders: coderNames.count, remap: remap)
            return RatingsTable(checkedUnits: unitNames, coders: coderNames, categories: categories, cells: cells)
        }

        /// The first line rating `unit` by `coder` (for a duplicate rating's message): the
        /// file is read again, which costs nothing when there is no error.
        private static func firstLine(
            in base: UnsafePointer<UInt8>, count: Int, width: Int, role: [Int], unit: String, coder: String
        ) throws -> Int {
            var parser = Parser(base: base, count: count)
            parser.skipEmptyLines()
            _ = try parser.readRecord { _, _, _ in }
            parser.freeTemporaries()
            let unitBytes = Array(unit.utf8)
            let coderBytes = Array(coder.utf8)
            func same(_ f: Field, _ bytes: [UInt8]) -> Bool {
                f.length == bytes.count && bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, f.start, f.length) == 0 }
            }
            while true {
                parser.skipEmptyLines()
                guard parser.i < count else { break }
                let recordLine = parser.line
                var match = 0
                defer { parser.freeTemporaries() }
                _ = try parser.readRecord { index, field, _ in
                    guard index < width else { return }
                    if role[index] == 0 && same(field, unitBytes) { match += 1 }
                    if role[index] == 1 && same(field, coderBytes) { match += 1 }
                }
                if match == 2 { return recordLine }
            }
            preconditionFailure("RatingsCSVReader: a duplicate rating's first line was not found")
        }

        /// `memcmp(a, b, length) == 0` inline, 8 bytes at a time (ids are short: a call to
        /// `memcmp` costs more than the comparison).
        @inline(__always)
        static func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
            let ra = UnsafeRawPointer(a)
            let rb = UnsafeRawPointer(b)
            var i = 0
            while i + 8 <= length {
                if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                    return false
                }
                i += 8
            }
            while i < length {
                if a[i] != b[i] { return false }
                i += 1
            }
            return true
        }

        private func string(_ f: Field, _ line: Int) throws -> String {
            // `String(decoding:)` repairs invalid UTF-8 with U+FFFD, so the bytes change exactly
            // when the input was invalid. (`String(validating:)` needs macOS 15.)
            let bytes = UnsafeBufferPointer(start: f.start, count: f.length)
            var high: UInt8 = 0
            for b in bytes { high |= b }
            if high < 0x80 { return String(decoding: bytes, as: UTF8.self) }  // ASCII: valid as it is
            let s = String(decoding: bytes, as: UTF8.self)
            guard s.utf8.elementsEqual(bytes) else { throw RatingsError.invalidUTF8(line: line) }
            return s
        }

        mutating func skipEmptyLines() {
            while i < count {
                if base[i] == 0x0A {
                    line += 1
                    i += 1
                } else if base[i] == 0x0D && i + 1 < count && base[i + 1] == 0x0A {
                    line += 1
                    i += 2
                } else {
                    return
                }
            }
        }

        /// Reads one record starting at `i`, calling `body(index, field, quoted)` per field;
        /// returns the number of fields. Leaves `i` after the line end.
        mutating func readRecord(_ body: (Int, Field, Bool) -> Void) throws -> Int {
            var index = 0
            while true {
                var field: Field
                var quoted = false
                if i < count && base[i] == 0x22 {
                    quoted = true
                    let startLine = line
                    i += 1
                    let start = i
                    var escaped = false
                    while true {
                        guard i < count else { throw RatingsError.badQuote(line: startLine) }
                        let b = base[i]
                        if b == 0x22 {
                            if i + 1 < count && base[i + 1] == 0x22 {
                                escaped = true
                                i += 2
                                continue
                            }
                            break
                        }
                        if b == 0x0A { line += 1 }
                        i += 1
                    }
                    field = Field(start: base + start, length: i - start)
                    i += 1  // closing quote
                    while i < count && (base[i] == 0x20 || base[i] == 0x09) { i += 1 }
                    if i < count && base[i] != 0x2C && base[i] != 0x0A && base[i] != 0x0D {
                        throw RatingsError.badQuote(line: startLine)
                    }
                    if escaped { field = unescape(field) }
                } else {
                    var start = i
                    while i < count {
                        let b = base[i]
                        if b == 0x2C || b == 0x0A || b == 0x0D { break }
                        i += 1
                    }
                    var end = i
                    while start < end && (base[start] == 0x20 || base[start] == 0x09) { start += 1 }
                    while end > start && (base[end - 1] == 0x20 || base[end - 1] == 0x09) { end -= 1 }
                    field = Field(start: base + start, length: end - start)
                }
                body(index, field, quoted)
                index += 1
                if i < count && base[i] == 0x2C {
                    i += 1
                    continue
                }
                // End of record.
                if i < count && base[i] == 0x0D { i += 1 }
                if i < count && base[i] == 0x0A { i += 1 }
                line += 1
                return index
            }
        }

        /// Copies a quoted field with `""` escapes into a temporary buffer, unescaped.
        private mutating func unescape(_ f: Field) -> Field {
            let out = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, f.length))
            temporaries.append(out)
            var j = 0
            var n = 0
            while j < f.length {
                out[n] = f.start[j]
                n += 1
                j += f.start[j] == 0x22 ? 2 : 1
            }
            return Field(start: UnsafePointer(out.baseAddress!), length: n, temporary: true)
        }

        mutating func freeTemporaries() {
            for t in temporaries { t.deallocate() }
            temporaries.removeAll(keepingCapacity: true)
        }
    }
}
