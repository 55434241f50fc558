import Foundation

/// Makes column names that R, SPSS and Stata all accept, unique within one table.
///
/// A safe name has only ASCII letters, digits and underscores, starts with a letter, has at
/// most 32 characters, is not a reserved word of those tools (nor Stata's `str1`, `str80`...),
/// and is lower case (SPSS allows 64 bytes, Stata 32 characters; both accept these names). Accents are
/// folded (`é` becomes `e`), every other run of characters becomes one `_`.
///
/// ```swift
/// var names = ColumnNamer()
/// names.unique("Loneliness (baseline)")   // "loneliness_baseline"
/// names.unique("loneliness baseline")     // "loneliness_baseline_2"
/// names.unique("2nd visit")               // "x2nd_visit"
/// ```
///
/// Codes are named by ``codeColumn(path:topLevelID:)``: a top-level code by its name, a
/// deeper code by a short prefix for its theme and the rest of its path, e.g.
/// `social-cure/community-belonging` with theme id `sc` becomes `sc_community_belonging`.
public struct ColumnNamer: Sendable {
    /// The longest name Stata and SPSS accept.
    public static let maximumLength = 32

    /// Words the three tools reserve (compared in lower case).
    static let reserved: Set<String> = [
        // R
        "if", "else", "repeat", "while", "function", "for", "next", "break", "true", "false",
        "null", "inf", "nan", "na", "na_integer_", "na_real_", "na_character_", "in",
        // SPSS
        "all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with",
        // Stata
        "byte", "double", "float", "int", "long", "str", "strl", "using", "_all", "_n", "_b",
        "_coef", "_cons", "_pi", "_pred", "_rc", "_se", "_skip",
    ]

    private var used: Set<String> = []

    public init() {}

    /// `name` made safe, without the uniqueness step.
    public static func sanitise(_ name: String) -> String {
        sanitise(name, limit: maximumLength)
    }

    private static func sanitise(_ name: String, limit: Int) -> String {
        var result = ""
        var pendingUnderscore = false
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingUnderscore, !result.isEmpty { result.append("_") }
                pendingUnderscore = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingUnderscore = true
            }
        }
        result = result.lowercased()
        if result.isEmpty { result = "x" }
        if let first = result.unicodeScalars.first, !first.properties.isAlphabetic { result = "x" + result }
        if result.count > limit { result = trimmed(result, to: limit) }
        if reserved.contains(result) { result = trimmed(result, to: limit - 1) + "_" }
        // Stata reserves every name starting `str` and a digit (its string types).
        if result.hasPrefix("str"), let fourth = result.dropFirst(3).first, fourth.isASCII, fourth.isNumber {
            result = trimmed("x" + result, to: limit)
        }
        return result
    }

    /// `name` made safe and different from every name this namer gave before
    /// (a clash gets `_2`, `_3`, ... within the 32 characters).
    public mutating func unique(_ name: String) -> String {
        claim(Self.sanitise(name))
    }

    /// The column name for a code: see the type's description.
    public mutating func codeColumn(path: String, topLevelID: String) -> String {
        claim(Self.codeName(path: path, topLevelID: topLevelID))
    }

    /// A safe name for a code column, not yet made unique.
    static func codeName(path: String, topLevelID: String) -> String {
        let segments = path.split(separator: "/").map(String.init)
        guard segments.count > 1 else { return sanitise(path) }
        let prefix = themePrefix(topLevel: segments[0], id: topLevelID)
        let full = sanitise(([prefix] + segments.dropFirst()).joined(separator: "_"), limit: Int.max)
        if full.count <= maximumLength { return full }
        return sanitise(prefix + "_" + segments[segments.count - 1])
    }

    /// A short prefix for a theme: its id when that is a short word (`sc`), else the
    /// initials of its name (`social-cure` gives `sc`).
    static func themePrefix(topLevel name: String, id: String) -> String {
        if id.count <= 8, sanitise(id) == id.lowercased() { return id.lowercased() }
        let initials = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).compactMap(\.first)
        return sanitise(String(initials))
    }

    private mutating func claim(_ base: String) -> String {
        var candidate = base
        var number = 2
        while used.contains(candidate) {
            let suffix = "_\(number)"
            candidate = Self.trimmed(base, to: Self.maximumLength - suffix.count) + suffix
            number += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// The first `length` characters, without a trailing underscore.
    private static func trimmed(_ name: String, to length: Int) -> String {
        var result = String(name.prefix(length))
        while result.hasSuffix("_") { result.removeLast() }
        return result
    }
}
