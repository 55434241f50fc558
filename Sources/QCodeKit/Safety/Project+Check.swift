import Foundation

/// One problem found by ``Project/check()``, in plain words.
///
///     IntegrityProblem(kind: .codingOutsideDocument,
///                      message: "coding 12 (document 'GP02') ends at 900, past the document's end (812)")
public struct IntegrityProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of check failed.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// SQLite's own `integrity_check` (damaged pages, indexes).
        case sqlite
        /// SQLite's `foreign_key_check`: a row refers to a row that is gone.
        case foreignKey
        /// A coding's range is empty, negative, or past its document's end.
        case codingOutsideDocument
        /// A coding refers to a code or coder that does not exist.
        case codingReference
        /// A turn lies outside its document, is empty, or overlaps the turn before it.
        case turn
        /// A code's parent chain loops back to itself or names a missing code.
        case codeTree
        /// A document's text does not match its SHA-256 column, character count or NFC form.
        case documentText
        /// A document's packed paragraph or sentence spans are malformed.
        case documentSpans
    }

    /// What kind of check failed.
    public var kind: Kind
    /// One line for people, naming the row.
    public var message: String

    /// Creates a problem.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension Project {
    /// Checks the project file: SQLite's `integrity_check` and `foreign_key_check`, and
    /// qcode's own rules — codings inside their documents and pointing to live codes and
    /// coders, turns inside their documents and in order, a code tree without cycles,
    /// document text matching its stored SHA-256, character count and NFC form, and
    /// well-formed packed paragraph and sentence spans.
    ///
    /// Reads only; one read transaction, so the result describes one consistent state even
    /// while other coders write.
    ///
    /// - Returns: the problems found, empty when the project is sound. At most `limit`
    ///   problems of each kind are listed (a last one says how many more there were).
    /// - Complexity: O(total text + codings + turns).
    public func check(limit: Int = 100) throws -> [IntegrityProblem] {
        try read { store in
            var checker = IntegrityChecker(limit: limit)
            try checker.run(store)
            return checker.problems
        }
    }
}

/// The checks behind ``Project/check()``, one method each, over rows read through a ``Store``.
struct IntegrityChecker {
    let limit: Int
    private(set) var problems: [IntegrityProblem] = []
    private var counts: [IntegrityProblem.Kind: Int] = [:]

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    mutating func run(_ store: Store) throws {
        sqliteIntegrity(try store.sqliteIntegrityCheck())
        // A damaged file makes the other checks meaningless (and they may fail to read).
        guard problems.isEmpty else { return }
        foreignKeys(try store.foreignKeyViolations())
        codings(outside: try store.codingsOutsideDocuments(), dangling: try store.codingsWithMissingReferences())
        var previous: (document: Int64, number: Int, end: Int)?
        try store.forEachTurnForCheck { turn in check(turn, after: &previous) }
        codeTree(try store.codeParents())
        try store.forEachDocumentForCheck { document in check(document) }
        for (kind, count) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where count > limit {
            problems.append(.init(kind: kind, message: "... and \(count - limit) more problem(s) of this kind (\(kind.rawValue))"))
        }
    }

    private mutating func report(_ kind: IntegrityProblem.Kind, _ message: String) {
        counts[kind, default: 0] += 1
        if counts[kind]! <= limit { problems.append(.init(kind: kind, message: message)) }
    }

    private mutating func sqliteIntegrity(_ rows: [String]) {
        for row in rows where row != "ok" {
            report(.sqlite, "SQLite integrity check: \(row)")
        }
    }

    private mutating func foreignKeys(_ violations: [ForeignKeyViolation]) {
        for violation in violations {
            report(.foreignKey, "\(violation.table) row \(violation.rowID.map(String.init) ?? "?") refers to a missing row in \(violation.parent)")
        }
    }

    private mutating func codings(outside: [CheckedCoding], dangling: [DanglingCoding]) {
        for row in outside {
            let (id, start, end) = (row.coding.id ?? 0, row.coding.start, row.coding.end)
            guard let document = row.document else {
                report(.codingOutsideDocument, "coding \(id) belongs to a document that does not exist")
                continue
            }
            let (name, characters) = (document.name, document.characters)
            if start < 0 || start >= end {
                report(.codingOutsideDocument, "coding \(id) (document '\(name)') has an empty or reversed range \(start)-\(end)")
            } else {
                report(.codingOutsideDocument,
                       "coding \(id) (document '\(name)') ends at \(end), past the document's end (\(characters) characters)")
            }
        }
        for row in dangling {
            let (coding, id) = (row.coding, row.coding.id ?? 0)
            if row.codeMissing { report(.codingReference, "coding \(id) uses code '\(coding.codeID)', which does not exist") }
            if row.coderMissing { report(.codingReference, "coding \(id) is by coder \(coding.coderID), who does not exist") }
        }
    }

    /// Checks one turn; turns come by document and number, `previous` carrying the last one.
    private mutating func check(_ checked: CheckedTurn, after previous: inout (document: Int64, number: Int, end: Int)?) {
        let turn = checked.turn
        let (documentID, number, start, end) = (turn.documentID, turn.number, turn.start, turn.end)
        guard let document = checked.document else {
            report(.turn, "turn \(number) belongs to document \(documentID), which does not exist")
            return
        }
        let (name, characters) = (document.name, document.characters)
        if start < 0 || start >= end || end > characters {
            report(.turn, "turn \(number) of document '\(name)' spans \(start)-\(end), outside the document (\(characters) characters)")
        }
        if let previous, previous.document == documentID {
            if number != previous.number + 1 {
                report(.turn, "document '\(name)' has no turn \(previous.number + 1) (turn \(previous.number) is followed by \(number))")
            }
            if start < previous.end {
                report(.turn, "turn \(number) of document '\(name)' starts at \(start), before turn \(previous.number) ends (\(previous.end))")
            }
        } else if number != 1 {
            report(.turn, "document '\(name)' starts at turn \(number), not turn 1")
        }
        previous = (documentID, number, end)
    }

    private mutating func codeTree(_ rows: [(id: String, parentID: String?)]) {
        var parent: [String: String?] = [:]
        for row in rows { parent[row.id] = .some(row.parentID) }
        var reported: Set<String> = []
        for id in parent.keys.sorted() {
            var seen: [String] = [id]
            var current = id
            while let next = parent[current] ?? nil {
                if parent[next] == nil {
                    report(.codeTree, "code '\(current)' has parent '\(next)', which does not exist")
                    break
                }
                if let loopStart = seen.firstIndex(of: next) {
                    let loop = Array(seen[loopStart...])
                    if reported.isDisjoint(with: loop) {
                        reported.formUnion(loop)
                        report(.codeTree, "codes form a cycle: \((loop + [next]).map { "'\($0)'" }.joined(separator: " -> "))")
                    }
                    break
                }
                seen.append(next)
                current = next
            }
        }
    }

    private mutating func check(_ document: DocumentRecord) {
        let name = document.name
        let text = document.text
        let characters = document.characters
        let hash = ContentHash.of(text)
        if hash != document.sha256.lowercased() {
            report(.documentText, "document '\(name)': its text does not match its stored SHA-256 (changed outside qcode?)")
        }
        let count = text.unicodeScalars.count
        if count != characters {
            report(.documentText, "document '\(name)': its text has \(count) characters, but \(characters) are recorded")
        }
        if text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars) == false {
            report(.documentText, "document '\(name)': its text is not in Unicode NFC form, so offsets may be wrong")
        }
        if let problem = Self.spanProblem(document.paragraphs, characters: count) {
            report(.documentSpans, "document '\(name)': paragraph spans are malformed: \(problem)")
        }
        if let problem = Self.spanProblem(document.sentences, characters: count) {
            report(.documentSpans, "document '\(name)': sentence spans are malformed: \(problem)")
        }
    }

    /// What is wrong with a packed span blob (see `SpanPacking`), or `nil`: its length must
    /// be a multiple of 8, and its spans non-empty, in order, not overlapping, inside the text.
    static func spanProblem(_ data: Data, characters: Int) -> String? {
        guard data.count % 8 == 0 else {
            return "the blob is \(data.count) bytes, not a whole number of 8-byte spans"
        }
        return data.withUnsafeBytes { raw -> String? in
            var previousEnd = 0
            for index in 0..<(data.count / 8) {
                let start = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt32.self)))
                let end = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8 + 4, as: UInt32.self)))
                if start > end { return "span \(index + 1) is reversed (\(start)-\(end))" }
                if end > characters { return "span \(index + 1) (\(start)-\(end)) ends past the text (\(characters) characters)" }
                if start < previousEnd { return "span \(index + 1) (\(start)-\(end)) overlaps the one before it" }
                previousEnd = end
            }
            return nil
        }
    }
}
