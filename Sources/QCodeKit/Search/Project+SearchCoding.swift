import Foundation

/// What coding every hit of a search did (or, in a dry run, would do).
public struct SearchCodingResult: Sendable, Equatable {
    /// The hits found.
    public var hits: Int
    /// The distinct spans to code (hits widened to the scope; hits in one sentence,
    /// turn or paragraph give one span).
    public var spans: Int
    /// Codings added (would be added, in a dry run).
    public var added: Int
    /// Spans the coder had already coded with the code.
    public var existing: Int
    /// The code's full path.
    public var code: String
    /// The audit entry of the change (nil in a dry run, or when nothing was added).
    public var auditID: Int64?
}

extension Project {
    /// Codes every hit of a search with `code` for `coder`, widened to `scope`, in one
    /// transaction with one audit entry (`search.code`), so that one undo takes it back.
    /// Spans already coded identically are left alone and counted. With `dryRun`, nothing
    /// is written.
    public func codeSearchHits(
        _ request: SearchRequest, code codeQuery: String, coder: String, scope: MatchScope = .match, dryRun: Bool = false
    ) throws -> SearchCodingResult {
        let plan = try SearchPlan(request)
        guard !coder.trimmingCharacters(in: .whitespaces).isEmpty else { throw CodingError.badCoderName(coder) }
        if dryRun {
            return try read { store in try Self.codeHits(store, request, plan, code: codeQuery, coder: coder, scope: scope, dryRun: true) }
        }
        return try write { store in
            _ = try Self.updateSearchIndex(store)
            return try Self.codeHits(store, request, plan, code: codeQuery, coder: coder, scope: scope, dryRun: false)
        }
    }

    private static func codeHits(
        _ store: Store, _ request: SearchRequest, _ plan: SearchPlan, code codeQuery: String, coder: String,
        scope: MatchScope, dryRun: Bool
    ) throws -> SearchCodingResult {
        let code = try store.resolveCode(codeQuery)
        let hits = try searchHits(store, request, plan)
        var result = SearchCodingResult(hits: hits.count, spans: 0, added: 0, existing: 0, code: code.path)
        var byDocument: [(id: Int64, spans: [TextSpan])] = []
        for hit in hits {
            let span = TextSpan(start: hit.start, end: hit.end)
            if byDocument.last?.id == hit.documentID {
                byDocument[byDocument.count - 1].spans.append(span)
            } else {
                byDocument.append((hit.documentID, [span]))
            }
        }
        let inserter = dryRun ? nil : try store.makeCodingInserter()
        let coderID = dryRun ? try store.existingCoderID(named: coder) : try store.coderID(named: coder)
        for (documentID, matches) in byDocument {
            let spans: [TextSpan]
            switch scope {
            case .match:
                var seen = Set<TextSpan>()
                spans = matches.filter { seen.insert($0).inserted }
            case .turn, .sentence, .paragraph:
                let document = try store.document(id: documentID)
                let units = scope == .turn ? document.turns.map(\.span)
                    : scope == .sentence ? document.sentences : document.paragraphs
                spans = StoredDocument.widen(matches, to: units)
            }
            result.spans += spans.count
            for span in spans {
                if let inserter, let coderID {
                    if try inserter.insert(documentID: documentID, codeID: code.id, coderID: coderID,
                                           start: span.start, end: span.end, memo: nil) {
                        result.added += 1
                    } else {
                        result.existing += 1
                    }
                } else if coderID != nil, try store.codingID(documentID: documentID, codeID: code.id, coderName: coder,
                                                          start: span.start, end: span.end) != nil {
                    result.existing += 1
                } else {
                    result.added += 1
                }
            }
        }
        if !dryRun && result.added > 0 {
            result.auditID = try store.record(
                .bulkCodings(BulkCodings(source: "search.code", count: result.added)),
                summary: "\(coder) coded \(result.added) search hit(s) for '\(MessageText.clip(request.text))' as \(code.path)",
                actor: coder)
        }
        return result
    }
}
