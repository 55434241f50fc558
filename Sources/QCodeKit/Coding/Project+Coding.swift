import Foundation
import GRDB

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
    public func code(
        document query: String, code codeQuery: String, coder: String,
        selection: Selection, memo: String? = nil
    ) throws -> CodingChange {
        try database.write { db in
            let documentID = try Self.documentID(db, query)
            let document = try Self.document(db, id: documentID)
            let spans = try document.spans(for: selection)
            guard !spans.isEmpty else { throw SelectionError.nothingSelected(document: document.name) }
            return try Self.applyCode(db, documentID: documentID, documentName: document.name,
                                      code: try Self.resolveCode(db, codeQuery), coder: coder, spans: spans, memo: memo)
        }
    }

    /// Inserts codings of `code` over `spans` for `coder` and records one `code` audit entry
    /// (the entry undo reverses). Exact duplicates are left alone and reported.
    static func applyCode(
        _ db: Database, documentID: Int64, documentName: String, code: FlatCode, coder: String,
        spans: [TextSpan], memo: String?
    ) throws -> CodingChange {
        let coderID = try coderID(db, name: coder)
        let change = try insertCodings(db, documentID: documentID, codeID: code.id, coderID: coderID,
                                       spans: spans, memo: memo)
        if !change.changed.isEmpty {
            try AuditLog.record(db, action: "code",
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
        try database.write { db in
            let documentID = try Self.documentID(db, query)
            let document = try Self.document(db, id: documentID)
            let spans = try document.spans(for: selection)
            guard let coderID = try Int64.fetchOne(db, sql: "SELECT id FROM coders WHERE name = ?", arguments: [coder]) else {
                return CodingChange()
            }
            var codeIDs: Set<String>?
            if let codeQuery {
                let code = try Self.resolveCode(db, codeQuery)
                codeIDs = children ? Set(try Self.subtreeIDs(db, of: code.id)) : [code.id]
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, code_id, start, "end", memo FROM codings WHERE document_id = ? AND coder_id = ?
                """, arguments: [documentID, coderID])
            var removed: [CodingAuditRecord] = []
            var change = CodingChange()
            for row in rows {
                let codeID: String = row["code_id"]
                if let codeIDs, !codeIDs.contains(codeID) { continue }
                let span = TextSpan(start: row["start"], end: row["end"])
                guard spans.contains(where: { $0.start <= span.start && span.end <= $0.end }) else { continue }
                try db.execute(sql: "DELETE FROM codings WHERE id = ?", arguments: [row["id"] as Int64])
                removed.append(CodingAuditRecord(document: documentID, code: codeID, coder: coder,
                                                 start: span.start, end: span.end, memo: row["memo"]))
                change.changed.append(span)
            }
            if !removed.isEmpty {
                try AuditLog.record(db, action: "uncode",
                                    summary: "\(coder) removed \(removed.count) coding(s) from \(document.name)",
                                    actor: coder, before: removed)
            }
            return change
        }
    }

    /// Sets or clears the memo of one coding.
    public func setCodingMemo(id: Int64, memo: String?) throws {
        try database.write { db in
            guard let before = try Row.fetchOne(db, sql: "SELECT memo FROM codings WHERE id = ?", arguments: [id]) else {
                throw CodingError.noSuchCoding(id)
            }
            try db.execute(sql: "UPDATE codings SET memo = ? WHERE id = ?", arguments: [memo, id])
            try AuditLog.record(db, action: "coding.memo", summary: "memo on coding \(id)",
                                before: before["memo"] as String?, after: memo)
        }
    }

    /// The id of a coder, created on first use.
    static func coderID(_ db: Database, name: String) throws -> Int64 {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains(",") else { throw CodingError.badCoderName(name) }
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM coders WHERE name = ?", arguments: [trimmed]) {
            return id
        }
        try db.execute(sql: "INSERT INTO coders(name) VALUES (?)", arguments: [trimmed])
        return db.lastInsertedRowID
    }

    static func insertCodings(
        _ db: Database, documentID: Int64, codeID: String, coderID: Int64, spans: [TextSpan], memo: String?
    ) throws -> CodingChange {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO codings(document_id, code_id, coder_id, start, "end", memo, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(document_id, code_id, coder_id, start, "end") DO NOTHING
            """)
        let now = Clock.now()
        var change = CodingChange()
        for span in spans {
            try statement.execute(arguments: [documentID, codeID, coderID, span.start, span.end, memo, now])
            if db.changesCount > 0 {
                change.changed.append(span)
            } else {
                change.duplicates.append(span)
            }
        }
        return change
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
        try database.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO codings(document_id, code_id, coder_id, start, "end", memo, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(document_id, code_id, coder_id, start, "end") DO NOTHING
                """)
            let now = Clock.now()
            var coderIDs: [String: Int64] = [:]
            var added = 0
            for coding in codings {
                let coderID: Int64
                if let known = coderIDs[coding.coder] {
                    coderID = known
                } else {
                    coderID = try Self.coderID(db, name: coding.coder)
                    coderIDs[coding.coder] = coderID
                }
                statement.setUncheckedArguments([coding.documentID, coding.codeID, coderID, coding.start, coding.end, coding.memo, now])
                try statement.execute()
                added += db.changesCount
            }
            try AuditLog.record(db, action: action, summary: "added \(added) coding(s) in bulk")
            return added
        }
    }
}
