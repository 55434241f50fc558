/// Finds a query's exact hits in one stretch of text (a turn): the arbiter of every search.
///
/// The full-text index only proposes turns that may match; this decides, on the stored
/// text itself, with the words of ``WordTokenizer``. A turn matches when the query holds
/// in it (`AND`, `NOT` and `NEAR` apply within one turn); its hits are the occurrences of
/// the words and phrases that made it match (not those under `NOT`); a `NEAR` hit runs
/// from its first phrase to its last. Overlapping hits are merged.
public struct SearchMatcher: Sendable {
    public let query: SearchQuery

    public init(_ query: SearchQuery) {
        self.query = query
    }

    /// The hits in `scalars[start..<end]`, as ranges of indexes into `scalars`, in order.
    public func hits(in scalars: [Unicode.Scalar], from start: Int, to end: Int) -> [Range<Int>] {
        let ranges = WordTokenizer.words(in: scalars, from: start, to: end)
        let words = Words(scalars: scalars, ranges: ranges)
        guard let found = evaluate(query, words) else { return [] }
        return Self.merged(found.map { ranges[$0.lowerBound].lowerBound..<ranges[$0.upperBound - 1].upperBound })
    }

    /// The hits in all of `scalars`.
    public func hits(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        hits(in: scalars, from: 0, to: scalars.count)
    }

    /// The words of a stretch of text, compared in place (no copies: searches read every
    /// word of every candidate turn).
    struct Words {
        var scalars: [Unicode.Scalar]
        var ranges: [Range<Int>]

        var count: Int { ranges.count }

        /// Whether word `index` is `wanted` (folded), or starts with it when `prefix`.
        func word(_ index: Int, is wanted: [Unicode.Scalar], prefix: Bool) -> Bool {
            let range = ranges[index]
            if prefix ? range.count < wanted.count : range.count != wanted.count { return false }
            var position = range.lowerBound
            for scalar in wanted {
                if WordTokenizer.fold(scalars[position]) != scalar { return false }
                position += 1
            }
            return true
        }
    }

    /// Nil when `query` does not match; else its hits as ranges of word indexes.
    private func evaluate(_ query: SearchQuery, _ words: Words) -> [Range<Int>]? {
        switch query {
        case .phrase(let phrase):
            let found = occurrences(phrase, words)
            return found.isEmpty ? nil : found
        case .and(let parts):
            var all: [Range<Int>] = []
            for part in parts {
                guard let found = evaluate(part, words) else { return nil }
                all += found
            }
            return all
        case .or(let parts):
            var all: [Range<Int>]?
            for part in parts {
                if let found = evaluate(part, words) { all = (all ?? []) + found }
            }
            return all
        case .not(let wanted, let unwanted):
            guard let found = evaluate(wanted, words), evaluate(unwanted, words) == nil else { return nil }
            return found
        case .near(let phrases, let distance):
            let found = near(phrases, distance: distance, words)
            return found.isEmpty ? nil : found
        }
    }

    /// Where the phrase's words follow each other, as word-index ranges.
    func occurrences(_ phrase: SearchPhrase, _ words: Words) -> [Range<Int>] {
        let wanted = phrase.words.map { Array($0.unicodeScalars) }
        let count = wanted.count
        guard count > 0, words.count >= count else { return [] }
        var found: [Range<Int>] = []
        for first in 0...(words.count - count) {
            var matches = true
            for offset in 0..<count where !words.word(first + offset, is: wanted[offset], prefix: phrase.prefix && offset == count - 1) {
                matches = false
                break
            }
            if matches { found.append(first..<(first + count)) }
        }
        return found
    }

    /// The stretches (word-index ranges) holding an occurrence of every phrase, with at
    /// most `distance` words between the end of the earliest and the start of the latest.
    func near(_ phrases: [SearchPhrase], distance: Int, _ words: Words) -> [Range<Int>] {
        let lists = phrases.map { occurrences($0, words) }
        guard lists.allSatisfy({ !$0.isEmpty }) else { return [] }
        var windows: [Range<Int>] = []
        for (anchorPhrase, anchors) in lists.enumerated() {
            for anchor in anchors {
                var latestStart = anchor.lowerBound
                var end = anchor.upperBound
                var complete = true
                for (index, list) in lists.enumerated() where index != anchorPhrase {
                    // The earliest occurrence starting at or after the anchor.
                    guard let pick = list.first(where: { $0.lowerBound >= anchor.lowerBound }) else {
                        complete = false
                        break
                    }
                    latestStart = max(latestStart, pick.lowerBound)
                    end = max(end, pick.upperBound)
                }
                if complete && latestStart - anchor.upperBound <= distance {
                    windows.append(anchor.lowerBound..<end)
                }
            }
        }
        return windows
    }

    /// Sorted ranges with overlapping ones joined.
    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        let sorted = ranges.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        var result: [Range<Int>] = []
        for range in sorted {
            if let last = result.last, range.lowerBound < last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}

/// Translates a query into an SQLite FTS5 query that finds every turn the query can match
/// (and maybe more: ``SearchMatcher`` decides).
///
/// User text never reaches FTS5 raw: each phrase becomes one double-quoted string of its
/// folded words (which hold only letters, digits, marks and apostrophes), so no FTS5
/// syntax can be injected. FTS5's `unicode61` tokenizer splits words at apostrophes
/// (`don't` is the phrase `don t`), so its matches include all of ours. `NOT` keeps only
/// its first part and `NEAR` becomes `AND` (their exact checks are ours). A phrase FTS5
/// cannot see (no letter or digit Unicode 6.1 knows) makes its part match every turn.
public enum FullTextQuery {
    /// The FTS5 query, or nil when every turn must be checked.
    public static func translate(_ query: SearchQuery) -> String? {
        switch query {
        case .phrase(let phrase):
            return translate(phrase)
        case .and(let parts):
            let translated = parts.compactMap(translate)
            return translated.isEmpty ? nil : translated.map { "(\($0))" }.joined(separator: " AND ")
        case .or(let parts):
            var translated: [String] = []
            for part in parts {
                guard let text = translate(part) else { return nil }
                translated.append("(\(text))")
            }
            return translated.joined(separator: " OR ")
        case .not(let wanted, _):
            return translate(wanted)
        case .near(let phrases, _):
            let translated = phrases.compactMap(translate)
            return translated.isEmpty ? nil : translated.map { "(\($0))" }.joined(separator: " AND ")
        }
    }

    private static func translate(_ phrase: SearchPhrase) -> String? {
        var words = phrase.words
        var prefix = phrase.prefix
        if prefix, let last = words.last, !WordTokenizer.isVisibleToFullTextIndex(last) {
            words.removeLast()
            prefix = false
        }
        let visible = words.filter(WordTokenizer.isVisibleToFullTextIndex)
        guard !visible.isEmpty else { return nil }
        // Words hold no double quote; doubled anyway, as FTS5 escapes them.
        let quoted = "\"" + words.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return prefix ? quoted + " *" : quoted
    }
}
