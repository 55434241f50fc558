import Foundation

/// A document as listed by `qcode docs`.
public struct DocumentSummary: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var `case`: String?
    public var characters: Int
    public var turns: Int
    public var speakers: [String]
    public var format: String
    public var memo: String?
}

/// A stored document with its text and structure.
///
/// Offsets are Unicode scalar offsets into `text` (NFC, LF line ends), end exclusive.
public struct StoredDocument: Sendable {
    public var id: Int64
    public var name: String
    public var caseName: String?
    public var text: String
    public var turns: [Turn]
    public var paragraphs: [TextSpan]
    public var sentences: [TextSpan]
    public var memo: String?

    /// The text's scalars, for slicing by offset.
    public var scalars: ScalarText { ScalarText(text) }
}

/// A document's text indexed by Unicode scalar offsets: its scalars, and its UTF-8 bytes
/// with the byte offset of every scalar, so that slicing is a copy of bytes.
public struct ScalarText: Sendable {
    public let scalars: [Unicode.Scalar]
    private let utf8: [UInt8]
    /// `byteOffsets[i]` is where scalar `i` starts in `utf8`; the last entry is the end.
    private let byteOffsets: [Int]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        utf8 = Array(text.utf8)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        for (index, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { offsets.append(index) }
        offsets.append(utf8.count)
        byteOffsets = offsets
    }

    /// Number of scalars.
    public var count: Int { scalars.count }

    /// The text from `start` to `end` (clamped to the text).
    public func slice(_ start: Int, _ end: Int) -> String {
        let lower = max(0, min(start, scalars.count))
        let upper = max(lower, min(end, scalars.count))
        return String(decoding: utf8[byteOffsets[lower]..<byteOffsets[upper]], as: UTF8.self)
    }
}

/// Errors naming a document that cannot be found.
public enum DocumentLookupError: Error, CustomStringConvertible, Equatable {
    case notFound(String)
    case ambiguous(String, [String])

    public var description: String {
        switch self {
        case .notFound(let query):
            return "no document '\(query)' (see 'qcode docs')"
        case .ambiguous(let query, let names):
            return "document '\(query)' is ambiguous: \(names.prefix(5).joined(separator: ", "))\(names.count > 5 ? ", ..." : "")"
        }
    }
}

extension Project {
    /// All documents, in import order.
    public func documents() throws -> [DocumentSummary] {
        try read { store in try store.documentSummaries() }
    }

    /// The id of the document named by `query`: its id, its exact name, or a unique
    /// prefix of its name; failing those, the same ignoring case, when only one
    /// document matches.
    public func documentID(_ query: String) throws -> Int64 {
        try read { store in try store.documentID(named: query) }
    }

    /// The document with its text, turns, paragraphs and sentences.
    public func document(_ query: String) throws -> StoredDocument {
        try read { store in try store.document(named: query) }
    }

    /// Sets or clears a document's memo, as written by `author` (the project's user when
    /// nil), recording who and when.
    ///
    /// - Returns: the document's memo as it now stands (text empty when cleared).
    @discardableResult
    public func setDocumentMemo(_ query: String, memo: String?, author: String? = nil) throws -> MemoEntry {
        try write { store in
            let id = try store.documentID(named: query)
            let before = try store.documentMemo(id: id)
            let by = try store.memoAuthor(author)
            try store.setDocumentMemo(id: id, memo: memo, author: by)
            let stored = try store.documentRecord(id)
            let name = stored?.name ?? query
            try store.record(.documentMemo(DocumentMemoChange(document: name, before: before, after: memo)),
                             summary: "memo on document \(name)", actor: by)
            return MemoEntry(kind: .document, document: name, author: stored?.memoBy, at: stored?.memoAt, text: memo ?? "")
        }
    }
}
