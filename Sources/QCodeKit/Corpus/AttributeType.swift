/// The type of a case attribute column, inferred from its non-empty values.
public enum AttributeType: String, Sendable, Codable {
    /// Whole numbers: `42`, `-3`.
    case integer
    /// Decimal numbers: `3.5`, `-0.25`, `1e3` (and integers mixed with them).
    case number
    /// `yes`/`no`/`true`/`false` in any case.
    case boolean
    /// ISO dates `2024-03-01`, or day/month/year `01/03/2024` (also `1/3/2024`, `1.3.2024`).
    case date
    /// Anything else.
    case text
}

extension AttributeType {
    /// The narrowest type holding every value; `.text` for no values.
    ///
    ///     AttributeType.infer(["1", "2.5"])   // .number
    ///     AttributeType.infer(["Yes", "no"])  // .boolean
    public static func infer<S: Sequence>(_ values: S) -> AttributeType where S.Element == String {
        var integer = true, number = true, boolean = true, date = true
        var any = false
        for v in values {
            any = true
            if integer, !isInteger(v) { integer = false }
            if number, !isNumber(v) { number = false }
            if boolean, !isBoolean(v) { boolean = false }
            if date, !isDate(v) { date = false }
            if !(integer || number || boolean || date) { return .text }
        }
        guard any else { return .text }
        if integer { return .integer }
        if number { return .number }
        if boolean { return .boolean }
        if date { return .date }
        return .text
    }

    static func isInteger(_ s: String) -> Bool {
        var u = Substring(s)
        if u.first == "-" || u.first == "+" { u = u.dropFirst() }
        return !u.isEmpty && u.utf8.allSatisfy(ASCII.isDigit)
    }

    static func isNumber(_ s: String) -> Bool {
        var u = Substring(s)
        if u.first == "-" || u.first == "+" { u = u.dropFirst() }
        var mantissa = u
        var exponent: Substring? = nil
        if let e = u.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = u[..<e]
            exponent = u[u.index(after: e)...]
        }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard !mantissa.isEmpty, parts.count <= 2,
              parts.allSatisfy({ $0.utf8.allSatisfy(ASCII.isDigit) }),
              parts.contains(where: { !$0.isEmpty })
        else { return false }
        if let exponent { return isInteger(String(exponent)) }
        return true
    }

    static func isBoolean(_ s: String) -> Bool {
        ["yes", "no", "true", "false"].contains(s.lowercased())
    }

    static func isDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        func num(_ r: ArraySlice<UInt8>) -> Int? {
            guard !r.isEmpty, r.allSatisfy(ASCII.isDigit) else { return nil }
            return r.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        // ISO: yyyy-mm-dd
        if u.count == 10, u[4] == ASCII.hyphen, u[7] == ASCII.hyphen,
           let y = num(u[0..<4]), let m = num(u[5..<7]), let d = num(u[8..<10])
        {
            return y > 0 && (1...12).contains(m) && (1...31).contains(d)
        }
        // d/m/yyyy, dd/mm/yyyy, d.m.yyyy (also m/d/yyyy)
        for sep in [UInt8(0x2F), ASCII.dot, ASCII.hyphen] {
            let parts = u.split(separator: sep, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
                  let a = num(parts[0]), let b = num(parts[1]), num(parts[2]) != nil
            else { continue }
            return (1...31).contains(a) && (1...31).contains(b) && (a <= 12 || b <= 12)
        }
        return false
    }
}
