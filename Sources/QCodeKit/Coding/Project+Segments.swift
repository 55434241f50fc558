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
    /// The coded segments matching `filter`, in text order (document, start, end; then code
    /// and coder ids).
    public func segments(_ filter: SegmentFilter = .init()) throws -> [CodedSegment] {
        try database.read { db in
            let paths = try Self.codePaths(db)
            var coders: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM coders") { coders[row[0]] = row[1] }
            var documents: [Int64: (name: String, case: String?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT d.id, d.name, c.name FROM documents d LEFT JOIN cases c ON c.id = d.case_id") {
                documents[row[0]] = (row[1], row[2])
            }
            var currentDocument: Int64 = -1
            var text = ScalarText("")
            var turns: [TurnInfo] = []
            var segments: [CodedSegment] = []
            let cursor = try Self.codingsInTextOrder(db, filter)
            while let row = try cursor.next() {
                let documentID: Int64 = row[1]
                if documentID != currentDocument {
                    currentDocument = documentID
                    text = ScalarText(try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [documentID]) ?? "")
                    turns = try TurnInfo.all(db, document: documentID)
                }
                let start: Int = row[5]
                let end: Int = row[6]
                let turn = TurnInfo.index(startingAtOrBefore: start, in: turns).map { turns[$0] }
                if let speaker = filter.speaker, turn?.speaker?.caseInsensitiveCompare(speaker) != .orderedSame {
                    continue
                }
                let codeID: String = row[2]
                let document = documents[documentID]
                segments.append(CodedSegment(
                    id: row[0], document: document?.name ?? "", case: document?.case,
                    code: paths[codeID] ?? codeID, coder: coders[row[4]] ?? "", start: start, end: end,
                    text: text.slice(start, end), memo: row[7],
                    speaker: turn?.speaker, turn: turn?.number, time: turn?.time))
            }
            return segments
        }
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
