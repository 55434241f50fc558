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
        case .noCoder: return "no coder: give --coder NAME or set QCODE_CODER"
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
    /// unknown code is reported as such rather than as an empty selection.
    public func code(
        document query: String, code codeQuery: String, coder: String,
        selection: Selection, memo: String? = nil
    ) throws -> CodingChange {
        try write { store in
            let document = try store.document(named: query)
            let code = try store.resolveCode(codeQuery)
            let spans = try document.spans(for: selection)
            guard !spans.isEmpty else { throw SelectionError.nothingSelected(document: document.name) }
            return try Self.applyCode(store, documentID: document.id, documentName: document.name,
                                      code: code, coder: coder, spans: spans, memo: memo)
        }
    }

    /// Inserts codings of `code` over `spans` for `coder` and records one `code` audit entry
    /// (the entry undo reverses). Exact duplicates are left alone and reported.
    static func applyCode(
        _ store: Store, documentID: Int64, documentName: String, code: FlatCode, coder: String,
        spans: [TextSpan], memo: String?
    ) throws -> CodingChange {
        let coderID = try store.coderID(named: coder)
        let change = try store.insertCodings(documentID: documentID, codeID: code.id, coderID: coderID,
                                             spans: spans, memo: memo)
        if !change.changed.isEmpty {
            try store.recordAudit(action: "code",
                                  summary: "\(coder) coded \(change.changed.count) segment(s) of \(documentName) as \(code.path)",
                                  actor: coder, after: CodingAuditRecord.many(documentID, code.id, coder, change.changed, memo))
        }
        return change
    }

    /// Removes a coder's codings of a code (and, unless `children` is false, of its
    /// descendants) that lie inside the selected spans. With no code, all codes.
    public func uncode(
        document query: String, code codeQuery: String?, coder: String,
        selection: Selection, children: Bool = false
    ) throws -> CodingChange {
        try write { store in
            let document = try store.document(named: query)
            let code = try codeQuery.map { try store.resolveCode($0) }
            let spans = try document.spans(for: selection)
            guard let coderID = try store.existingCoderID(named: coder) else {
                return CodingChange()
            }
            var codeIDs: Set<String>?
            if let code {
                codeIDs = children ? Set(try store.subtreeIDs(of: code.id)) : [code.id]
            }
            var removed: [CodingAuditRecord] = []
            var change = CodingChange()
            for coding in try store.codings(documentID: document.id, coderID: coderID) {
                if let codeIDs, !codeIDs.contains(coding.codeID) { continue }
                let span = TextSpan(start: coding.start, end: coding.end)
                guard spans.contains(where: { $0.start <= span.start && span.end <= $0.end }) else { continue }
                try store.deleteCoding(id: coding.id!)
                removed.append(CodingAuditRecord(document: document.id, code: coding.codeID, coder: coder,
                                                 start: span.start, end: span.end, memo: coding.memo))
                change.changed.append(span)
            }
            if !removed.isEmpty {
                try store.recordAudit(action: "uncode",
                                      summary: "\(coder) removed \(removed.count) coding(s) from \(document.name)",
                                      actor: coder, before: removed)
            }
            return change
        }
    }
}

/// A coding as the audit log records it (enough to undo or redo it).
struct CodingAuditRecord: Codable {
    var document: Int64
    var code: String
    var coder: String
    var start: Int
    var end: Int
    var memo: String?

    static func many(_ document: Int64, _ code: String, _ coder: String, _ spans: [TextSpan], _ memo: String?) -> [CodingAuditRecord] {
        spans.map { CodingAuditRecord(document: document, code: code, coder: coder, start: $0.start, end: $0.end, memo: memo) }
    }
}

/// A coding to add in bulk: document by id, code by id, coder by name.
public struct NewCoding: Sendable, Equatable {
    public var documentID: Int64
    public var codeID: String
    public var coder: String
    public var start: Int
    public var end: Int
    public var memo: String?

    public init(documentID: Int64, codeID: String, coder: String, start: Int, end: Int, memo: String? = nil) {
        self.documentID = documentID
        self.codeID = codeID
        self.coder = coder
        self.start = start
        self.end = end
        self.memo = memo
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
            for coding in codings {
                let coderID: Int64
                if let known = coderIDs[coding.coder] {
                    coderID = known
                } else {
                    coderID = try store.coderID(named: coding.coder)
                    coderIDs[coding.coder] = coderID
                }
                if try inserter.insert(documentID: coding.documentID, codeID: coding.codeID, coderID: coderID,
                                       start: coding.start, end: coding.end, memo: coding.memo) {
                    added += 1
                }
            }
            try store.recordAudit(action: action, summary: "added \(added) coding(s) in bulk")
            return added
        }
    }
}
