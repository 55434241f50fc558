import Foundation

/// What one audit-log entry did: the log's one typed vocabulary.
///
/// Each case carries a typed payload describing the change for people and tools. How to
/// reverse a change is not worked out from the payload: every write transaction records
/// the rows it changed as an SQLite changeset (`ChangeRecorder`), stored with the entry,
/// and undo applies its inverse. The payloads of `code`, `uncode`, `codingMemo` and
/// `documentMemo` are also enough to reverse entries written before changesets were kept
/// (project format 2 and older), and `importDocuments` names the documents an import
/// added without recording their text twice.
///
/// Stored as the `action` column (`name`) and the `after` (and, for older entries,
/// `before`) JSON columns; `init(name:before:after:)` decodes every row ever written.
public enum AuditAction: Sendable, Equatable {
    /// Documents imported (from files, a REFI-QDA project or a merge), by id and name.
    case importDocuments(ImportedDocuments)
    /// Codings added by one coder in one document.
    case code([CodingSnapshot])
    /// Codings removed.
    case uncode([CodingSnapshot])
    /// A coding's memo set or cleared.
    case codingMemo(CodingMemoChange)
    /// A document's memo set or cleared.
    case documentMemo(DocumentMemoChange)
    /// A document renamed, removed, replaced or marked done.
    case document(DocumentEdit)
    /// Cases imported, linked, renamed, removed, merged, or their attributes set.
    case cases(CaseEdit)
    /// Coders renamed or merged.
    case coders(CoderEdit)
    /// Codebook imported or edited.
    case codebook(CodebookEdit)
    /// Codings added in bulk (a codings file, a reconcile, a search).
    case bulkCodings(BulkCodings)
    /// Team and safety events: merges, blind copies, pseudonymised copies.
    case team(TeamEvent)
    /// Undo of the entry with this id.
    case undo(entry: Int64)
    /// Redo of the entry with this id.
    case redo(entry: Int64)
    /// An action this qcode does not know (written by a newer one): shown, never undone.
    case unknown(name: String)
}

/// A coding as the audit log names it: by what the user saw, not by row id.
public struct CodingSnapshot: Codable, Sendable, Equatable {
    public var document: Int64
    public var code: String
    public var coder: String
    public var start: Int
    public var end: Int
    public var memo: String?

    public init(document: Int64, code: String, coder: String, start: Int, end: Int, memo: String? = nil) {
        self.document = document
        self.code = code
        self.coder = coder
        self.start = start
        self.end = end
        self.memo = memo
    }
}

/// Documents added by an import.
public struct ImportedDocuments: Codable, Sendable, Equatable {
    /// The kind of import: `import` (files), `refi.import` or `merge`.
    public var source: String
    /// Ids of the added documents (absent in entries older than format 3).
    public var ids: [Int64]
    public var names: [String]
}

/// A coding memo before and after.
public struct CodingMemoChange: Codable, Sendable, Equatable {
    public var before: CodingSnapshot?
    public var after: CodingSnapshot?
    /// Older entries (`coding.memo`) name the coding by row id and store only the memos.
    public var legacyCodingID: Int64?
    public var legacyBefore: String?
    public var legacyAfter: String?
}

/// A document memo before and after.
public struct DocumentMemoChange: Codable, Sendable, Equatable {
    public var document: String
    public var before: String?
    public var after: String?
}

/// A lifecycle change to one document.
public struct DocumentEdit: Codable, Sendable, Equatable {
    public enum Operation: String, Codable, Sendable { case rename, remove, replace, done, undone }
    public var operation: Operation
    public var document: String
    /// The new name (rename), or the coder (done, undone).
    public var detail: String?
    /// Codings lost in a replace, or removed with the document.
    public var lostCodings: Int?
}

/// A change to cases.
public struct CaseEdit: Codable, Sendable, Equatable {
    public enum Operation: String, Codable, Sendable {
        case `import`, link, unlink, rename, remove, merge, set, unset
    }
    public var operation: Operation
    /// The cases (or source file, for import) concerned.
    public var subjects: [String]
    public var detail: String?
}

/// A change to coders.
public struct CoderEdit: Codable, Sendable, Equatable {
    public enum Operation: String, Codable, Sendable { case rename, merge }
    public var operation: Operation
    public var from: String
    public var to: String
}

/// A change to the codebook.
public struct CodebookEdit: Codable, Sendable, Equatable {
    public enum Operation: String, Codable, Sendable { case `import`, add, rename, move, merge, remove, set }
    public var operation: Operation
    /// The code paths concerned (for import, the source file).
    public var subjects: [String]
}

/// Codings added in bulk.
public struct BulkCodings: Codable, Sendable, Equatable {
    /// `codings.import`, `codings.add`, `reconcile`, `search.code`...
    public var source: String
    public var count: Int?
}

/// A team or safety event.
public struct TeamEvent: Codable, Sendable, Equatable {
    /// `merge`, `copy` or `pseudonymise`.
    public var kind: String
    public var detail: [String: String]?
    /// The codings a merge added.
    public var codings: [CodingSnapshot]? = nil
}

extension AuditAction {
    /// The stored action name (the `action` column).
    public var name: String {
        switch self {
        case .importDocuments(let payload): return payload.source
        case .code: return "code"
        case .uncode: return "uncode"
        case .codingMemo(let change): return change.legacyCodingID == nil ? "coding.memo.set" : "coding.memo"
        case .documentMemo: return "document.memo"
        case .document(let edit): return "document.\(edit.operation.rawValue)"
        case .cases(let edit): return edit.operation == .import || edit.operation == .link
            ? "cases.\(edit.operation.rawValue)" : "case.\(edit.operation.rawValue)"
        case .coders(let edit): return "coder.\(edit.operation.rawValue)"
        case .codebook(let edit): return "codebook.\(edit.operation.rawValue)"
        case .bulkCodings(let bulk): return bulk.source
        case .team(let event): return event.kind
        case .undo: return "undo"
        case .redo: return "redo"
        case .unknown(let name): return name
        }
    }

    /// The JSON stored in the `after` column for this action (`before` stays empty for new
    /// entries: the changeset holds the rows as they were).
    func encodedPayload() throws -> String? {
        switch self {
        case .importDocuments(let payload): return try AuditJSON.encode(payload)
        case .code(let codings): return try AuditJSON.encode(codings)
        case .uncode(let codings): return try AuditJSON.encode(codings)
        case .codingMemo(let change): return try AuditJSON.encode(change)
        case .documentMemo(let change): return try AuditJSON.encode(change)
        case .document(let edit): return try AuditJSON.encode(edit)
        case .cases(let edit): return try AuditJSON.encode(edit)
        case .coders(let edit): return try AuditJSON.encode(edit)
        case .codebook(let edit): return try AuditJSON.encode(edit)
        case .bulkCodings(let bulk): return try AuditJSON.encode(bulk)
        case .team(let event): return try AuditJSON.encode(event)
        case .undo(let id): return try AuditJSON.encode(["undid": id])
        case .redo(let id): return try AuditJSON.encode(["redid": id])
        case .unknown: return nil
        }
    }

    /// Decodes a stored row, including every shape older qcode versions wrote.
    ///
    /// A payload that cannot be read still decodes (to a payload with what could be read),
    /// so that listing the log never fails; undo checks what it needs.
    public init(name: String, before: String?, after: String?) {
        func decode<T: Decodable>(_ type: T.Type, _ json: String?) -> T? {
            json.flatMap { try? JSONDecoder().decode(T.self, from: Data($0.utf8)) }
        }
        switch name {
        case "import", "refi.import", "merge.import":
            if let payload = decode(ImportedDocuments.self, after) {
                self = .importDocuments(payload)
            } else {
                // Format 2: `import` stored the names; `refi.import` the report's names.
                self = .importDocuments(ImportedDocuments(source: name, ids: [], names: decode([String].self, after) ?? []))
            }
        case "code":
            self = .code(decode([CodingSnapshot].self, after) ?? [])
        case "uncode":
            // Format 2 stored the removed codings as `before`; format 3 as `after`.
            self = .uncode(decode([CodingSnapshot].self, after) ?? decode([CodingSnapshot].self, before) ?? [])
        case "coding.memo.set":
            if let change = decode(CodingMemoChange.self, after), change.before != nil || change.after != nil {
                self = .codingMemo(change)
            } else {
                self = .codingMemo(CodingMemoChange(before: decode(CodingSnapshot.self, before),
                                                    after: decode(CodingSnapshot.self, after)))
            }
        case "coding.memo":
            self = .codingMemo(CodingMemoChange(before: nil, after: nil, legacyCodingID: -1,
                                                legacyBefore: decode(String.self, before),
                                                legacyAfter: decode(String.self, after)))
        case "document.memo":
            if let change = decode(DocumentMemoChange.self, after) {
                self = .documentMemo(change)
            } else {
                self = .documentMemo(DocumentMemoChange(document: "", before: decode(String.self, before),
                                                        after: decode(String.self, after)))
            }
        case "undo":
            self = .undo(entry: decode([String: Int64].self, after)?["undid"] ?? -1)
        case "redo":
            self = .redo(entry: decode([String: Int64].self, after)?["redid"] ?? -1)
        case "codings.import", "codings.add", "reconcile", "bench", "search.code":
            self = .bulkCodings(decode(BulkCodings.self, after) ?? BulkCodings(source: name, count: nil))
        case "merge", "copy", "pseudonymise":
            self = .team(decode(TeamEvent.self, after) ?? TeamEvent(kind: name, detail: nil))
        default:
            if let operation = name.split(separator: ".", maxSplits: 1).last.map(String.init) {
                if name.hasPrefix("document."), let op = DocumentEdit.Operation(rawValue: operation) {
                    self = .document(decode(DocumentEdit.self, after) ?? DocumentEdit(operation: op, document: ""))
                    return
                }
                if name.hasPrefix("case"), let op = CaseEdit.Operation(rawValue: operation) {
                    self = .cases(decode(CaseEdit.self, after) ?? CaseEdit(operation: op, subjects: []))
                    return
                }
                if name.hasPrefix("coder."), let op = CoderEdit.Operation(rawValue: operation),
                   let edit = decode(CoderEdit.self, after) {
                    _ = op
                    self = .coders(edit)
                    return
                }
                if name.hasPrefix("codebook."), let op = CodebookEdit.Operation(rawValue: operation) {
                    self = .codebook(decode(CodebookEdit.self, after) ?? CodebookEdit(operation: op, subjects: []))
                    return
                }
            }
            self = .unknown(name: name)
        }
    }

    /// Whether this entry is itself an undo or redo (those are not undone, but redone).
    var isUndoOrRedo: Bool {
        switch self {
        case .undo, .redo: return true
        default: return false
        }
    }
}

/// The JSON form of audit payloads: sorted keys, so entries compare byte for byte.
enum AuditJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
