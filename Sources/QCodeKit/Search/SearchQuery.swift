/// A parsed search query (see ``SearchQuery/parse(_:)`` for the syntax).
///
/// Words are kept folded (``WordTokenizer/fold(_:)``): matching is case-insensitive and
/// treats `'` and `’` alike.
public indirect enum SearchQuery: Sendable, Equatable {
    /// Words in a row (one word is a phrase of one); the last may be a prefix.
    case phrase(SearchPhrase)
    /// Every part must match in the same turn.
    case and([SearchQuery])
    /// Any part.
    case or([SearchQuery])
    /// The first part, in turns where the second does not match.
    case not(SearchQuery, SearchQuery)
    /// Every phrase, with at most `distance` words between the end of the first and the
    /// start of the last.
    case near([SearchPhrase], distance: Int)
}

/// Words that must follow each other; the last may be a prefix (`belong*`).
public struct SearchPhrase: Sendable, Equatable {
    /// The folded words.
    public var words: [String]
    /// Whether the last word matches any word starting with it.
    public var prefix: Bool

    public init(words: [String], prefix: Bool = false) {
        self.words = words
        self.prefix = prefix
    }
}

/// A query that cannot be read, with the query and why.
public struct SearchQueryError: Error, CustomStringConvertible, Equatable {
    public var query: String
    public var reason: String

    public var description: String { "search query '\(MessageText.clip(query))': \(reason)" }
}

extension SearchQuery {
    /// The default distance of `NEAR(...)` without one.
    public static let defaultNearDistance = 10

    /// Parses a query.
    ///
    /// - `word` matches the whole word, ignoring case; apostrophes stay inside words
    ///   (`don't`); a word with hyphens or other punctuation (`link-worker`) is a phrase.
    /// - `"a phrase"` matches the words in a row; `belong*` (or `"a phr"*`) a prefix.
    /// - `A B` or `A AND B`: both in the same turn; `A OR B`; `A NOT B`: A in turns without
    ///   B; `NEAR(A B, 10)`: A and B (words or phrases) at most 10 words apart; parentheses
    ///   group. Operators are upper case; `NOT` binds tightest, then `AND`, then `OR`.
    ///
    /// - Throws: ``SearchQueryError`` naming the query and the problem.
    public static func parse(_ text: String) throws -> SearchQuery {
        var parser = SearchQueryParser(text: text)
        return try parser.parseQuery()
    }
}

/// A recursive-descent parser over the query's lexical tokens.
private struct SearchQueryParser {
    enum Token: Equatable {
        case word(String)
        case quoted(String, prefix: Bool)
        case open, close, comma
        case and, or, not, near
    }

    let text: String
    var tokens: [Token] = []
    var position = 0

    init(text: String) {
        self.text = text
    }

    func error(_ reason: String) -> SearchQueryError { SearchQueryError(query: text, reason: reason) }

    mutating func parseQuery() throws -> SearchQuery {
        tokens = try lex()
        guard !tokens.isEmpty else { throw error("it is empty") }
        let query = try parseOr()
        if position < tokens.count { throw error("unexpected \(describe(tokens[position]))") }
        return query
    }

    private func lex() throws -> [Token] {
        let scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }
        while index < scalars.count {
            let scalar = scalars[index]
            if isSpace(scalar) { index += 1; continue }
            switch scalar {
            case "(": tokens.append(.open); index += 1
            case ")": tokens.append(.close); index += 1
            case ",": tokens.append(.comma); index += 1
            case "\"", "\u{201C}", "\u{201D}":
                var end = index + 1
                while end < scalars.count, !["\"", "\u{201C}", "\u{201D}"].contains(scalars[end]) { end += 1 }
                guard end < scalars.count else { throw error("a quote is not closed") }
                var content = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
                var prefix = false
                if content.hasSuffix("*") {
                    prefix = true
                    content.removeLast()
                }
                index = end + 1
                if index < scalars.count, scalars[index] == "*" {
                    prefix = true
                    index += 1
                }
                tokens.append(.quoted(content, prefix: prefix))
            default:
                var end = index
                while end < scalars.count, !isSpace(scalars[end]),
                      !["(", ")", ",", "\"", "\u{201C}", "\u{201D}"].contains(scalars[end]) { end += 1 }
                let word = String(String.UnicodeScalarView(scalars[index..<end]))
                index = end
                switch word {
                case "AND": tokens.append(.and)
                case "OR": tokens.append(.or)
                case "NOT": tokens.append(.not)
                case "NEAR" where index < scalars.count && scalars[index] == "(": tokens.append(.near)
                default: tokens.append(.word(word))
                }
            }
        }
        return tokens
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .word(let word): return "'\(word)'"
        case .quoted(let phrase, _): return "\"\(phrase)\""
        case .open: return "'('"
        case .close: return "')'"
        case .comma: return "','"
        case .and: return "AND"
        case .or: return "OR"
        case .not: return "NOT"
        case .near: return "NEAR"
        }
    }

    private var current: Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func parseOr() throws -> SearchQuery {
        var parts = [try parseAnd()]
        while current == .or {
            position += 1
            parts.append(try parseAnd())
        }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func parseAnd() throws -> SearchQuery {
        var parts = [try parseNot()]
        while let token = current, token != .or, token != .close, token != .comma {
            if token == .and { position += 1 }
            parts.append(try parseNot())
        }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func parseNot() throws -> SearchQuery {
        var query = try parsePrimary()
        while current == .not {
            position += 1
            query = .not(query, try parsePrimary())
        }
        return query
    }

    private mutating func parsePrimary() throws -> SearchQuery {
        guard let token = current else { throw error("it ends where a word or phrase is expected") }
        switch token {
        case .open:
            position += 1
            let inner = try parseOr()
            guard current == .close else { throw error("a '(' is not closed") }
            position += 1
            return inner
        case .near:
            position += 1
            return try parseNear()
        case .word, .quoted:
            position += 1
            return .phrase(try phrase(token))
        default:
            throw error("unexpected \(describe(token)) where a word or phrase is expected")
        }
    }

    private mutating func parseNear() throws -> SearchQuery {
        guard current == .open else { throw error("NEAR needs '(' after it") }
        position += 1
        var phrases: [SearchPhrase] = []
        var distance = SearchQuery.defaultNearDistance
        while let token = current, token != .close, token != .comma {
            switch token {
            case .word, .quoted:
                position += 1
                phrases.append(try phrase(token))
            default:
                throw error("NEAR(...) takes words and phrases, not \(describe(token))")
            }
        }
        if current == .comma {
            position += 1
            guard case .word(let number) = current, let value = Int(number), value >= 0 else {
                throw error("NEAR(..., N) needs a whole number of words after the comma")
            }
            distance = value
            position += 1
        }
        guard current == .close else { throw error("NEAR( is not closed with ')'") }
        position += 1
        guard phrases.count >= 2 else { throw error("NEAR(...) needs at least two words or phrases") }
        return .near(phrases, distance: distance)
    }

    private func phrase(_ token: Token) throws -> SearchPhrase {
        let raw: String
        var prefix = false
        switch token {
        case .word(let word):
            raw = word.hasSuffix("*") ? String(word.dropLast()) : word
            prefix = word.hasSuffix("*")
            if raw.contains("*") { throw error("'*' may only end a word (belong*)") }
        case .quoted(let content, let isPrefix):
            raw = content
            prefix = isPrefix
            if raw.contains("*") { throw error("'*' may only end a phrase (\"a phr\"*)") }
        default:
            throw error("unexpected \(describe(token))")
        }
        let words = WordTokenizer.foldedWords(of: raw)
        guard !words.isEmpty else {
            throw error(raw.isEmpty ? "an empty phrase" : "'\(raw)' holds no word (letters or digits)")
        }
        if prefix, let last = raw.unicodeScalars.last, !WordTokenizer.isWordScalar(last), !WordTokenizer.isApostrophe(last) {
            throw error("'\(raw)*': '*' must follow a letter or digit")
        }
        return SearchPhrase(words: words, prefix: prefix)
    }
}
