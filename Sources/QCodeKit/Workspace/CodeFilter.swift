import Foundation

/// Filters and ranks a codebook's codes for what a coder types in the code picker.
///
/// The query is split into words; a code matches when every word occurs in its path,
/// name, label or keywords (ignoring case, and treating `-`, `_` and spaces alike). Each
/// word scores by where it matches: the whole name (100), the start of the name (60), the
/// start of a path segment (40), inside the path (25), in the label (20), in a keyword
/// (15). Codes sort by total score, then by codebook order; an empty query keeps them all
/// in codebook order.
///
/// ```swift
/// CodeFilter.rank(codes, query: "lonel").first?.path  // "social-cure/loneliness-isolation"
/// ```
/// Complexity: O(codes × words × text length).
public enum CodeFilter {
    public static func rank(_ codes: [FlatCode], query: String) -> [FlatCode] {
        let words = normalise(query).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return codes }
        var scored: [(score: Int, index: Int)] = []
        for (index, code) in codes.enumerated() {
            var total = 0
            var matchedAll = true
            let name = normalise(code.name)
            let path = normalise(code.path)
            let segments = path.split(separator: "/")
            let label = normalise(code.label ?? "")
            let keywords = code.keywords.map(normalise)
            for word in words {
                var score = 0
                if name == word { score = 100 }
                else if name.hasPrefix(word) { score = 60 }
                else if segments.contains(where: { $0.hasPrefix(word) }) { score = 40 }
                else if path.contains(word) { score = 25 }
                else if label.contains(word) { score = 20 }
                else if keywords.contains(where: { $0.contains(word) }) { score = 15 }
                if score == 0 { matchedAll = false; break }
                total += score
            }
            if matchedAll { scored.append((total, index)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        return scored.map { codes[$0.index] }
    }

    /// Lower case, with runs of `-`, `_` and spaces as one space.
    static func normalise(_ text: String) -> String {
        var result = ""
        var lastWasSpace = false
        for character in text.lowercased() {
            if character == "-" || character == "_" || character == " " {
                if !lastWasSpace && !result.isEmpty { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character)
                lastWasSpace = false
            }
        }
        return lastWasSpace ? String(result.dropLast()) : result
    }
}

/// What the code picker would do on Enter.
public enum PickerChoice: Equatable, Sendable {
    /// Apply this existing code.
    case code(FlatCode)
    /// Create a code at this path (its parent must exist), then apply it.
    case create(String)
}

/// The code picker: a query typed by the coder, the codes it matches, and the highlighted one.
///
/// When the query names no existing code exactly, the last row offers to create it.
public struct CodePicker: Equatable, Sendable {
    public private(set) var codes: [FlatCode]
    public private(set) var query = ""
    public private(set) var matches: [FlatCode]
    public private(set) var highlighted = 0

    public init(codes: [FlatCode]) {
        self.codes = codes
        matches = codes
    }

    /// The rows: matching codes, then the create row when the query is new.
    public var choices: [PickerChoice] {
        var rows = matches.map(PickerChoice.code)
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, !codes.contains(where: { CodePath($0.path) == CodePath(trimmed) }) {
            rows.append(.create(trimmed))
        }
        return rows
    }

    /// The highlighted row, if any.
    public var current: PickerChoice? {
        let rows = choices
        return rows.indices.contains(highlighted) ? rows[highlighted] : nil
    }

    public mutating func type(_ character: Character) {
        query.append(character)
        refilter()
    }

    public mutating func deleteBackward() {
        guard !query.isEmpty else { return }
        query.removeLast()
        refilter()
    }

    public mutating func move(by delta: Int) {
        let count = choices.count
        guard count > 0 else { return }
        highlighted = min(max(0, highlighted + delta), count - 1)
    }

    private mutating func refilter() {
        matches = CodeFilter.rank(codes, query: query)
        highlighted = 0
    }
}
