import Foundation

/// The documents a search or word count reads, and the codings that limit it
/// (`--in-code CODE --coder NAME`, `--uncoded --coder NAME`), resolved in one snapshot.
struct SearchScope {
    enum Codings {
        case any
        /// Only text inside the coder's codings of these codes.
        case inside(coderID: Int64, codeIDs: Set<String>)
        /// Only text overlapping none of the coder's codings.
        case outside(coderID: Int64)
    }

    var documents: [SearchDocumentRow]
    var codings: Codings

    init(_ store: Store, documents names: [String], cases: [String], attributes: [(name: String, value: String)],
         inCode: String?, uncoded: Bool, coder: String?) throws {
        if inCode != nil && uncoded { throw SearchError.conflicting("--in-code", "--uncoded") }
        let ids = try names.map { try store.documentID(named: $0) }
        for condition in attributes where try !store.attributeExists(condition.name) {
            throw SegmentError.noSuchAttribute(condition.name)
        }
        if inCode != nil || uncoded {
            guard let coder, !coder.isEmpty else { throw SearchError.needsCoder(inCode != nil ? "--in-code" : "--uncoded") }
            guard let coderID = try store.existingCoderID(named: coder) else { throw SearchError.noSuchCoder(coder) }
            if let inCode {
                let code = try store.resolveCode(inCode)
                codings = .inside(coderID: coderID, codeIDs: Set(try store.subtreeIDs(of: code.id)))
            } else {
                codings = .outside(coderID: coderID)
            }
        } else {
            codings = .any
        }
        documents = try store.searchDocuments(ids: ids, cases: cases, attributes: attributes)
    }

    /// The spans of the codings that limit the search in one document (none without a limit).
    func codingSpans(_ store: Store, document: Int64) throws -> [TextSpan] {
        switch codings {
        case .any:
            return []
        case .inside(let coderID, let codeIDs):
            return try store.codings(documentID: document, coderID: coderID)
                .filter { codeIDs.contains($0.codeID) }.map { TextSpan(start: $0.start, end: $0.end) }
        case .outside(let coderID):
            return try store.codings(documentID: document, coderID: coderID).map { TextSpan(start: $0.start, end: $0.end) }
        }
    }

    /// Whether a hit (or word) at `span` counts, given the document's limiting codings.
    func keeps(_ span: TextSpan, codings spans: [TextSpan]) -> Bool {
        switch codings {
        case .any: return true
        case .inside: return spans.contains { $0.start <= span.start && span.end <= $0.end }
        case .outside: return !spans.contains { $0.start < span.end && span.start < $0.end }
        }
    }
}

/// The turns whose index rows match a query: the full-text index's answer, by document.
struct FullTextCandidates {
    private var byDocument: [Int64: [Int]] = [:]
    /// Documents whose index rows are current (the others are read in full).
    private var current: Set<Int64> = []

    init(_ store: Store, query: SearchQuery, documents: [SearchDocumentRow]) throws {
        guard let text = FullTextQuery.translate(query) else { return }
        let indexed = try store.searchIndexedDocuments()
        var ranges: [(first: Int64, rows: Int, id: Int64)] = []
        for document in documents {
            guard let held = indexed[document.id],
                  SearchIndexPlan.isCurrent(held, revision: document.revision, sha256: document.sha256) else { continue }
            current.insert(document.id)
            ranges.append((held.firstRow, held.rows, document.id))
        }
        guard !ranges.isEmpty else { return }
        ranges.sort { $0.first < $1.first }
        for row in try store.fullTextMatches(text) {
            // The last range starting at or before the row.
            var low = 0
            var high = ranges.count
            while low < high {
                let middle = (low + high) / 2
                if ranges[middle].first <= row { low = middle + 1 } else { high = middle }
            }
            guard low > 0 else { continue }
            let range = ranges[low - 1]
            let unit = row - range.first
            guard unit < Int64(range.rows) else { continue }  // a stale row
            byDocument[range.id, default: []].append(Int(unit))
        }
    }

    /// The unit numbers of `document` to check: nil when every unit must be checked.
    func units(of document: SearchDocumentRow) -> [Int]? {
        current.contains(document.id) ? byDocument[document.id] ?? [] : nil
    }
}

/// The units (turns, or a document's whole text) of one document that a search reads,
/// with their text as scalars.
struct SearchUnits {
    /// A unit's text: `scalars[lower..<upper]`; document offset = index − `base`.
    struct UnitText {
        var scalars: [Unicode.Scalar]
        var base: Int
        var lower: Int
        var upper: Int
    }

    var units: [SearchUnitRow]
    /// The whole document's scalars, when it was read whole.
    private var whole: [Unicode.Scalar]?

    /// Up to this many candidate turns are sliced by SQLite; more, and the whole text is read.
    static let slicingLimit = 16

    /// Reads the units numbered `numbers` (all when nil) of `document`; `text` is its
    /// stored text when the caller has it.
    static func read(_ store: Store, document: SearchDocumentRow, numbers: [Int]?, text: String? = nil) throws -> SearchUnits {
        if document.turnCount == 0 {
            if let numbers, !numbers.contains(0) { return SearchUnits(units: [], whole: nil) }
            let whole = try text ?? store.documentText(document.id) ?? ""
            let unit = SearchUnitRow(number: 0, speaker: nil, start: 0, end: document.characters, time: nil, text: nil)
            return SearchUnits(units: [unit], whole: Array(whole.unicodeScalars))
        }
        if text == nil, let numbers, numbers.count <= slicingLimit {
            return SearchUnits(units: try store.searchUnits(documentID: document.id, numbers: numbers, withText: true), whole: nil)
        }
        let units = try store.searchUnits(documentID: document.id, numbers: numbers, withText: false)
        let whole = try text ?? store.documentText(document.id) ?? ""
        return SearchUnits(units: units, whole: Array(whole.unicodeScalars))
    }

    /// The text of one of the units.
    func scalars(of unit: SearchUnitRow) -> UnitText {
        if let whole {
            let upper = min(unit.end, whole.count)
            return UnitText(scalars: whole, base: 0, lower: min(unit.start, upper), upper: upper)
        }
        let scalars = Array((unit.text ?? "").unicodeScalars)
        return UnitText(scalars: scalars, base: -unit.start, lower: 0, upper: scalars.count)
    }

    /// The unit that holds all of `span`, if any.
    func unit(containing span: TextSpan) -> SearchUnitRow? {
        var low = 0
        var high = units.count
        while low < high {
            let middle = (low + high) / 2
            if units[middle].start <= span.start { low = middle + 1 } else { high = middle }
        }
        guard low > 0, span.end <= units[low - 1].end else { return nil }
        return units[low - 1]
    }

    /// Whether a unit's speaker passes a `--speaker` filter (ignoring case).
    static func speaker(_ speaker: String?, matches wanted: String?) -> Bool {
        guard let wanted else { return true }
        return speaker?.caseInsensitiveCompare(wanted) == .orderedSame
    }
}
