/// The project at a glance: per document, its turns and each coder's codings, turns coded
/// and "done" mark; per coder, totals and the last activity.
///
/// Built from plain values by ``init(documents:turns:codings:marks:lastActivity:)``, so it is
/// testable without a database; ``Project/projectStatus()`` reads them.
public struct ProjectStatus: Sendable, Equatable {
    /// One coder's progress on one document.
    public struct Progress: Sendable, Equatable {
        /// The coder's codings in the document (as many as `qcode segments` lists).
        public var codings: Int
        /// Turns that at least one of the coder's codings overlaps.
        public var turnsCoded: Int
        /// Whether the coder marked the document fully coded (`qcode docs done`).
        public var done: Bool
    }

    /// One document's row.
    public struct DocumentRow: Sendable, Equatable {
        public var id: Int64
        public var document: String
        public var turns: Int
        /// Every coder in ``ProjectStatus/coders``, by name.
        public var coders: [String: Progress]
    }

    /// One coder's totals.
    public struct CoderRow: Sendable, Equatable {
        public var coder: String
        public var codings: Int
        /// Documents with at least one of the coder's codings.
        public var documentsCoded: Int
        /// Documents the coder marked fully coded.
        public var documentsDone: Int
        public var turnsCoded: Int
        /// The newest of the coder's codings, memos, marks and logged changes (ISO 8601), if any.
        public var lastActivity: String?
    }

    public var documents: [DocumentRow]
    /// The coders with codings or marks, by name.
    public var coders: [CoderRow]

    /// Counts everything.
    ///
    /// - Parameters:
    ///   - documents: every document's id and name, in listing order.
    ///   - turns: every turn's document and range (scalar offsets).
    ///   - codings: every coding's coder, document and range.
    ///   - marks: each (document id, coder) marked done.
    ///   - lastActivity: each coder's latest activity, keyed by lowercased name.
    init(documents: [(id: Int64, name: String)], turns: [(documentID: Int64, start: Int, end: Int)],
         codings: [(coder: String, documentID: Int64, start: Int, end: Int)],
         marks: [(documentID: Int64, coder: String)], lastActivity: [String: String]) {
        var turnsByDocument: [Int64: [(start: Int, end: Int)]] = [:]
        for turn in turns { turnsByDocument[turn.documentID, default: []].append((turn.start, turn.end)) }
        for key in turnsByDocument.keys { turnsByDocument[key]!.sort { $0.start < $1.start } }

        struct Key: Hashable { var coder: String; var document: Int64 }
        var codingCounts: [Key: Int] = [:]
        var coveredTurns: [Key: Set<Int>] = [:]
        for coding in codings {
            let key = Key(coder: coding.coder, document: coding.documentID)
            codingCounts[key, default: 0] += 1
            guard let ranges = turnsByDocument[coding.documentID] else { continue }
            var index = Self.firstTurn(endingAfter: coding.start, in: ranges)
            while index < ranges.count, ranges[index].start < coding.end {
                coveredTurns[key, default: []].insert(index)
                index += 1
            }
        }
        let done = Set(marks.map { Key(coder: $0.coder, document: $0.documentID) })
        let names = Set(codings.map(\.coder)).union(marks.map(\.coder))
            .sorted { $0.localizedStandardCompare($1) == .orderedAscending }

        let rows = documents.map { document -> DocumentRow in
            var progress: [String: Progress] = [:]
            for name in names {
                let key = Key(coder: name, document: document.id)
                progress[name] = Progress(codings: codingCounts[key] ?? 0, turnsCoded: coveredTurns[key]?.count ?? 0,
                                          done: done.contains(key))
            }
            return DocumentRow(id: document.id, document: document.name,
                               turns: turnsByDocument[document.id]?.count ?? 0, coders: progress)
        }
        self.documents = rows
        self.coders = names.map { name in
            let progress = rows.compactMap { $0.coders[name] }
            return CoderRow(coder: name, codings: progress.reduce(0) { $0 + $1.codings },
                            documentsCoded: progress.filter { $0.codings > 0 }.count,
                            documentsDone: progress.filter(\.done).count,
                            turnsCoded: progress.reduce(0) { $0 + $1.turnsCoded },
                            lastActivity: lastActivity[name.lowercased()])
        }
    }

    /// The index of the first turn (sorted by start, not overlapping) whose end is past `offset`.
    private static func firstTurn(endingAfter offset: Int, in ranges: [(start: Int, end: Int)]) -> Int {
        var low = 0, high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].end <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
