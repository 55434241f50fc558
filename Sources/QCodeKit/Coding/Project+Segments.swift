import Foundation
import GRDB

/// A coded segment: one coding with its text and context.
///
/// `start`/`end` are Unicode scalar offsets into the document's stored NFC text (end
/// exclusive), and `text` is exactly that slice.
public struct CodedSegment: Sendable, Codable, Equatable {
    public var id: Int64
    public var document: String
    public var `case`: String?
    /// The full code path, e.g. `social-cure/community-belonging`.
    public var code: String
    public var coder: String
    public var start: Int
    public var end: Int
    public var text: String
    public var memo: String?
    /// The speaker of the turn where the segment starts, if any.
    public var speaker: String?
    /// The 1-based number of the turn where the segment starts, if any.
    public var turn: Int?
    /// That turn's start time in seconds, if the source had times.
    public var time: Double?

    /// Encodes every key, with `null` for absent values, so the JSON shape never varies.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(document, forKey: .document)
        try container.encode(self.case, forKey: .case)
        try container.encode(code, forKey: .code)
        try container.encode(coder, forKey: .coder)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(text, forKey: .text)
        try container.encode(memo, forKey: .memo)
        try container.encode(speaker, forKey: .speaker)
        try container.encode(turn, forKey: .turn)
        try container.encode(time, forKey: .time)
    }
}

/// Which segments to list.
public struct SegmentFilter: Sendable {
    /// A code (path, suffix or id); its descendants too unless `includeChildren` is false.
    public var code: String?
    public var includeChildren = true
    public var coders: [String] = []
    public var documents: [String] = []
    public var cases: [String] = []
    public var speaker: String?
    /// Case attribute conditions `name=value` (all must hold).
    public var attributes: [(name: String, value: String)] = []

    public init() {}
}

extension Project {
    /// The coded segments matching `filter`, ordered by document, start, end, code path, coder.
    public func segments(_ filter: SegmentFilter = .init()) throws -> [CodedSegment] {
        try database.read { db in
            let (whereClause, arguments) = try Self.codingConditions(db, filter)
            let paths = try Self.codePaths(db)
            var coders: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM coders") { coders[row[0]] = row[1] }
            var documents: [Int64: (name: String, case: String?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT d.id, d.name, c.name FROM documents d LEFT JOIN cases c ON c.id = d.case_id") {
                documents[row[0]] = (row[1], row[2])
            }
            var currentDocument: Int64 = -1
            var text = ScalarText("")
            var turns: [(number: Int, speaker: String?, start: Int, end: Int, time: Double?)] = []
            var segments: [CodedSegment] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT k.id, k.document_id, k.code_id, k.coder_id, k.start, k."end", k.memo
                FROM codings k
                JOIN documents d ON d.id = k.document_id
                JOIN coders r ON r.id = k.coder_id
                LEFT JOIN cases c ON c.id = d.case_id
                \(whereClause)
                ORDER BY k.document_id, k.start, k."end", k.code_id, k.coder_id
                """, arguments: arguments)
            while let row = try cursor.next() {
                let documentID: Int64 = row[1]
                if documentID != currentDocument {
                    currentDocument = documentID
                    text = ScalarText(try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [documentID]) ?? "")
                    turns = try Row.fetchAll(db, sql: """
                        SELECT number, speaker, start, "end", time FROM turns WHERE document_id = ? ORDER BY number
                        """, arguments: [documentID]).map { ($0[0], $0[1], $0[2], $0[3], $0[4]) }
                }
                let start: Int = row[4]
                let end: Int = row[5]
                let turn = Self.turn(containing: start, in: turns)
                if let speaker = filter.speaker, turn?.speaker?.caseInsensitiveCompare(speaker) != .orderedSame {
                    continue
                }
                let codeID: String = row[2]
                let document = documents[documentID]
                segments.append(CodedSegment(
                    id: row[0], document: document?.name ?? "", case: document?.case,
                    code: paths[codeID] ?? codeID, coder: coders[row[3]] ?? "", start: start, end: end,
                    text: text.slice(start, end), memo: row[6],
                    speaker: turn?.speaker, turn: turn?.number, time: turn?.time))
            }
            return segments
        }
    }

    /// The turn whose span holds `offset`, else the last turn starting before it.
    private static func turn(
        containing offset: Int, in turns: [(number: Int, speaker: String?, start: Int, end: Int, time: Double?)]
    ) -> (number: Int, speaker: String?, start: Int, end: Int, time: Double?)? {
        var low = 0
        var high = turns.count
        while low < high {
            let middle = (low + high) / 2
            if turns[middle].start <= offset { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : turns[low - 1]
    }
}

/// Errors in segment queries.
public enum SegmentError: Error, CustomStringConvertible, Equatable {
    case noSuchAttribute(String)
    case badCondition(String)

    public var description: String {
        switch self {
        case .noSuchAttribute(let name): return "no attribute '\(name)' (see 'qcode cases list')"
        case .badCondition(let text): return "'\(text)' is not a condition of the form attribute=value"
        }
    }
}
