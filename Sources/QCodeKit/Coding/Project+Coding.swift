import Foundation

/// The outcome of a `code` or `uncode` command.
public struct CodingChange: Sendable, Equatable {
    /// Spans newly coded (or removed, for uncode).
    public var changed: [TextSpan] = []
    /// Spans already coded identically (code): left as they were.
    public var duplicates: [TextSpan] = []
}

/// Errors about coders and codings.
public enum CodingError: Error, CustomStringConvertible, Equatable {
    case noCoder
    case badCoderName(String)
    case noSuchCoding(Int64)

    public var description: String {
        switch self {
        case .noCoder: return "no coder named"
        case .badCoderName(let name): return "'\(name)' is not a usable coder name"
        case .noSuchCoding(let id): return "no coding with id \(id)"
        }
    }
}

extension Project {
    /// Codes every span of `selection` in a document with a code, for a coder.
    ///
    /// Exact duplicates (same document, range, code and coder) are not added again and
    /// are reported. The change is one transaction and is written to the audit log.
    /// The document and the code are looked up before the selection is computed, so an
    /// unknown code is reported as such rather than as an empty selection. The selection
    /// is computed before the write transaction (a slow `--match` holds no one out).
    public func code(
        document query: String, code codeQuery: String, coder: String,
        selection: Selection, memo: String? = nil
    ) throws -> CodingChange {
        let seen = try selectedSpans(document: query, code: codeQuery, selection: selection)
        return try write { store in
            let document = try store.document(named: query)
            let code = try store.resolveCode(codeQuery)
            let spans = try seen.spans(confirmedBy: document)
            guard !spans.isEmpty else { throw SelectionError.nothingSelected(document: document.name) }
            return try Self.applyCode(store, documentID: document.id, documentName: document.name,
                                      code: code, coder: coder, spans: spans, memo: memo).change
        }
    }

    /// Inserts codings of `code` over `spans` for `coder` and records one `code` audit entry
    /// (the entry undo reverses). Exact duplicates are left alone and reported.
    ///
    /// - Returns: the change and the id of its audit entry (nil when nothing was added).
    static func applyCode(
        _ store: Store, documentID: Int64, documentName: String, code: FlatCode, coder: String,
        spans: [TextSpan], memo: String?
    ) throws -> (change: CodingChange, auditID: Int64?) {
        let coderID = try store.coderID(named: coder)
        let change = try store.insertCodings(documentID: documentID, codeID: code.id, coderID: coderID,
                                             spans: spans, memo: memo)
        guard !change.changed.isEmpty else { return (change, nil) }
        let added = change.changed.map {
            CodingSnapshot(document: documentID, code: code.id, coder: coder, start: $0.start, end: $0.end, memo: memo)
        }
        let auditID = try store.record(.code(added),
                                       summary: "\(coder) coded \(change.changed.count) segment(s) of \(documentName) as \(code.path)",
                                       actor: coder)
        return (change, auditID)
    }

    /// Removes a coder's codings of a code (and, unless `children` is false, of its
    /// descendants) that lie inside the selected spans. With no code, all codes.
    public func uncode(
        document query: String, code codeQuery: String?, coder: String,
        selection: Selection, children: Bool = false
    ) throws -> CodingChange {
        let seen = try selectedSpans(document: query, code: codeQuery, selection: selection)
        return try write { store in
            let document = try store.document(named: query)
            let code = try codeQuery.map { try store.resolveCode($0) }
            let spans = try seen.spans(confirmedBy: document)
            guard let coderID = try store.existingCoderID(named: coder) else {
                return CodingChange()
            }
            var codeIDs: Set<String>?
            if let code {
                codeIDs = children ? Set(try store.subtreeIDs(of: code.id)) : [code.id]
            }
            var removed: [CodingSnapshot] = []
            var change = CodingChange()
            for coding in try store.codings(documentID: document.id, coderID: coderID) {
                if let codeIDs, !codeIDs.contains(coding.codeID) { continue }
                let span = TextSpan(start: coding.start, end: coding.end)
                guard spans.contains(where: { $0.start <= span.start && span.end <= $0.end }) else { continue }
                try store.deleteCoding(id: coding.id!)
                removed.append(CodingSnapshot(document: document.id, code: coding.codeID, coder: coder,
                                              start: span.start, end: span.end, memo: coding.memo))
                change.changed.append(span)
            }
            if !removed.isEmpty {
                try store.record(.uncode(removed),
                                 summary: "\(coder) removed \(removed.count) coding(s) from \(document.name)",
                                 actor: coder)
            }
            return change
        }
    }
}

/// A coding to add in bulk: document by id, code by id, coder by name (as the audit log
/// names a coding).
public struct NewCoding: Sendable, Equatable {
    public var coding: CodingSnapshot

    public init(documentID: Int64, codeID: String, coder: String, start: Int, end: Int, memo: String? = nil) {
        coding = CodingSnapshot(document: documentID, code: codeID, coder: coder, start: start, end: end, memo: memo)
    }
}

extension Project {
    /// Adds many codings in one transaction with one prepared statement (the bulk path).
    /// Exact duplicates are skipped; returns how many were added. A coding outside its
    /// document or naming an unknown code aborts the whole batch.
    @discardableResult
    public func addCodings(_ codings: [NewCoding], action: String = "codings.add") throws -> Int {
        try write { store in
            let inserter = try store.makeCodingInserter()
            var coderIDs: [String: Int64] = [:]
            var added = 0
            for coding in codings.lazy.map(\.coding) {
                let coderID: Int64
                if let known = coderIDs[coding.coder] {
                    coderID = known
                } else {
                    coderID = try store.coderID(named: coding.coder)
                    coderIDs[coding.coder] = coderID
                }
                if try inserter.insert(documentID: coding.document, codeID: coding.code, coderID: coderID,
                                       start: coding.start, end: coding.end, memo: coding.memo) {
                    added += 1
                }
            }
            try store.record(.bulkCodings(BulkCodings(source: action, count: added)), summary: "added \(added) coding(s) in bulk")
            return added
        }
    }
}
