import Foundation

/// Why a document could not be renamed, removed or replaced.
public enum DocumentLifecycleError: Error, CustomStringConvertible, Equatable {
    case emptyName
    case nameTaken(String)
    /// The document has codings; removing it needs the caller's explicit consent.
    case hasCodings(document: String, codings: Int, memos: Int)

    public var description: String {
        switch self {
        case .emptyName:
            return "a document name cannot be empty"
        case .nameTaken(let name):
            return "a document named '\(name)' is already in the project"
        case .hasCodings(let document, let codings, let memos):
            return "document '\(document)' has \(codings) coding(s)\(memos > 0 ? " (\(memos) with a memo)" : "") that would be removed with it"
        }
    }
}

/// What removing a document took with it.
public struct DocumentRemoval: Sendable, Equatable {
    public var document: String
    public var codings: Int
    /// Coding memos removed, plus one if the document had a memo.
    public var memos: Int
}

extension Project {
    /// Renames a document. Names are unique ignoring case.
    ///
    /// - Returns: the old and the new name.
    @discardableResult
    public func renameDocument(_ query: String, to newName: String) throws -> (old: String, new: String) {
        let name = newName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw DocumentLifecycleError.emptyName }
        return try write { store in
            let id = try store.documentID(query)
            guard let document = try store.documentRecord(id) else { throw DocumentLookupError.notFound(query) }
            if let other = try store.documentNamed(name, except: id) {
                throw DocumentLifecycleError.nameTaken(other.name)
            }
            guard document.name != name else { return (document.name, name) }
            try store.renameDocument(id, to: name)
            try store.record(.document(DocumentEdit(operation: .rename, document: document.name, detail: name)),
                             summary: "renamed document \(document.name) to \(name)")
            return (document.name, name)
        }
    }

    /// Removes a document with its turns. A document with codings is removed only when
    /// `force` is true; the result says how many codings and memos went with it.
    @discardableResult
    public func removeDocument(_ query: String, force: Bool = false) throws -> DocumentRemoval {
        try write { store in
            let id = try store.documentID(query)
            guard let document = try store.documentRecord(id) else { throw DocumentLookupError.notFound(query) }
            let counts = try store.codingCounts(ofDocument: id)
            if counts.codings > 0 && !force {
                throw DocumentLifecycleError.hasCodings(document: document.name, codings: counts.codings, memos: counts.memos)
            }
            try store.deleteDocument(id)
            let removal = DocumentRemoval(document: document.name, codings: counts.codings,
                                          memos: counts.memos + (document.memo == nil ? 0 : 1))
            try store.record(.document(DocumentEdit(operation: .remove, document: document.name, lostCodings: counts.codings)),
                             summary: "removed document \(document.name) (\(counts.codings) coding(s), \(removal.memos) memo(s))")
            return removal
        }
    }
}

/// What replacing a document's text did to its codings.
///
/// Offsets are Unicode scalar offsets into the stored NFC text: `old` into the text that
/// was replaced, `new` into the replacement.
public struct DocumentReplacement: Sendable, Equatable {
    /// A coding that followed its words.
    public struct Moved: Sendable, Equatable {
        public var codingID: Int64
        public var code: String
        public var coder: String
        public var old: TextSpan
        public var new: TextSpan
    }

    /// A coding whose words were deleted: it is not kept.
    public struct Lost: Sendable, Equatable {
        public var codingID: Int64
        public var code: String
        public var coder: String
        public var old: TextSpan
        /// The coded text as it was.
        public var text: String
        /// Why: its text was deleted, or it now coincides with another coding of the same
        /// code by the same coder (the two are merged into one).
        public var reason: String
    }

    public var document: String
    /// Codings whose range is unchanged.
    public var unchanged: Int
    public var moved: [Moved]
    public var lost: [Lost]
    public var turns: Int
    public var characters: Int
}

extension DocumentLifecycleError {
    /// The replacement file holds no document, or several.
    static func notOneDocument(_ file: String, _ count: Int) -> ImportError {
        ImportError(file: file, reason: count == 0 ? "holds no document" : "holds \(count) documents; a replacement must be one")
    }
}

extension Project {
    /// Replaces a document's text with a corrected version read from `url`, keeping its id,
    /// name, case and memo. Every coding follows its words (a diff of the old and new
    /// text, see `TextRevision`); a coding whose words were all deleted is listed and not
    /// kept. Turns, paragraphs and sentences are re-split from the new text. One
    /// transaction, recorded in the audit log: `undo` brings back the old text and every
    /// coding exactly.
    public func replaceDocument(
        _ query: String, with url: URL, options: ImportOptions = .init()
    ) throws -> DocumentReplacement {
        let parsed = try DocumentReader.read(contentsOf: url, options: options)
        guard parsed.count == 1, let replacement = parsed.first else {
            throw DocumentLifecycleError.notOneDocument(url.path, parsed.count)
        }
        return try replaceDocument(query, with: replacement, sourceFile: url.path)
    }

    /// Replaces a document's text with `replacement` (see `replaceDocument(_:with:options:)`).
    public func replaceDocument(_ query: String, with replacement: ParsedDocument, sourceFile: String) throws -> DocumentReplacement {
        try write { store in
            let id = try store.documentID(query)
            guard let document = try store.documentRecord(id) else { throw DocumentLookupError.notFound(query) }
            let oldText = ScalarText(document.text)
            let revision = TextRevision(old: oldText.scalars, new: Array(replacement.text.unicodeScalars))
            let codings = try store.documentCodings(id)
            let relocation = revision.relocate(codings) { $0.span }
            var result = DocumentReplacement(document: document.name, unchanged: 0, moved: [], lost: [],
                                             turns: replacement.turns.count,
                                             characters: replacement.text.unicodeScalars.count)
            for lost in relocation.lost {
                result.lost.append(.init(codingID: lost.item.id, code: lost.item.codePath, coder: lost.item.coder,
                                         old: lost.old, text: oldText.slice(lost.old.start, lost.old.end),
                                         reason: "its text was deleted"))
            }
            // Two codings of one code by one coder may land on the same words: keep the first.
            var taken: Set<String> = []
            var moves: [(Int64, TextSpan)] = []
            for kept in relocation.kept {
                let key = "\(kept.item.codeID)\u{1F}\(kept.item.coder)\u{1F}\(kept.new.start)\u{1F}\(kept.new.end)"
                guard taken.insert(key).inserted else {
                    result.lost.append(.init(codingID: kept.item.id, code: kept.item.codePath, coder: kept.item.coder,
                                             old: kept.old, text: oldText.slice(kept.old.start, kept.old.end),
                                             reason: "it now covers the same words as another coding of the same code by the same coder"))
                    continue
                }
                if kept.new == kept.old {
                    result.unchanged += 1
                } else {
                    moves.append((kept.item.id, kept.new))
                    result.moved.append(.init(codingID: kept.item.id, code: kept.item.codePath, coder: kept.item.coder,
                                              old: kept.old, new: kept.new))
                }
            }
            for lost in result.lost { try store.deleteCoding(id: lost.codingID) }
            try store.replaceDocumentText(id, with: replacement, sourceFile: sourceFile,
                                          sha256: ContentHash.of(replacement.text))
            try store.moveCodings(moves)
            try store.record(.document(DocumentEdit(operation: .replace, document: document.name,
                                                    detail: (sourceFile as NSString).lastPathComponent,
                                                    lostCodings: result.lost.count)),
                             summary: "replaced the text of \(document.name) (\(result.moved.count) coding(s) moved, \(result.lost.count) lost)")
            return result
        }
    }
}
