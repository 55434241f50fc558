import Foundation

/// What to search for and where (`qcode search`).
public struct SearchRequest: Sendable {
    /// Words (the query syntax of ``SearchQuery/parse(_:)``) or a regular expression.
    public enum Pattern: Sendable, Equatable {
        case words(String)
        case regex(String)
    }

    public var pattern: Pattern
    /// Only these documents (id, name or unique prefix); empty: all.
    public var documents: [String] = []
    /// Only documents of these cases; empty: all.
    public var cases: [String] = []
    /// Only turns of this speaker (ignoring case).
    public var speaker: String?
    /// Only documents whose case has these attribute values (all must hold).
    public var attributes: [(name: String, value: String)] = []
    /// Only hits inside `coder`'s codings of this code (or its descendants).
    public var inCode: String?
    /// Only hits that overlap none of `coder`'s codings.
    public var uncoded = false
    /// The coder for `inCode` and `uncoded`.
    public var coder: String?
    /// Characters of context either side of a hit.
    public var contextWidth = KeywordInContext.defaultWidth
    /// How long a regular expression may run on one document, in seconds.
    public var matchTimeLimit = Selection.defaultMatchTimeLimit

    public init(_ pattern: Pattern) {
        self.pattern = pattern
    }

    /// The query as typed.
    public var text: String {
        switch pattern {
        case .words(let text), .regex(let text): return text
        }
    }
}

/// One search hit with its context.
///
/// `start`/`end` are Unicode scalar offsets into the document's stored NFC text (end
/// exclusive), and `text` is exactly that slice; `left` and `right` are the text before
/// and after it within its turn (``SearchRequest/contextWidth`` characters at most).
public struct SearchHit: Sendable, Equatable, Encodable {
    public var document: String
    public var `case`: String?
    /// The turn's number (from 1), nil for a document without turns.
    public var turn: Int?
    public var speaker: String?
    /// The turn's start time in seconds, if the source had times.
    public var time: Double?
    public var start: Int
    public var end: Int
    public var text: String
    public var left: String
    public var right: String
    /// The document's id (not part of the JSON).
    public var documentID: Int64

    enum CodingKeys: String, CodingKey {
        case document, `case`, turn, speaker, time, start, end, text, left, right
    }

    /// Encodes every key, with `null` for absent values, so the JSON shape never varies.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(document, forKey: .document)
        try container.encode(self.case, forKey: .case)
        try container.encode(turn, forKey: .turn)
        try container.encode(speaker, forKey: .speaker)
        try container.encode(time, forKey: .time)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(text, forKey: .text)
        try container.encode(left, forKey: .left)
        try container.encode(right, forKey: .right)
    }
}

/// Errors in search and word-count requests.
public enum SearchError: Error, CustomStringConvertible, Equatable {
    /// `--in-code` or `--uncoded` without a coder.
    case needsCoder(String)
    /// Two options that cannot go together.
    case conflicting(String, String)
    /// No coder of that name.
    case noSuchCoder(String)

    public var description: String {
        switch self {
        case .needsCoder(let option): return "\(option) needs --coder NAME (whose codings to look in)"
        case .conflicting(let first, let second): return "\(first) and \(second) cannot be used together"
        case .noSuchCoder(let name): return "no coder '\(name)' in this project (see 'qcode coders')"
        }
    }
}

extension Project {
    /// Every hit of a search, by document (in import order), then by position.
    ///
    /// Word queries use the full-text index to find the turns that may match (updating it
    /// first when documents changed since it was built; see ``updateSearchIndex()``), then
    /// check every hit on the stored text. A document the index does not hold as it is now
    /// is read in full, so results never depend on the index being current.
    ///
    /// - Throws: ``SearchQueryError`` for a query that cannot be read, ``SelectionError``
    ///   for a bad or too slow regular expression, lookup errors for filters.
    public func search(_ request: SearchRequest) throws -> [SearchHit] {
        let plan = try SearchPlan(request)
        try updateSearchIndexIfWritable()
        return try read { store in try Self.searchHits(store, request, plan) }
    }

    /// Brings the full-text index up to date with the documents: indexes new and changed
    /// documents, forgets removed ones, and rebuilds it when forgotten rows outnumber live
    /// ones. Writes nothing when it is current.
    ///
    /// - Returns: the number of documents indexed.
    @discardableResult
    public func updateSearchIndex() throws -> Int {
        let needed = try read { store in
            !SearchIndexPlan(indexed: try store.searchIndexedDocuments(), current: try store.documentVersions(),
                             staleRows: try store.searchIndexStaleRows()).isEmpty
        }
        guard needed else { return 0 }
        return try write { store in try Self.updateSearchIndex(store) }
    }

    /// Updates the index inside the caller's write transaction.
    static func updateSearchIndex(_ store: Store) throws -> Int {
        let versions = try store.documentVersions()
        let plan = SearchIndexPlan(indexed: try store.searchIndexedDocuments(), current: versions,
                                   staleRows: try store.searchIndexStaleRows())
        guard !plan.isEmpty else { return 0 }
        if plan.rebuild {
            try store.clearSearchIndex()
        } else {
            try store.forgetIndexedDocuments(plan.forget)
        }
        let byID = Dictionary(uniqueKeysWithValues: versions.map { ($0.id, $0) })
        let writer = try store.makeSearchIndexWriter()
        for id in plan.index {
            guard let version = byID[id], let text = try store.documentText(id) else { continue }
            let turns = try store.turnInfos(ofDocument: id).map { TextSpan(start: $0.start, end: $0.end) }
            try writer.index(documentID: id, revision: version.revision, sha256: version.sha256, text: text, turns: turns)
        }
        return plan.index.count
    }

    /// Updates the index unless the project cannot be written (a read-only file is
    /// searched without it).
    private func updateSearchIndexIfWritable() throws {
        do {
            try updateSearchIndex()
        } catch {
            if case .readOnly? = ProjectError(sqliteFailure: error, path: url.path) { return }
            throw error
        }
    }

    /// The hits of `request` in the store's snapshot.
    static func searchHits(_ store: Store, _ request: SearchRequest, _ plan: SearchPlan) throws -> [SearchHit] {
        let scope = try SearchScope(store, documents: request.documents, cases: request.cases,
                                    attributes: request.attributes, inCode: request.inCode,
                                    uncoded: request.uncoded, coder: request.coder)
        var hits: [SearchHit] = []
        switch plan {
        case .words(let query):
            let matcher = SearchMatcher(query)
            let candidates = try FullTextCandidates(store, query: query, documents: scope.documents)
            for document in scope.documents {
                let numbers = candidates.units(of: document)
                if let numbers, numbers.isEmpty { continue }
                let units = try SearchUnits.read(store, document: document, numbers: numbers)
                let codings = try scope.codingSpans(store, document: document.id)
                for unit in units.units where SearchUnits.speaker(unit.speaker, matches: request.speaker) {
                    let text = units.scalars(of: unit)
                    for hit in matcher.hits(in: text.scalars, from: text.lower, to: text.upper) {
                        let span = TextSpan(start: hit.lowerBound - text.base, end: hit.upperBound - text.base)
                        guard scope.keeps(span, codings: codings) else { continue }
                        hits.append(makeHit(document, unit, hit: hit, text: text, width: request.contextWidth))
                    }
                }
            }
        case .regex(let pattern):
            let regex = try RegexSearch(pattern: pattern)
            var documents: [(row: SearchDocumentRow, text: String)] = []
            for document in scope.documents {
                guard let whole = try store.documentText(document.id) else { continue }
                documents.append((document, whole))
            }
            let found = try regex.matches(inEach: documents.map { ($0.text, $0.row.name) }, timeLimit: request.matchTimeLimit)
            for ((document, whole), matches) in zip(documents, found) {
                guard !matches.isEmpty else { continue }
                let units = try SearchUnits.read(store, document: document, numbers: nil, text: whole)
                let codings = try scope.codingSpans(store, document: document.id)
                for match in matches {
                    guard let unit = units.unit(containing: match),
                          SearchUnits.speaker(unit.speaker, matches: request.speaker),
                          scope.keeps(match, codings: codings) else { continue }
                    let text = units.scalars(of: unit)
                    hits.append(makeHit(document, unit, hit: (match.start + text.base)..<(match.end + text.base),
                                        text: text, width: request.contextWidth))
                }
            }
        }
        return hits
    }

    private static func makeHit(
        _ document: SearchDocumentRow, _ unit: SearchUnitRow, hit: Range<Int>, text: SearchUnits.UnitText, width: Int
    ) -> SearchHit {
        let context = KeywordInContext.context(hit: hit, unit: text.lower..<text.upper, width: width)
        func slice(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(text.scalars[range])) }
        return SearchHit(
            document: document.name, case: document.caseName, turn: unit.number == 0 ? nil : unit.number,
            speaker: unit.speaker, time: unit.time, start: hit.lowerBound - text.base, end: hit.upperBound - text.base,
            text: slice(hit), left: slice(context.left), right: slice(context.right), documentID: document.id)
    }
}

/// A search request's pattern, parsed (words) or checked (regular expression).
enum SearchPlan {
    case words(SearchQuery)
    case regex(String)

    init(_ request: SearchRequest) throws {
        switch request.pattern {
        case .words(let text):
            self = .words(try SearchQuery.parse(text))
        case .regex(let pattern):
            _ = try RegexSearch(pattern: pattern)
            self = .regex(pattern)
        }
    }
}
