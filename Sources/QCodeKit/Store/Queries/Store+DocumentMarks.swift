import GRDB

/// Named queries on `document_marks` (a coder's "fully coded" mark on a document) and the
/// counts behind ``Project/projectStatus()``.
extension Store {
    /// Marks a document as fully coded by a coder. Returns false when it already was.
    func markDocumentDone(documentID: Int64, coderID: Int64, at time: String) throws -> Bool {
        guard try DocumentMarkRecord.fetchOne(db, key: [DocumentMarkRecord.Columns.documentID.rawValue: documentID,
                                                        DocumentMarkRecord.Columns.coderID.rawValue: coderID]) == nil
        else { return false }
        try DocumentMarkRecord(documentID: documentID, coderID: coderID, markedAt: time).insert(db)
        return true
    }

    /// Takes a coder's mark off a document. Returns false when there was none.
    func unmarkDocumentDone(documentID: Int64, coderID: Int64) throws -> Bool {
        try DocumentMarkRecord.deleteOne(db, key: [DocumentMarkRecord.Columns.documentID.rawValue: documentID,
                                                   DocumentMarkRecord.Columns.coderID.rawValue: coderID])
    }

    /// The documents a coder has marked as fully coded.
    func documentIDsMarkedDone(coderID: Int64) throws -> Set<Int64> {
        Set(try DocumentMarkRecord.filter(DocumentMarkRecord.Columns.coderID == coderID)
            .select(DocumentMarkRecord.Columns.documentID, as: Int64.self)
            .fetchAll(db))
    }

    /// Every mark, with the coder's name.
    func allDocumentMarks() throws -> [DocumentMark] {
        try Row.fetchAll(db, sql: """
            SELECT m.document_id, c.name, m.marked_at
            FROM document_marks m JOIN coders c ON c.id = m.coder_id
            ORDER BY m.document_id, c.name
            """).map { DocumentMark(documentID: $0[0], coder: $0[1], markedAt: $0[2]) }
    }

    /// Every turn's document and range, in document and turn order.
    func turnRanges() throws -> [(documentID: Int64, start: Int, end: Int)] {
        var ranges: [(documentID: Int64, start: Int, end: Int)] = []
        let rows = try Row.fetchCursor(db, sql: #"SELECT document_id, start, "end" FROM turns ORDER BY document_id, number"#)
        while let row = try rows.next() { ranges.append((row[0], row[1], row[2])) }
        return ranges
    }

    /// Every coding's coder, document and range (no order).
    func codingRangesByCoder() throws -> [(coder: String, documentID: Int64, start: Int, end: Int)] {
        var codings: [(coder: String, documentID: Int64, start: Int, end: Int)] = []
        let names = try coderNamesByID()
        let rows = try Row.fetchCursor(db, sql: #"SELECT coder_id, document_id, start, "end" FROM codings"#)
        while let row = try rows.next() {
            guard let name = names[row[0]] else { continue }
            codings.append((name, row[1], row[2], row[3]))
        }
        return codings
    }

    /// Each coder's latest activity: the newest of their codings, memos, marks and audit
    /// entries (ISO 8601 times compare as text).
    func lastActivityByCoder() throws -> [String: String] {
        var latest: [String: String] = [:]
        func note(_ name: String, _ time: String?) {
            guard let time else { return }
            let key = name.lowercased()
            if latest[key].map({ time > $0 }) ?? true { latest[key] = time }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT c.name, max(g.created_at) FROM codings g JOIN coders c ON c.id = g.coder_id GROUP BY c.id
            UNION ALL SELECT c.name, max(m.marked_at) FROM document_marks m JOIN coders c ON c.id = m.coder_id GROUP BY c.id
            UNION ALL SELECT memo_by, max(memo_at) FROM codings WHERE memo_by IS NOT NULL GROUP BY memo_by
            UNION ALL SELECT memo_by, max(memo_at) FROM documents WHERE memo_by IS NOT NULL GROUP BY memo_by
            UNION ALL SELECT actor, max(at) FROM audit_log WHERE actor IS NOT NULL GROUP BY actor
            """) {
            note(row[0], row[1])
        }
        return latest
    }
}

/// A coder's "fully coded" mark on a document.
struct DocumentMark: Sendable, Equatable {
    var documentID: Int64
    var coder: String
    var markedAt: String
}
