import Foundation
import GRDB

/// One problem found by ``Project/check()``, in plain words.
///
///     IntegrityProblem(kind: .codingOutsideDocument,
///                      message: "coding 12 (document 'GP02') ends at 900, past the document's end (812)")
public struct IntegrityProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of check failed.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// SQLite's own `PRAGMA integrity_check` (damaged pages, indexes).
        case sqlite
        /// `PRAGMA foreign_key_check`: a row refers to a row that is gone.
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
        try database.read { db in
            var checker = IntegrityChecker(db: db, limit: limit)
            try checker.run()
            return checker.problems
        }
    }
}

/// The checks behind ``Project/check()``, one method each.
struct IntegrityChecker {
    let db: Database
    let limit: Int
    private(set) var problems: [IntegrityProblem] = []
    private var counts: [IntegrityProblem.Kind: Int] = [:]

    init(db: Database, limit: Int) {
        self.db = db
        self.limit = max(1, limit)
    }

    mutating func run() throws {
        try sqliteIntegrity()
        // A damaged file makes the other checks meaningless (and they may fail to read).
        guard problems.isEmpty else { return }
        try foreignKeys()
        try codings()
        try turns()
        try codeTree()
        try documents()
        for (kind, count) in counts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where count > limit {
            problems.append(.init(kind: kind, message: "... and \(count - limit) more problem(s) of this kind (\(kind.rawValue))"))
        }
    }

    private mutating func report(_ kind: IntegrityProblem.Kind, _ message: String) {
        counts[kind, default: 0] += 1
        if counts[kind]! <= limit { problems.append(.init(kind: kind, message: message)) }
    }

    private mutating func sqliteIntegrity() throws {
        let rows = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        for row in rows where row != "ok" {
            report(.sqlite, "SQLite integrity check: \(row)")
        }
    }

    private mutating func foreignKeys() throws {
        let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        for row in rows {
            let table: String = row[0]
            let rowID: Int64? = row[1]
            let parent: String = row[2]
            report(.foreignKey, "\(table) row \(rowID.map(String.init) ?? "?") refers to a missing row in \(parent)")
        }
    }

    private mutating func codings() throws {
        let outside = try Row.fetchAll(db, sql: """
            SELECT c.id, c.start, c."end", d.name, d.characters
            FROM codings c LEFT JOIN documents d ON d.id = c.document_id
            WHERE d.id IS NULL OR c.start < 0 OR c.start >= c."end" OR c."end" > d.characters
            ORDER BY c.id
            """)
        for row in outside {
            let id: Int64 = row[0], start: Int = row[1], end: Int = row[2]
            guard let name: String = row[3] else {
                report(.codingOutsideDocument, "coding \(id) belongs to a document that does not exist")
                continue
            }
            let characters: Int = row[4]
            if start < 0 || start >= end {
                report(.codingOutsideDocument, "coding \(id) (document '\(name)') has an empty or reversed range \(start)-\(end)")
            } else {
                report(.codingOutsideDocument,
                       "coding \(id) (document '\(name)') ends at \(end), past the document's end (\(characters) characters)")
            }
        }
        let dangling = try Row.fetchAll(db, sql: """
            SELECT c.id, c.code_id, c.coder_id, k.id IS NULL AS no_code, u.id IS NULL AS no_coder
            FROM codings c LEFT JOIN codes k ON k.id = c.code_id LEFT JOIN coders u ON u.id = c.coder_id
            WHERE k.id IS NULL OR u.id IS NULL ORDER BY c.id
            """)
        for row in dangling {
            let id: Int64 = row[0]
            if row[3] as Bool { report(.codingReference, "coding \(id) uses code '\(row[1] as String)', which does not exist") }
            if row[4] as Bool { report(.codingReference, "coding \(id) is by coder \(row[2] as Int64), who does not exist") }
        }
    }

    private mutating func turns() throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.document_id, t.number, t.start, t."end", d.name, d.characters
            FROM turns t LEFT JOIN documents d ON d.id = t.document_id
            ORDER BY t.document_id, t.number
            """)
        var previous: (document: Int64, number: Int, end: Int)?
        while let row = try rows.next() {
            let documentID: Int64 = row[0], number: Int = row[1], start: Int = row[2], end: Int = row[3]
            guard let name: String = row[4] else {
                report(.turn, "turn \(number) belongs to document \(documentID), which does not exist")
                continue
            }
            let characters: Int = row[5]
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
    }

    private mutating func codeTree() throws {
        let rows = try Row.fetchAll(db, sql: "SELECT id, parent_id FROM codes")
        var parent: [String: String?] = [:]
        for row in rows { parent[row[0]] = .some(row[1]) }
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

    private mutating func documents() throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT id, name, text, sha256, characters, paragraphs, sentences FROM documents ORDER BY id")
        while let row = try rows.next() {
            let name: String = row[1]
            let text: String = row[2]
            let stored: String = row[3]
            let characters: Int = row[4]
            let hash = ContentHash.of(text)
            if hash != stored.lowercased() {
                report(.documentText, "document '\(name)': its text does not match its stored SHA-256 (changed outside qcode?)")
            }
            let count = text.unicodeScalars.count
            if count != characters {
                report(.documentText, "document '\(name)': its text has \(count) characters, but \(characters) are recorded")
            }
            if text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars) == false {
                report(.documentText, "document '\(name)': its text is not in Unicode NFC form, so offsets may be wrong")
            }
            let paragraphs: Data = row[5]
            let sentences: Data = row[6]
            if let problem = Self.spanProblem(paragraphs, characters: count) {
                report(.documentSpans, "document '\(name)': paragraph spans are malformed: \(problem)")
            }
            if let problem = Self.spanProblem(sentences, characters: count) {
                report(.documentSpans, "document '\(name)': sentence spans are malformed: \(problem)")
            }
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
