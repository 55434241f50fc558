import Foundation

/// Replaces names with pseudonyms in text, on word boundaries, longest names first, and
/// says where each old offset went so that spans can follow the text.
///
///     let p = try Pseudonymiser([("Anna Berg", "Participant 1"), ("Anna", "P2")])
///     let r = p.apply(to: "Anna Berg met Annabel and Anna.")
///     // r.text == "Participant 1 met Annabel and P2."
///     // r.map.start(14) == 18  ("Annabel" moved right by 4)
///
/// A name matches only where the scalar before it and the scalar after it are not letters,
/// digits or marks (so "Anna" does not match inside "Annabel"). Where several names match
/// at one place, the longest wins. Matching is case-sensitive unless `ignoreCase` is set
/// (then case is folded scalar by scalar). Names and pseudonyms are put in NFC first, as
/// stored text is. Offsets are Unicode scalar offsets, as everywhere in qcode.
public struct Pseudonymiser: Sendable {
    /// One name and what replaces it.
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var pseudonym: String
    }

    /// The entries, longest name first.
    public let entries: [Entry]
    /// Whether case is ignored when matching.
    public let ignoreCase: Bool
    private let patterns: [[Unicode.Scalar]]
    private let replacements: [[Unicode.Scalar]]
    /// Entry indexes by the (folded) first scalar of the name.
    private let byFirst: [Unicode.Scalar: [Int]]

    /// Creates a pseudonymiser.
    ///
    /// - Throws: ``PseudonymiseError`` for an empty name or pseudonym, or a name given two
    ///   different pseudonyms.
    public init(_ pairs: [(name: String, pseudonym: String)], ignoreCase: Bool = false) throws {
        var seen: [String: String] = [:]
        var entries: [Entry] = []
        for (rawName, rawPseudonym) in pairs {
            let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            let pseudonym = rawPseudonym.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            guard !name.isEmpty else { throw PseudonymiseError.emptyName }
            guard !pseudonym.isEmpty else { throw PseudonymiseError.emptyPseudonym(name) }
            let key = ignoreCase ? Self.fold(name) : name
            if let earlier = seen[key] {
                if earlier != pseudonym { throw PseudonymiseError.conflicting(name, earlier, pseudonym) }
                continue
            }
            seen[key] = pseudonym
            entries.append(Entry(name: name, pseudonym: pseudonym))
        }
        // Longest first; ties in a stable order so results never depend on input order.
        entries.sort { a, b in
            let (la, lb) = (a.name.unicodeScalars.count, b.name.unicodeScalars.count)
            return la != lb ? la > lb : a.name < b.name
        }
        self.entries = entries
        self.ignoreCase = ignoreCase
        patterns = entries.map { Array((ignoreCase ? Self.fold($0.name) : $0.name).unicodeScalars) }
        replacements = entries.map { Array($0.pseudonym.unicodeScalars) }
        var byFirst: [Unicode.Scalar: [Int]] = [:]
        for (index, pattern) in patterns.enumerated() { byFirst[pattern[0], default: []].append(index) }
        self.byFirst = byFirst
    }

    /// One replaced occurrence, in the old text's offsets.
    public struct Match: Sendable, Hashable {
        /// The old span (the name as it was written).
        public var span: TextSpan
        /// Index into ``Pseudonymiser/entries``.
        public var entry: Int
    }

    /// The result of ``apply(to:)``.
    public struct Result: Sendable {
        /// The new text.
        public var text: String
        /// Where old offsets went.
        public var map: OffsetMap
        /// What was replaced, in order.
        public var matches: [Match]
    }

    /// Finds every name in `text` (old offsets, in order, never overlapping).
    ///
    /// - Complexity: O(n × k) in the worst case for n scalars and k names sharing a first
    ///   scalar; names are only tried at word starts.
    public func matches(in text: String) -> [Match] {
        let scalars = Array(text.unicodeScalars)
        let folded = ignoreCase ? scalars.map(Self.foldScalar) : scalars
        var result: [Match] = []
        var i = 0
        let n = scalars.count
        while i < n {
            if (i == 0 || !Self.isWordScalar(scalars[i - 1])), let candidates = byFirst[folded[i]] {
                var matched: Int?
                for index in candidates {  // already longest first
                    let pattern = patterns[index]
                    let end = i + pattern.count
                    guard end <= n else { continue }
                    if end < n, Self.isWordScalar(scalars[end]) { continue }
                    var equal = true
                    for k in 1..<pattern.count where folded[i + k] != pattern[k] { equal = false; break }
                    if equal { matched = index; break }
                }
                if let matched {
                    let end = i + patterns[matched].count
                    result.append(Match(span: TextSpan(start: i, end: end), entry: matched))
                    i = end
                    continue
                }
            }
            i += 1
        }
        return result
    }

    /// Replaces every name in `text`.
    public func apply(to text: String) -> Result {
        let found = matches(in: text)
        guard !found.isEmpty else { return Result(text: text, map: OffsetMap(edits: []), matches: []) }
        var view = String.UnicodeScalarView()
        var edits: [OffsetMap.Edit] = []
        var position = 0
        var delta = 0
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        for match in found {
            let from = scalars.index(index, offsetBy: match.span.start - position)
            view.append(contentsOf: scalars[index..<from])
            view.append(contentsOf: replacements[match.entry])
            index = scalars.index(from, offsetBy: match.span.length)
            position = match.span.end
            let newStart = match.span.start + delta
            delta += replacements[match.entry].count - match.span.length
            edits.append(.init(old: match.span, newStart: newStart, newEnd: match.span.end + delta))
        }
        view.append(contentsOf: scalars[index...])
        return Result(text: String(view), map: OffsetMap(edits: edits), matches: found)
    }

    /// Letters, digits and combining marks continue a word; anything else ends one.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark || p.generalCategory == .enclosingMark
    }

    static func foldScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : scalar
    }

    static func fold(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.unicodeScalars.map(foldScalar))
        return String(view)
    }
}

/// Where offsets in a text go when parts of it are replaced (see ``Pseudonymiser``).
///
/// An offset outside every replaced part moves by the change in length before it. A span
/// that starts or ends inside a replaced part grows to cover the whole replacement, so a
/// coding that covered part of a name covers all of its pseudonym.
public struct OffsetMap: Sendable {
    struct Edit: Sendable {
        var old: TextSpan
        var newStart: Int
        var newEnd: Int
    }

    let edits: [Edit]

    /// Whether nothing moves.
    public var isIdentity: Bool { edits.isEmpty }

    /// The new offset for an old span start.
    public func start(_ offset: Int) -> Int { map(offset, isEnd: false) }

    /// The new offset for an old span end.
    public func end(_ offset: Int) -> Int { map(offset, isEnd: true) }

    /// The new span for an old one.
    public func span(_ span: TextSpan) -> TextSpan {
        TextSpan(start: start(span.start), end: max(start(span.start), end(span.end)))
    }

    private func map(_ offset: Int, isEnd: Bool) -> Int {
        // The last edit starting before `offset` (binary search).
        var low = 0, high = edits.count
        while low < high {
            let mid = (low + high) / 2
            if edits[mid].old.start < offset { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return offset }
        let edit = edits[low - 1]
        if offset >= edit.old.end { return offset - edit.old.end + edit.newEnd }
        // Inside the replaced name.
        return isEnd ? edit.newEnd : edit.newStart
    }
}

/// Why pseudonymisation could not start or finish.
public enum PseudonymiseError: Error, CustomStringConvertible, Equatable {
    case emptyName
    case emptyPseudonym(String)
    case conflicting(String, String, String)
    case badMap(String, String)
    case noNames
    case outputExists(String)
    case sameFile(String)
    case normalForm(String)

    public var description: String {
        switch self {
        case .emptyName: return "a name is empty"
        case .emptyPseudonym(let name): return "no pseudonym for '\(name)'"
        case .conflicting(let name, let a, let b): return "'\(name)' is given two pseudonyms, '\(a)' and '\(b)'"
        case .badMap(let file, let why): return "\(file): \(why)"
        case .noNames: return "no names to replace"
        case .outputExists(let path): return "\(path): a file already exists there"
        case .sameFile(let path): return "\(path): the pseudonymised copy must be a new file, not the project itself"
        case .normalForm(let document):
            return "document '\(document)': a pseudonym would change the text's Unicode normal form (start and end pseudonyms with a plain letter)"
        }
    }
}
