import Foundation

/// A document memo or a coding memo, as `qcode memos` lists it.
public struct MemoEntry: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case document, coding }

    public var kind: Kind
    /// The document's name (for a coding memo, the coded document's).
    public var document: String
    /// The coding's id (coding memos only).
    public var codingID: Int64?
    /// The coding's code path (coding memos only).
    public var code: String?
    /// The coded range, Unicode scalar offsets, end exclusive (coding memos only).
    public var start: Int?
    public var end: Int?
    /// Who wrote the memo (nil for memos written before qcode recorded it).
    public var author: String?
    /// When the memo was written (ISO 8601, UTC), if known.
    public var at: String?
    /// The memo (empty in the result of clearing one).
    public var text: String

    enum CodingKeys: String, CodingKey {
        case kind, document, codingID = "coding_id", code, start, end, author, at, text
    }

    /// Every key is written, `null` where there is no value, so each entry has the same shape.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(document, forKey: .document)
        try container.encode(codingID, forKey: .codingID)
        try container.encode(code, forKey: .code)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(author, forKey: .author)
        try container.encode(at, forKey: .at)
        try container.encode(text, forKey: .text)
    }
}

extension Project {
    /// Document and coding memos, document by document (import order), each document's
    /// own memo first, then its codings' memos in text order.
    ///
    /// - Parameters:
    ///   - document: only this document's memos (named as everywhere: id, name, prefix).
    ///   - author: only memos written by this coder (compared ignoring case).
    public func memos(document: String? = nil, author: String? = nil) throws -> [MemoEntry] {
        try read { store in
            let documentID = try document.map { try store.documentID(named: $0) }
            let paths = try store.codePaths()
            let folded = author?.trimmingCharacters(in: .whitespaces).lowercased()
            return try store.memoRows(documentID: documentID).compactMap { row in
                if let folded, row.author?.lowercased() != folded { return nil }
                return MemoEntry(row, codePath: row.codeID.map { paths[$0] ?? $0 })
            }
        }
    }

    /// Sets or clears the memo of one coding, as written by `author` (the project's user
    /// when nil), recording who and when.
    ///
    /// - Returns: the coding's memo as it now stands (text empty when cleared).
    @discardableResult
    public func setCodingMemo(id: Int64, memo: String?, author: String? = nil) throws -> MemoEntry {
        try write { store in
            guard let before = try store.coding(rowID: id), let document = try store.documentName(id: before.documentID) else {
                throw CodingError.noSuchCoding(id)
            }
            let by = try store.memoAuthor(author)
            try store.setCodingMemo(id: id, memo: memo, author: by)
            let path = try store.codePaths()[before.codeID] ?? before.codeID
            let snapshot = CodingSnapshot(document: before.documentID, code: before.codeID, coder: before.coder,
                                          start: before.start, end: before.end, memo: before.memo)
            var after = snapshot
            after.memo = memo
            let verb = memo == nil ? "cleared the memo" : "set a memo"
            try store.record(.codingMemo(CodingMemoChange(before: snapshot, after: after)),
                             summary: "\(by ?? "someone") \(verb) on coding \(id) (\(path) \(before.start)-\(before.end) in \(document))",
                             actor: by)
            let stored = try store.coding(id: id)
            return MemoEntry(kind: .coding, document: document, codingID: id, code: path, start: before.start,
                             end: before.end, author: stored?.memoBy, at: stored?.memoAt, text: memo ?? "")
        }
    }
}

extension MemoEntry {
    init(_ row: MemoRow, codePath: String?) {
        self.init(kind: row.isDocument ? .document : .coding, document: row.documentName, codingID: row.codingID,
                  code: codePath, start: row.start, end: row.end, author: row.author, at: row.at, text: row.text)
    }
}

extension Store {
    /// The name to record as a memo's author: `given`, else the project's user, trimmed;
    /// spelled as the coder of that name is (names compare ignoring case); nil when
    /// neither is given.
    ///
    /// - Throws: `CodingError.badCoderName` for a name with a comma.
    func memoAuthor(_ given: String?) throws -> String? {
        guard let name = (given ?? user)?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
        guard !name.contains(",") else { throw CodingError.badCoderName(name) }
        return try coder(named: name)?.name ?? name
    }
}
