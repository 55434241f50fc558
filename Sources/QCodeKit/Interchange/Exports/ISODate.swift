import Foundation

/// Calendar dates as exports write them: ISO 8601 `yyyy-mm-dd`.
///
/// Attribute dates may have been imported as `01/03/2024` (day/month/year), `1.3.2024` or
/// `3/14/2024` (month/day/year, recognised because 14 is no month). A value that could be
/// either is read day first, as qcode's importer documents.
///
/// ```swift
/// ISODate.normalised("01/03/2024")   // "2024-03-01"
/// ISODate.days(sinceEpoch: "1970-01-02")   // 1
/// ```
enum ISODate {
    /// `value` as `yyyy-mm-dd` when it is a date qcode recognises; else `nil`.
    static func normalised(_ value: String, dayFirst: Bool = true) -> String? {
        guard let (year, month, day) = components(value, dayFirst: dayFirst) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Whether the dates of a column are month first: some value's second part is above 12
    /// and no value's first part is.
    static func monthFirst<S: Sequence>(_ values: S) -> Bool where S.Element == String {
        var firstAbove12 = false, secondAbove12 = false
        for value in values {
            guard let parts = slashParts(value) else { continue }
            if parts.0 > 12 { firstAbove12 = true }
            if parts.1 > 12 { secondAbove12 = true }
        }
        return secondAbove12 && !firstAbove12
    }

    /// The year, month and day of an ISO or d/m/y (m/d/y) date that exists in the calendar.
    static func components(_ value: String, dayFirst: Bool = true) -> (Int, Int, Int)? {
        let bytes = Array(value.utf8)
        var result: (Int, Int, Int)?
        if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
           let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]) {
            result = (year, month, day)
        } else if let (a, b, year) = slashParts(value) {
            if a > 12 { result = (year, b, a) }
            else if b > 12 { result = (year, a, b) }
            else { result = dayFirst ? (year, b, a) : (year, a, b) }
        }
        guard let (year, month, day) = result, year > 0, (1...12).contains(month),
              day >= 1, day <= daysInMonth(year, month) else { return nil }
        return (year, month, day)
    }

    /// Days from 1970-01-01 to an ISO or d/m/y date (negative before it).
    static func days(sinceEpoch value: String) -> Int? {
        guard let (year, month, day) = components(value) else { return nil }
        return daysFromCivil(year, month, day)
    }

    /// Howard Hinnant's days-from-civil (proleptic Gregorian calendar).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `a/b/yyyy`, `a.b.yyyy` or `a-b-yyyy` with one- or two-digit a and b.
    private static func slashParts(_ value: String) -> (Int, Int, Int)? {
        let bytes = Array(value.utf8)
        for separator in [UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-")] {
            let parts = bytes.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
                  let a = number(parts[0]), let b = number(parts[1]), let year = number(parts[2]) else { continue }
            return (a, b, year)
        }
        return nil
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}
