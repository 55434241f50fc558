/// One row of `qcode words`: a word (or n-gram), how often it occurs and in how many
/// documents, optionally within a group (a speaker, or a case attribute's value).
public struct WordCount: Sendable, Equatable, Encodable {
    /// The group (speaker or attribute value) with `--by`; nil without, or for text with
    /// no speaker or no value.
    public var group: String?
    /// The word in its compared form (lower case, `'` for every apostrophe); n-grams are
    /// words joined by one space.
    public var word: String
    public var count: Int
    public var documents: Int

    public init(group: String? = nil, word: String, count: Int, documents: Int) {
        self.group = group
        self.word = word
        self.count = count
        self.documents = documents
    }
}

/// Counts words or n-grams, and the documents they occur in (pure: fed word by word).
///
/// Feed each run of consecutive words (a turn, or the part of it inside a coding) with
/// ``add(run:group:document:)``, documents in order. A word (or an n-gram's first or last
/// word) that is a stop word or shorter than `minimumLength` characters is not counted.
public struct WordCounter: Sendable {
    public let size: Int
    public let stopWords: Set<String>
    public let minimumLength: Int

    private struct Key: Hashable {
        var group: String?
        var word: String
    }

    private var counts: [Key: (count: Int, documents: Int, lastDocument: Int64)] = [:]

    /// - Parameters:
    ///   - size: 1 for words, 2 or 3 for n-grams.
    public init(size: Int = 1, stopWords: Set<String> = EnglishStopWords.set, minimumLength: Int = 1) {
        self.size = max(1, size)
        self.stopWords = stopWords
        self.minimumLength = minimumLength
    }

    private func excluded(_ word: String) -> Bool {
        stopWords.contains(word) || word.unicodeScalars.count < minimumLength
    }

    /// Counts the words (folded) of one run of consecutive words.
    public mutating func add(run words: [String], group: String? = nil, document: Int64) {
        guard words.count >= size else { return }
        for first in 0...(words.count - size) {
            let last = first + size - 1
            if excluded(words[first]) || excluded(words[last]) { continue }
            let word = size == 1 ? words[first] : words[first...last].joined(separator: " ")
            let key = Key(group: group, word: word)
            if var entry = counts[key] {
                entry.count += 1
                if entry.lastDocument != document {
                    entry.documents += 1
                    entry.lastDocument = document
                }
                counts[key] = entry
            } else {
                counts[key] = (1, 1, document)
            }
        }
    }

    /// The counts, by group (no group first, then groups in order), most frequent first
    /// (ties by word); at most `top` per group when given.
    public func result(top: Int? = nil) -> [WordCount] {
        var byGroup: [String?: [WordCount]] = [:]
        for (key, value) in counts {
            byGroup[key.group, default: []].append(
                WordCount(group: key.group, word: key.word, count: value.count, documents: value.documents))
        }
        let groups = byGroup.keys.sorted { ($0 == nil ? 0 : 1, $0 ?? "") < ($1 == nil ? 0 : 1, $1 ?? "") }
        var result: [WordCount] = []
        for group in groups {
            var rows = byGroup[group]!.sorted { ($1.count, $0.word) < ($0.count, $1.word) }
            if let top, rows.count > top { rows.removeSubrange(top...) }
            result += rows
        }
        return result
    }

    /// Reads a stop-word file: one word per line, `#` starts a comment; words are folded.
    public static func stopWords(fromFile text: String) -> Set<String> {
        var words: Set<String> = []
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            for word in WordTokenizer.foldedWords(of: String(content)) { words.insert(word) }
        }
        return words
    }
}
