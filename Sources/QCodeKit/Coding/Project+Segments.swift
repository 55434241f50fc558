import Foundation

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
        try segments(filter, contextTurns: 0).map(\.segment)
    }

    /// The coded segments matching `filter` with the `contextTurns` turns before and after
    /// each (see ``SegmentContext``), in the order of ``segments(_:)``.
    public func segments(_ filter: SegmentFilter, contextTurns: Int) throws -> [(segment: CodedSegment, context: SegmentContext)] {
        try read { store in
            let paths = Dictionary(uniqueKeysWithValues: try store.codebookCodes().map { ($0.id, $0.path) })
            let codeIDs = try store.codeIDsByRowID()
            let coders = try store.coderNamesByID()
            var documents: [Int64: (name: String, case: String?)] = [:]
            for document in try store.documentLabels() { documents[document.id] = (document.name, document.caseName) }
            var currentDocument: Int64 = -1
            var text = ScalarText("")
            var turns: [TurnInfo] = []
            var segments: [(segment: CodedSegment, context: SegmentContext)] = []
            let selection = try Self.codingSelection(store, filter)
            try store.forEachCodingInTextOrder(selection) { coding in
                let documentID = coding.documentID
                if documentID != currentDocument {
                    currentDocument = documentID
                    text = ScalarText(try store.documentText(documentID) ?? "")
                    turns = try store.turnInfos(ofDocument: documentID)
                }
                let start = coding.start
                let end = coding.end
                let turn = TurnInfo.index(startingAtOrBefore: start, in: turns).map { turns[$0] }
                if let speaker = filter.speaker, turn?.speaker?.caseInsensitiveCompare(speaker) != .orderedSame {
                    return
                }
                let codeID = codeIDs[coding.codeRowID] ?? ""
                let document = documents[documentID]
                let segment = CodedSegment(
                    id: coding.id, document: document?.name ?? "", case: document?.case,
                    code: paths[codeID] ?? codeID, coder: coders[coding.coderID] ?? "", start: start, end: end,
                    text: text.slice(start, end), memo: coding.memo,
                    speaker: turn?.speaker, turn: turn?.number, time: turn?.time)
                let context = contextTurns > 0
                    ? SegmentContext.of(start: start, end: end, turns: turns, count: contextTurns, slice: text.slice)
                    : SegmentContext(before: "", after: "")
                segments.append((segment, context))
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
