/// Words as search and word counts see them, one definition for both.
///
/// A word is a maximal run of letters, combining marks, digits and private-use characters
/// (Unicode categories L, M, N and Co), with apostrophes (`'` and `’`) kept inside it
/// when a word character stands on both sides: `don't`, `link-worker's` (two words, `link`
/// and `worker's`), `’tis` (the word `tis`). Words compare case-insensitively (each
/// character's simple lowercase form) with the two apostrophes alike; accents matter.
/// (`ʼ`, U+02BC, is a letter in Unicode, so it is part of words as any letter is.)
///
/// Offsets are indexes into the scalars given (Unicode scalar offsets, as Python's `str`
/// indexes text).
public enum WordTokenizer {
    /// The words of `scalars` as ranges of indexes, in order.
    public static func words(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        words(in: scalars, from: 0, to: scalars.count)
    }

    /// The words of `scalars[start..<end]`, as ranges of indexes into `scalars`.
    public static func words(in scalars: [Unicode.Scalar], from start: Int, to end: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = start
        while index < end {
            guard isWordScalar(scalars[index]) else {
                index += 1
                continue
            }
            let first = index
            index += 1
            while index < end {
                if isWordScalar(scalars[index]) {
                    index += 1
                } else if isApostrophe(scalars[index]), index + 1 < end, isWordScalar(scalars[index + 1]) {
                    index += 2
                } else {
                    break
                }
            }
            result.append(first..<index)
        }
        return result
    }

    /// Whether a scalar is part of words: a letter, mark, digit or private-use character.
    @inline(__always)
    public static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return true
        default:
            return false
        }
    }

    /// Whether a scalar is one of the apostrophes words may hold: `'` or `’`.
    @inline(__always)
    public static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}"
    }

    /// The form words are compared in: simple lowercase, with `’` as `'`.
    @inline(__always)
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x80 {
            return value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value + 0x20)! : scalar
        }
        if isApostrophe(scalar) { return "'" }
        guard scalar.properties.changesWhenLowercased else { return scalar }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : scalar
    }

    /// A word (or any text) in its compared form (see ``fold(_:)``).
    public static func folded(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var result = String.UnicodeScalarView()
        for scalar in scalars { result.append(fold(scalar)) }
        return String(result)
    }

    /// The words of `text`, folded, in order.
    public static func foldedWords(of text: String) -> [String] {
        let scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        return words(in: scalars).map { folded(scalars[$0]) }
    }

    /// Whether SQLite's `unicode61` tokenizer (Unicode 6.1 tables) sees at least one token
    /// character in `word`: a letter, digit or private-use character assigned by Unicode
    /// 6.1. A word it does not see cannot narrow a full-text search.
    static func isVisibleToFullTextIndex(_ word: String) -> Bool {
        word.unicodeScalars.contains { scalar in
            if scalar.value < 0x80 { return isWordScalar(scalar) }
            guard let age = scalar.properties.age, age.major < 6 || (age.major == 6 && age.minor <= 1) else { return false }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber, .privateUse:
                return true
            default:
                return false
            }
        }
    }
}
